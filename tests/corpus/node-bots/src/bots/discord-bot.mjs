// Discord front-end. Still on the legacy toolset for tool schemas + execution
// (entity ids = "discord:<snowflake>"); connection checks already use the new SDK.
// Run with: node src/bots/discord-bot.mjs
import 'dotenv/config';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import OpenAI from 'openai';
import { ComposioError } from 'composio-core';
import { ComposioConnectedAccountNotFoundError } from '@composio/core';
import { composio, toolset } from '../lib/composio.js';
import { TOOLS, AUTH_CONFIGS } from '../lib/constants.js';

const MODEL = process.env.OPSBOT_MODEL ?? 'gpt-4o-mini';
const MAX_STEPS = 5;
const USE_V3_EXECUTE = process.env.OPSBOT_DISCORD_V3 === '1';

const openai = new OpenAI();
const discord = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
  partials: [Partials.Channel],
});

const entityIdFor = (user) => `discord:${user.id}`;

// cache tool schemas per entity for 10 minutes, the legacy getTools call is slow
const toolCache = new Map();

async function toolsFor(entityId) {
  const hit = toolCache.get(entityId);
  if (hit && Date.now() - hit.at < 10 * 60 * 1000) return hit.tools;

  const tools = await toolset.getTools(
    {
      actions: [TOOLS.CREATE_ISSUE, TOOLS.LIST_ISSUES, TOOLS.COMMENT_ON_ISSUE, TOOLS.SLACK_POST_LEGACY, TOOLS.NOTION_PAGE],
    },
    entityId,
  );
  toolCache.set(entityId, { tools, at: Date.now() });
  return tools;
}

/** Run one tool call chosen by the model. */
async function runTool(entityId, toolName, args) {
  if (USE_V3_EXECUTE) {
    const res = await composio.tools.execute(toolName, {
      userId: entityId,
      arguments: args,
      dangerouslySkipVersionCheck: true,
    });
    return { ok: res.successful, data: res.data, error: res.error };
  }
  const res = await toolset.executeAction({ action: toolName, params: args, entityId });
  return { ok: res.successful, data: res.data, error: res.error };
}

async function hasGithub(entityId) {
  const { items } = await composio.connectedAccounts.list({
    userIds: [entityId],
    toolkitSlugs: ['github'],
    statuses: ['ACTIVE'],
  });
  return items.length > 0;
}

async function connectLink(entityId, appName) {
  // legacy flow still owns the Discord onboarding
  const entity = await toolset.getEntity(entityId);
  const request = await entity.initiateConnection({ appName, redirectUri: process.env.PUBLIC_URL + '/connected' });
  return request.redirectUrl;
}

async function agent(entityId, prompt) {
  const tools = await toolsFor(entityId);
  const messages = [
    {
      role: 'system',
      content:
        'You are opsbot on Discord. Use the tools for GitHub, Slack and Notion work. ' +
        'Reply in plain text, no more than a few sentences.',
    },
    { role: 'user', content: prompt },
  ];

  for (let i = 0; i < MAX_STEPS; i++) {
    const completion = await openai.chat.completions.create({ model: MODEL, messages, tools });
    const msg = completion.choices[0].message;
    messages.push(msg);
    if (!msg.tool_calls?.length) return msg.content;

    for (const call of msg.tool_calls) {
      const toolName = call.function.name;
      let args = {};
      try {
        args = JSON.parse(call.function.arguments || '{}');
      } catch {
        /* model sent junk, run with no args and let the tool complain */
      }
      let content;
      try {
        const out = await runTool(entityId, toolName, args);
        content = JSON.stringify(out.ok ? out.data : { error: out.error }).slice(0, 8000);
      } catch (err) {
        if (err instanceof ComposioError || err instanceof ComposioConnectedAccountNotFoundError) {
          const app = toolName.split('_')[0].toLowerCase();
          content = JSON.stringify({ error: `not connected to ${app}`, link: await connectLink(entityId, app) });
        } else {
          content = JSON.stringify({ error: String(err?.message ?? err) });
        }
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content });
    }
  }
  return 'That took too many steps, sorry.';
}

discord.on(Events.MessageCreate, async (message) => {
  if (message.author.bot) return;
  if (message.guildId && !message.mentions.has(discord.user)) return;

  const entityId = entityIdFor(message.author);
  const prompt = message.content.replace(/<@!?\d+>/g, '').trim();

  if (prompt === '!connect') {
    if (await hasGithub(entityId)) return message.reply('GitHub is already connected ✅');
    const link = AUTH_CONFIGS.github
      ? (await composio.connectedAccounts.link(entityId, AUTH_CONFIGS.github)).redirectUrl
      : await connectLink(entityId, 'github');
    return message.reply(`Connect GitHub here: ${link}`);
  }

  await message.channel.sendTyping();
  try {
    const answer = await agent(entityId, prompt);
    await message.reply((answer || '(no answer)').slice(0, 1900));
  } catch (err) {
    console.error('[discord-bot]', err);
    await message.reply(`Something went wrong: ${err.message}`);
  }
});

discord.once(Events.ClientReady, (c) => {
  console.log(`[discord-bot] logged in as ${c.user.tag} (v3 execute: ${USE_V3_EXECUTE})`);
});

await discord.login(process.env.DISCORD_TOKEN);
