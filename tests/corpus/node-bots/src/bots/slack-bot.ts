/**
 * Slack front-end for opsbot.
 *
 *   @opsbot <anything>         -> agent loop with Composio tools
 *   /ops connect <toolkit>     -> OAuth link
 *   /ops triage <owner/repo>   -> GitHub triage report into the channel
 *   /ops quick <request>       -> single-shot tool call (no loop)
 */
import { App, LogLevel } from '@slack/bolt';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { getComposio, TOOL, composioUserId } from '../lib/composio-client';
import { ConnectionNeededError, ConnectionService } from '../services/ConnectionService';
import { GithubTriageService } from '../services/GithubTriageService';

const MODEL = process.env.OPSBOT_MODEL ?? 'gpt-4o-mini';
const MAX_STEPS = 6;
const MAX_TOOL_OUTPUT = 12_000;

// Meta tools first so the model can discover things we didn't preload.
const AGENT_TOOLS = [
  'COMPOSIO_SEARCH_TOOLS',
  'COMPOSIO_MANAGE_CONNECTIONS',
  TOOL.SEND_EMAIL,
  TOOL.FETCH_EMAILS,
  TOOL.CREATE_ISSUE,
  TOOL.LIST_ISSUES,
  TOOL.SLACK_POST,
  TOOL.NOTION_PAGE,
  TOOL.LINEAR_ISSUE,
  TOOL.CALENDAR_EVENT,
];

// Tools that touch the outside world; the bot asks before running them in public channels.
const NEEDS_CONFIRMATION = new Set<string>([TOOL.SEND_EMAIL, TOOL.CALENDAR_EVENT]);

const SYSTEM_PROMPT = `You are opsbot, the ops assistant for a small engineering team.
Use the tools to act on GitHub, Gmail, Slack, Notion, Linear and Google Calendar.
If a tool says the account is not connected, tell the user to run "/ops connect <toolkit>".
Keep answers short; Slack mrkdwn only.`;

const composio = getComposio();
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const connections = new ConnectionService(composio);
const triage = new GithubTriageService(composio);

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  socketMode: true,
  appToken: process.env.SLACK_APP_TOKEN,
  logLevel: process.env.NODE_ENV === 'production' ? LogLevel.INFO : LogLevel.DEBUG,
});

function truncate(text: string, max = MAX_TOOL_OUTPUT): string {
  return text.length > max ? `${text.slice(0, max)}…(truncated)` : text;
}

function safeParse(raw: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

interface AgentRun {
  answer: string;
  toolsUsed: string[];
}

/** The agent loop: ask the model, run whatever tools it picked, repeat. */
async function runAgent(userId: string, prompt: string, opts: { publicChannel: boolean }): Promise<AgentRun> {
  const tools = await composio.tools.get(userId, { tools: AGENT_TOOLS });
  console.log(`[slack-bot] ${tools.length} tools for ${userId}: ${tools.map((t) => (t.type === 'function' ? t.function.name : t.custom.name)).join(', ')}`);

  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: prompt },
  ];
  const toolsUsed: string[] = [];

  for (let step = 0; step < MAX_STEPS; step++) {
    const completion = await openai.chat.completions.create({ model: MODEL, messages, tools, tool_choice: 'auto' });
    const message = completion.choices[0]?.message;
    if (!message) break;
    messages.push(message);

    if (!message.tool_calls || message.tool_calls.length === 0) {
      return { answer: message.content ?? '(no answer)', toolsUsed };
    }

    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      const toolName = call.function.name;
      const args = safeParse(call.function.arguments);

      if (opts.publicChannel && NEEDS_CONFIRMATION.has(toolName)) {
        messages.push({
          role: 'tool',
          tool_call_id: call.id,
          content: JSON.stringify({ error: `${toolName} needs confirmation; ask the user to DM opsbot instead` }),
        });
        continue;
      }

      toolsUsed.push(toolName);
      try {
        const result = await composio.tools.execute(toolName, {
          userId,
          arguments: args,
          dangerouslySkipVersionCheck: true,
        });
        const payload = result.successful ? result.data : { error: result.error };
        messages.push({ role: 'tool', tool_call_id: call.id, content: truncate(JSON.stringify(payload)) });
      } catch (err) {
        messages.push({
          role: 'tool',
          tool_call_id: call.id,
          content: JSON.stringify({ error: (err as Error).message ?? String(err) }),
        });
      }
    }
  }
  return { answer: "I ran out of steps before finishing, try a narrower request.", toolsUsed };
}

