import { streamText, convertToModelMessages, stepCountIs, type UIMessage, type ToolSet } from 'ai';
import { openai } from '@ai-sdk/openai';
import { composio } from '@/lib/composio';
import { composioUserId } from '@/lib/composio';
import { chatToolsFor, TOOLS } from '@/lib/tools';
import { getAssistantSession } from '@/lib/session';
import { userOrThrow, jsonError } from '@/lib/auth';
import { recordToolRun } from '@/lib/db';

export const runtime = 'nodejs';
export const maxDuration = 60;

type ChatMode = 'direct' | 'router';

interface ChatRequestBody {
  messages: UIMessage[];
  mode?: ChatMode;
}

const SYSTEM_PROMPT = `You are Relay, an assistant that works inside the user's tools.
- Prefer doing the task over explaining how to do it.
- If a tool says the account is not connected, ask the user to connect it
  from Settings -> Integrations and stop.
- Never send an email or post a message without showing the draft first,
  unless the user said "send it".
Today is ${new Date().toDateString()}.`;

// "/star owner/repo" is handled without the model: it is the demo on the
// landing page and it has to be instant.
const STAR_COMMAND = /^\/star\s+([\w.-]+)\/([\w.-]+)\s*$/;
// "/email ..." narrows the model to mail tools so it does not wander off.
const EMAIL_COMMAND = /^\/email\b/;

function lastUserText(messages: UIMessage[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  return last.parts
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('')
    .trim();
}

async function handleStarCommand(userId: string, owner: string, repo: string): Promise<Response> {
  const result = await composio!.tools.execute(TOOLS.github.star, {
    userId,
    arguments: { owner, repo },
  });

  await recordToolRun({
    userId,
    tool: TOOLS.github.star,
    ok: result.successful,
    error: result.error,
    logId: result.logId,
    source: 'chat',
  });

  const text = result.successful
    ? `Starred ${owner}/${repo} on GitHub.`
    : `Could not star ${owner}/${repo}: ${result.error ?? 'unknown error'}`;
  return Response.json({ role: 'assistant', text });
}

async function loadTools(
  userId: string,
  mode: ChatMode,
  plan: Parameters<typeof chatToolsFor>[0],
  prompt: string,
): Promise<ToolSet> {
  if (EMAIL_COMMAND.test(prompt)) {
    return composio.tools.get(userId, {
      tools: ['COMPOSIO_SEARCH_TOOLS', 'GMAIL_SEND_EMAIL', 'GMAIL_CREATE_EMAIL_DRAFT', 'GMAIL_FETCH_EMAILS'],
    });
  }

  if (mode === 'router') {
    const session = await getAssistantSession(userId, plan);
    return session.tools();
  }

  // Direct mode: a fixed list of app tools plus the search meta tool so the
  // model can still find something we did not anticipate.
  const tools = await composio.tools.get(userId, {
    tools: chatToolsFor(plan),
  });
  return tools;
}

export async function POST(req: Request) {
  let user;
  try {
    user = await userOrThrow();
  } catch (err) {
    return jsonError(err);
  }

  const { messages, mode = 'direct' }: ChatRequestBody = await req.json();
  const userId = composioUserId(user);

  const prompt = lastUserText(messages);
  const command = STAR_COMMAND.exec(prompt);
  if (command) {
    return handleStarCommand(userId, command[1], command[2]);
  }

  let tools: ToolSet;
  try {
    tools = await loadTools(userId, mode, user.plan, prompt);
  } catch (err) {
    return jsonError(err, 502);
  }
  console.log(`[chat] ${Object.keys(tools).length} tools (${mode}) for ${userId}`);

  const result = streamText({
    model: openai('gpt-4.1-mini'),
    system: SYSTEM_PROMPT,
    messages: await convertToModelMessages(messages),
    tools,
    stopWhen: stepCountIs(8),
    onStepFinish: async ({ toolResults }) => {
      for (const r of toolResults) {
        await recordToolRun({ userId, tool: r.toolName, ok: true, source: 'chat' });
      }
    },
    onError: ({ error }) => {
      console.error('[chat] stream failed', error);
    },
  });

  return result.toUIMessageStreamResponse();
}
