import { createHash } from 'node:crypto';
import type { Mappings } from '../../src/mappings/load.js';
import { nameProblem } from './name-expressions.js';
import { resolveTool, resolveToolkit, isWritable } from './names.js';

/**
 * The Scalekit MCP config a Composio MCP server or session becomes, for both languages and the plan.
 *
 * Scalekit's MCP model that scalekit-sdk-python 2.10 implements (read at scalekit-inc/scalekit-sdk-python
 * fb7ed22, `_version.py` 2.10.0): an MCP config maps connections to tools and is created once
 * (`client.actions.mcp.create_config(name, connection_tool_mappings=[McpConfigConnectionToolMapping(connection_name, tools)])`);
 * each user then gets a pre-authenticated URL of it (`client.actions.mcp.ensure_instance(config_name, user_identifier).instance.url`).
 * A mapping's empty tool list is every tool of the connection (the 2.10.0 proto: "empty = all tools").
 *
 *   composio.mcp.create("relay", toolkits=["gmail"], allowed_tools=["GMAIL_SEND_EMAIL"])  → config "relay" {gmail: gmail_send_message}
 *   composio.create(user_id=uid, toolkits=["gmail", "notion"]) then session.mcp.url      → config "mcp-gmail-notion" {gmail: all tools; notion: all tools}
 *   composio.mcp.generate(uid, os.environ["MCP_SERVER_ID"])                            → config "mcp-server" (a suggested name: not known from the code)
 *   "https://mcp.composio.dev/composio/server/<id>/mcp"                                 → config "mcp-server-<digest of the id>" (suggested)
 *
 * The findings name the config in one textual form (configText), which the plan reads back (parseConfigTexts).
 */
export interface McpConnection {
  connection: string;
  /** Scalekit tool names; empty: every tool of the connection. */
  tools: string[];
}

export interface McpConfigSpec {
  name: string;
  /** The code does not give the name (it builds it at run time, or reaches a server by id): this one is a suggestion. */
  suggested?: boolean;
  /** What the config maps; undefined when the code does not say. */
  connections?: McpConnection[];
}

/**
 * A Composio server's toolkits and allowed tools (Composio names) as Scalekit connections and tools, through the
 * verified tables: each toolkit is a connection, each allowed tool goes under the connection of its connector.
 * Without allowed tools a toolkit gives every tool. A name the catalogue does not back is a problem (its rule and
 * detail, as elsewhere): the caller keeps the call; it is left out of the connections.
 */
export function serverConnections(toolkits: string[], allowedTools: string[] | undefined, mappings: Mappings): { connections: McpConnection[]; problems: Array<{ rule: string; detail: string }> } {
  const problems: Array<{ rule: string; detail: string }> = [];
  const byConnection = new Map<string, string[]>();
  for (const toolkit of toolkits) {
    const resolution = resolveToolkit(toolkit, mappings);
    if (!resolution.ok) problems.push(nameProblem(toolkit, 'toolkit', mappings)!);
    else if (!byConnection.has(resolution.connection)) byConnection.set(resolution.connection, []);
  }
  if (allowedTools === undefined) return { connections: [...byConnection].map(([connection]) => ({ connection, tools: [] })), problems };
  const listed = new Map<string, string[]>();
  for (const slug of allowedTools) {
    const resolution = resolveTool(slug, mappings);
    if (!isWritable(resolution)) {
      problems.push(nameProblem(slug, 'tool', mappings)!);
      continue;
    }
    const connection = mappings.connections[resolution.connector] ?? resolution.connector;
    const tools = listed.get(connection) ?? [];
    if (!tools.includes(resolution.name)) tools.push(resolution.name);
    listed.set(connection, tools);
  }
  // Composio gave a listed toolkit none of its tools when no allowed tool was one of them: it has no mapping (an empty list would be all)
  const connections = [...byConnection.keys()].filter((c) => listed.has(c)).map((connection) => ({ connection, tools: listed.get(connection)! }));
  for (const [connection, tools] of listed) if (!byConnection.has(connection)) connections.push({ connection, tools });
  return { connections, problems };
}