/** One model call, tools executed by the provider helper, no follow-up. */
async function quickRun(userId: string, request: string): Promise<string> {
  const tools = await composio.tools.get(userId, { toolkits: ['github', 'slack', 'gmail'], limit: 20 });
  const completion = await openai.chat.completions.create({
    model: MODEL,
    messages: [
      { role: 'system', content: 'Call exactly one tool that fulfils the request.' },
      { role: 'user', content: request },
    ],
    tools,
  });
  const toolMessages = await composio.provider.handleToolCalls(userId, completion);
  if (toolMessages.length === 0) {
    return completion.choices[0]?.message.content ?? 'Nothing to do.';
  }
  return toolMessages.map((m) => truncate(String(m.content), 500)).join('\n');
}

app.event('app_mention', async ({ event, say, client }: any) => {
  const userId = composioUserId('slack', event.user);
  const prompt = String(event.text).replace(/<@[^>]+>/g, '').trim();
  const thread_ts = event.thread_ts ?? event.ts;

  await client.reactions.add({ channel: event.channel, timestamp: event.ts, name: 'eyes' }).catch(() => undefined);
  try {
    const { answer, toolsUsed } = await runAgent(userId, prompt, { publicChannel: event.channel_type !== 'im' });
    const footer = toolsUsed.length ? `\n_used: ${[...new Set(toolsUsed)].join(', ')}_` : '';
    await say({ text: `${answer}${footer}`, thread_ts });
  } catch (err) {
    console.error('[slack-bot] agent failed', err);
    await say({ text: `:warning: something broke: ${(err as Error).message}`, thread_ts });
  }
});

app.command('/ops', async ({ command, ack, respond }: any) => {
  await ack();
  const [sub, ...rest] = String(command.text ?? '').trim().split(/\s+/);
  const userId = composioUserId('slack', command.user_id);

  switch (sub) {
    case 'connect': {
      const toolkit = (rest[0] ?? '').toLowerCase();
      if (!toolkit) return respond('usage: `/ops connect <toolkit>`');
      try {
        await connections.requireConnection(userId, toolkit);
        return respond(`:white_check_mark: ${toolkit} is already connected.`);
      } catch (err) {
        if (err instanceof ConnectionNeededError) {
          return respond({ response_type: 'ephemeral', text: `<${err.redirectUrl}|Connect ${toolkit}>` });
        }
        throw err;
      }
    }
    case 'status': {
      const summary = await connections.summary(userId, ['github', 'gmail', 'slack', 'notion', 'linear']);
      const lines = summary.map((s) => `${s.connected ? ':large_green_circle:' : s.needsReauth ? ':large_orange_circle:' : ':white_circle:'} ${s.toolkit}`);
      return respond({ response_type: 'ephemeral', text: lines.join('\n') });
    }
    case 'triage': {
      const repo = rest[0];
      if (!repo) return respond('usage: `/ops triage owner/repo`');
      const report = await triage.buildReport(userId, repo);
      const ts = await triage.postReport(userId, command.channel_name, report);
      return respond(ts ? 'Report posted.' : `Could not post the report (${report.total} open issues).`);
    }
    case 'quick':
      return respond(await quickRun(userId, rest.join(' ')));
    default:
      return respond('commands: `connect`, `status`, `triage`, `quick`');
  }
});

(async () => {
  await app.start();
  console.log(`[slack-bot] up, model=${MODEL}`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
