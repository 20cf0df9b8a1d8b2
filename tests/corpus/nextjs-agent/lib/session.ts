import { composio, getComposio } from '@/lib/composio';
import { PLAN_TOOLKITS, authConfigFor, type Plan, type ToolkitSlug } from '@/lib/tools';

/**
 * Tool-router sessions.
 *
 * In "router" mode the model does not get every tool up front: it gets the
 * meta tools (search / manage connections / multi-execute) and discovers what
 * it needs. A session is cheap but not free, so we keep one per user for a
 * while and hand its MCP URL to external clients (Claude Desktop, Cursor).
 */

interface CachedSession {
  sessionId: string;
  mcpUrl: string;
  mcpHeaders?: Record<string, string>;
  toolkits: string[];
  createdAt: number;
}

const SESSION_TTL_MS = 30 * 60 * 1000;
const sessions = new Map<string, CachedSession>();

function appUrl(path: string): string {
  const base = process.env.NEXT_PUBLIC_APP_URL ?? 'http://localhost:3000';
  return `${base.replace(/\/$/, '')}${path}`;
}

function authConfigsFor(toolkits: readonly ToolkitSlug[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const slug of toolkits) {
    const id = authConfigFor(slug);
    if (id) map[slug] = id;
  }
  return map;
}

/** Creates a fresh session for the user's plan and remembers it. */
export async function createAssistantSession(userId: string, plan: Plan) {
  const toolkits = PLAN_TOOLKITS[plan];

  const session = await composio.create(userId, {
    toolkits: [...toolkits],
    authConfigs: authConfigsFor(toolkits),
    manageConnections: {
      enable: true,
      callbackUrl: appUrl('/settings/integrations?from=assistant'),
    },
    mcp: true,
  });

  sessions.set(userId, {
    sessionId: session.sessionId,
    mcpUrl: session.mcp.url,
    mcpHeaders: session.mcp.headers,
    toolkits: [...toolkits],
    createdAt: Date.now(),
  });

  return session;
}

/** Reuses the cached session when it is still fresh. */
export async function getAssistantSession(userId: string, plan: Plan) {
  const cached = sessions.get(userId);
  if (cached && Date.now() - cached.createdAt < SESSION_TTL_MS) {
    try {
      return await getComposio().use(cached.sessionId, { mcp: true });
    } catch (err) {
      // Sessions expire server-side too; fall through and make a new one.
      console.warn(`[session] could not resume ${cached.sessionId}`, err);
      sessions.delete(userId);
    }
  }
  return createAssistantSession(userId, plan);
}

/** The MCP endpoint for external clients; creates a session if needed. */
export async function mcpEndpointFor(userId: string, plan: Plan) {
  const session = await getAssistantSession(userId, plan);
  const { url, headers } = session.mcp;
  return { url, headers: headers ?? {}, sessionId: session.sessionId };
}

/** Which of the session's toolkits the user has actually connected. */
export async function connectedToolkits(userId: string, plan: Plan): Promise<string[]> {
  const session = await getAssistantSession(userId, plan);
  const { items } = await session.toolkits({ isConnected: true });
  return items
    .filter((t) => t.connection?.isActive)
    .map((t) => t.slug);
}

export function forgetSession(userId: string): void {
  sessions.delete(userId);
}