/** A session's toolkits as a config: named for its connections, every tool of each (what the session gave). */
export function sessionConfig(toolkits: string[] | undefined, mappings: Mappings): McpConfigSpec {
  if (toolkits === undefined || toolkits.length === 0) return { name: 'mcp-session', suggested: true };
  const { connections } = serverConnections(toolkits, undefined, mappings);
  if (connections.length === 0) return { name: 'mcp-session', suggested: true };
  return { name: `mcp-${connections.map((c) => c.connection).join('-')}`.slice(0, 100), connections };
}

/**
 * A config the code does not name, from what it calls the server or the name by: a literal server id
 * (`mcp-server-` and a digest of it), an environment variable or a name (`MCP_SERVER_ID` → `mcp-server`,
 * `provisionTeamServer()` → `mcp-provision-team-server`).
 */
export function suggestedConfig(hint: { literal?: string; expression?: string }): McpConfigSpec {
  // a server id (or a URL holding one) may open the server to whoever has it: the name carries a digest of it, never the id
  if (hint.literal !== undefined) return { name: hint.literal ? `mcp-server-${createHash('sha256').update(hint.literal).digest('hex').slice(0, 6)}` : 'mcp-server', suggested: true };
  const names = [...(hint.expression ?? '').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).filter((n) => !/^(os|environ|getenv|get|process|env|await|self|this|settings|config|name|id)$/.test(n));
  const last = names[names.length - 1] ?? '';
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/_+/)
    .filter((w) => w !== '');
  while (words.length > 0 && /^(id|ids|get)$/.test(words[words.length - 1]!)) words.pop();
  if (words[0] === 'get') words.shift();
  const name = words.join('-');
  if (name === '') return { name: 'mcp-server', suggested: true };
  return { name: (words.includes('mcp') ? name : `mcp-${name}`).slice(0, 100), suggested: true };
}

/** A Composio hosted MCP URL's server: `…/v3/mcp/<id>/…`, `…/composio/server/<id>/…`; a toolkit's own (`…/partner/composio/gmail/…`) is that toolkit's. */
export function hostedUrlConfig(url: string, mappings: Mappings): McpConfigSpec {
  const toolkit = /\/partner\/composio\/([a-z0-9_]+)/i.exec(url);
  if (toolkit && resolveToolkit(toolkit[1]!, mappings).ok) return sessionConfig([toolkit[1]!], mappings);
  const id = /\/v3\/mcp\/([^/?#\s{]+)|\/composio\/server\/([^/?#\s{]+)/.exec(url);
  return suggestedConfig({ literal: id ? (id[1] ?? id[2]) : '' });
}

/** `MCP config "relay" {gmail: gmail_send_message; notion: all tools}`: how every finding names a config. */
export function configText(spec: McpConfigSpec, withConnections = true): string {
  const name = `MCP config ${JSON.stringify(spec.name)}${spec.suggested ? ' (name suggested)' : ''}`;
  if (!withConnections) return name;
  if (!spec.connections) return `${name} {connections and tools not known from the code}`;
  return `${name} {${spec.connections.map((c) => `${c.connection}: ${c.tools.length === 0 ? 'all tools' : c.tools.join(', ')}`).join('; ')}}`;
}

/** What a finding's text says of the configs it names (configText's form); connections null: the code does not say them. */
export function parseConfigTexts(text: string): Array<{ name: string; suggested: boolean; connections?: McpConnection[] | null }> {
  const found: Array<{ name: string; suggested: boolean; connections?: McpConnection[] | null }> = [];
  for (const match of text.matchAll(/MCP config ("(?:[^"\\]|\\.)*")( \(name suggested\))?(?: \{([^}]*)\})?/g)) {
    let name: string;
    try {
      name = JSON.parse(match[1]!) as string;
    } catch {
      continue;
    }
    const entry: { name: string; suggested: boolean; connections?: McpConnection[] | null } = { name, suggested: match[2] !== undefined };
    const body = match[3];
    if (body === 'connections and tools not known from the code') entry.connections = null;
    else if (body !== undefined) {
      entry.connections = body.split('; ').map((part) => {
        const colon = part.indexOf(': ');
        const tools = part.slice(colon + 2);
        return { connection: part.slice(0, colon), tools: tools === 'all tools' ? [] : tools.split(', ') };
      });
    }
    found.push(entry);
  }
  return found;
}
