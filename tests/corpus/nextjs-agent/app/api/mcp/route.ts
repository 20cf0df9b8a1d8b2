import { NextResponse } from 'next/server';
import { composio, composioUserId } from '@/lib/composio';
import { mcpEndpointFor } from '@/lib/session';
import { userOrThrow, jsonError } from '@/lib/auth';

// "Use Relay from Claude / Cursor": gives the signed-in user an MCP endpoint
// bound to their connections.
//
// Two sources:
//  - the tool-router session (default, follows the user's plan)
//  - a fixed MCP server config made once with composio.mcp.create() for the
//    enterprise workspaces that want a frozen tool list (COMPOSIO_MCP_CONFIG_ID)

const MCP_CONFIG_ID = process.env.COMPOSIO_MCP_CONFIG_ID;

type ClientKind = 'claude' | 'cursor' | 'raw';

function clientSnippet(kind: ClientKind, url: string, headers: Record<string, string>) {
  switch (kind) {
    case 'claude':
      return {
        mcpServers: {
          relay: { command: 'npx', args: ['-y', 'mcp-remote', url, ...headerArgs(headers)] },
        },
      };
    case 'cursor':
      return { mcpServers: { relay: { url, headers } } };
    default:
      return { url, headers };
  }
}

function headerArgs(headers: Record<string, string>): string[] {
  return Object.entries(headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]);
}

export async function GET(req: Request) {
  const kind = (new URL(req.url).searchParams.get('client') ?? 'raw') as ClientKind;

  try {
    const user = await userOrThrow();
    const userId = composioUserId(user);

    if (MCP_CONFIG_ID && user.plan === 'team') {
      const instance = await composio.mcp.generate(userId, MCP_CONFIG_ID, {
        manuallyManageConnections: false,
      });
      return NextResponse.json({
        source: 'server-config',
        url: instance.url,
        tools: instance.allowedTools,
        config: clientSnippet(kind, instance.url, {}),
      });
    }

    const endpoint = await mcpEndpointFor(userId, user.plan);
    return NextResponse.json({
      source: 'session',
      sessionId: endpoint.sessionId,
      url: endpoint.url,
      config: clientSnippet(kind, endpoint.url, endpoint.headers),
    });
  } catch (err) {
    return jsonError(err);
  }
}
