/**
 * Personal MCP endpoints for Cursor / Claude Desktop.
 *
 * `provisionTeamServer()` creates (once) a shared MCP server config limited to
 * the tools we trust, and `urlFor(userId)` returns the per-user URL. The newer
 * `sessionUrlFor()` uses a tool-router session instead; we're trialling it with
 * a couple of people before switching everyone.
 */
import { getComposio, TOOL } from '../lib/composio-client';

const SERVER_NAME = process.env.OPSBOT_MCP_SERVER_NAME ?? 'opsbot-team';

const MCP_TOOLKITS = ['github', 'linear', 'notion', 'slack'];
const MCP_ALLOWED_TOOLS: string[] = [
  TOOL.CREATE_ISSUE,
  TOOL.LIST_ISSUES,
  TOOL.COMMENT_ON_ISSUE,
  TOOL.LINEAR_ISSUE,
  TOOL.NOTION_PAGE,
  TOOL.SLACK_POST,
  TOOL.SLACK_CHANNELS,
];

export interface McpEndpoint {
  userId: string;
  url: string;
  headers?: Record<string, string>;
  kind: 'server' | 'session';
  tools: number;
}

let cachedServerId: string | null = process.env.OPSBOT_MCP_SERVER_ID ?? null;

export async function provisionTeamServer(): Promise<string> {
  if (cachedServerId) return cachedServerId;
  const composio = getComposio();

  const existing = await composio.mcp.list({ name: SERVER_NAME, page: 1, limit: 10, toolkits: [], authConfigs: [] });
  const found = existing.items.find((s) => s.name === SERVER_NAME);
  if (found) {
    cachedServerId = found.id;
    return found.id;
  }

  const server = await composio.mcp.create(SERVER_NAME, {
    toolkits: MCP_TOOLKITS,
    allowedTools: MCP_ALLOWED_TOOLS,
    manuallyManageConnections: false,
  });
  console.log(`[mcp] created ${server.name} (${server.id}) with ${server.allowedTools.length} tools`);
  console.log(`[mcp] claude: ${server.commands.claude}`);
  cachedServerId = server.id;
  return server.id;
}

export async function urlFor(userId: string): Promise<McpEndpoint> {
  const serverId = await provisionTeamServer();
  const instance = await getComposio().mcp.generate(userId, serverId);
  return { userId, url: instance.url, kind: 'server', tools: instance.allowedTools.length };
}

/** Tool-router session variant: one URL, meta tools, connections handled in-chat. */
export async function sessionUrlFor(userId: string): Promise<McpEndpoint> {
  const composio = getComposio();
  const session = await composio.create(userId, {
    toolkits: MCP_TOOLKITS,
    manageConnections: true,
    mcp: true,
  });
  const tools = await session.tools();
  return {
    userId,
    url: session.mcp.url,
    headers: session.mcp.headers,
    kind: 'session',
    tools: tools.length,
  };
}

/** Slack message with install instructions, sent by `/ops mcp`. */
export function installInstructions(endpoint: McpEndpoint): string {
  const headerNote = endpoint.headers && Object.keys(endpoint.headers).length
    ? `\nAlso add these headers: \`${JSON.stringify(endpoint.headers)}\``
    : '';
  return [
    `Your personal MCP endpoint (${endpoint.tools} tools):`,
    '```',
    endpoint.url,
    '```',
    'Cursor: Settings → MCP → Add new server → type "streamable http", paste the URL.',
    `Claude Desktop: \`npx @composio/mcp@latest setup "${endpoint.url}" opsbot --client claude\`${headerNote}`,
    '_Do not share this URL, it acts as you._',
  ].join('\n');
}

export async function sendInstructions(userId: string, slackUserId: string, useSession = false): Promise<boolean> {
  const endpoint = useSession ? await sessionUrlFor(userId) : await urlFor(userId);
  const res = await getComposio().tools.execute(TOOL.SLACK_POST, {
    userId: 'ops-team',
    arguments: { channel: slackUserId, markdown_text: installInstructions(endpoint) },
    dangerouslySkipVersionCheck: true,
  });
  return res.successful;
}
