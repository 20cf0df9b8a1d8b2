import { ts } from '../../src/ts-morph.js';
import type { FileContext, ProjectFileTransform } from '../../src/migration.js';
import { JsonText, type JsonMember } from './json-text.js';
import { configText, hostedUrlConfig } from '../model/mcp-configs.js';

/**
 * MCP client configs (Cursor, VS Code, Claude Desktop, Claude Code, Windsurf): a server pointing at
 * Composio gets a placeholder URL, loses its Composio API-key headers, and is reported.
 *   "composio": { "url": "https://backend.composio.dev/v3/mcp/<id>/…", "headers": { "x-api-key": "ak_…" } }
 *   →  "composio": { "url": "https://<your-scalekit-env>/mcp/<your-per-user-mcp-path-of-config-mcp-server-1a2b3c>" }
 * The placeholder names the MCP config (the plan's MCP section) whose per-user URL goes there: a server the code
 * reaches by the same id gets the same name.
 */
const transform: ProjectFileTransform = {
  id: 'mcp-config-composio-servers',
  description: 'MCP client configs: Composio server URLs → a Scalekit placeholder, Composio API-key headers removed, reported',
  language: 'json',
  matches: (relativePath) => CONFIG_NAMES.has(relativePath.split('/').pop()!),
  apply(ctx) {
    // JSONC (comments, trailing commas) is what VS Code and Cursor accept, so it is read and kept
    const json = JsonText.parse(ctx.text, { strict: false });
    if (typeof json === 'string') {
      if (/composio/i.test(ctx.text)) ctx.report('file-parse-error', 0, json);
      return;
    }
    const root = json.root;
    if (!root) return;
    for (const list of SERVER_LISTS) {
      const servers = json.object(json.member(root, list)?.value);
      for (const server of servers ? json.members(servers) : []) migrateServer(json, server, ctx);
    }
  },
};

export const MCP_CONFIG_PATTERNS = ['**/mcp.json', '**/.mcp.json', '**/claude_desktop_config.json', '**/mcp_config.json'];
const CONFIG_NAMES = new Set(MCP_CONFIG_PATTERNS.map((pattern) => pattern.slice('**/'.length)));
/** `servers` is VS Code's key; the other clients use `mcpServers`. */
const SERVER_LISTS = ['mcpServers', 'servers'];
/** `serverUrl` is Windsurf's key. */
const URL_KEYS = ['url', 'serverUrl'];

/**
 * Not a working URL on purpose: a client fails at start-up instead of quietly reaching a wrong
 * server, and the marker is easy to search for (later runs report it while it is there).
 */
export function scalekitMcpUrlPlaceholder(config: string): string {
  return `https://<your-scalekit-env>/mcp/<your-per-user-mcp-path-of-config-${config}>`;
}
const PLACEHOLDER_MARK = '<your-scalekit-env>';
const PLACEHOLDER_CONFIG = /<your-per-user-mcp-path-of-config-([^>]+)>/;

function migrateServer(json: JsonText, server: JsonMember, ctx: FileContext): void {
  const config = json.object(server.value);
  if (!config) return;
  const at = json.start(server.key);
  const detail = `(server "${server.name}")`;
  const args = json.member(config, 'args')?.value;
  const argList = args && ts.isArrayLiteralExpression(args) ? args : undefined;
  const argStrings = argList ? argList.elements.map((element) => json.string(element)) : [];
  if (argStrings.some((arg) => arg !== undefined && isComposioPackage(arg))) {
    ctx.report('mcp-config-composio-package', at, detail);
    return;
  }

  const urls = [
    ...URL_KEYS.map((key) => json.member(config, key)?.value),
    ...(argList?.elements ?? []),
  ].filter((node): node is ts.Expression => node !== undefined && json.string(node) !== undefined);
  const composioUrls = urls.filter((node) => isComposioUrl(json.string(node)!));
  if (composioUrls.length === 0) {
    const placeholder = urls.map((node) => json.string(node)!).find((url) => url.includes(PLACEHOLDER_MARK));
    const config = placeholder !== undefined ? PLACEHOLDER_CONFIG.exec(placeholder)?.[1] : undefined;
    if (placeholder !== undefined) ctx.report('mcp-config-composio', at, `(server "${server.name}": its URL is still the placeholder${config ? `; a user's URL of ${configText({ name: config }, false)}` : ''})`);
    return;
  }

  const configs = composioUrls.map((node) => hostedUrlConfig(json.string(node)!, ctx.mappings));
  composioUrls.forEach((node, i) => json.replaceString(ctx.edits, node, scalekitMcpUrlPlaceholder(configs[i]!.name)));
  // Scalekit MCP servers speak Streamable HTTP only
  const type = json.member(config, 'type');
  if (json.string(type?.value) === 'sse') json.replaceString(ctx.edits, type!.value, 'http');
  let ok = argList ? json.removeItems(ctx.edits, argList, headerArguments(argList, argStrings)) : true;

  const removedMembers = new Set<ts.Node>();
  for (const [name, isComposioEntry] of [
    ['headers', (entry: JsonMember) => isComposioKeyHeader(entry.name, json.string(entry.value))],
    ['env', (entry: JsonMember) => /COMPOSIO/i.test(entry.name)],
  ] as const) {
    const member = json.member(config, name);
    const object = json.object(member?.value);
    if (!member || !object) continue;
    const entries = json.members(object);
    const composio = new Set(entries.filter(isComposioEntry).map((entry) => entry.node));
    if (composio.size === 0) continue;
    // an object left with nothing goes whole rather than as `{}`
    if (composio.size === object.properties.length) removedMembers.add(member.node);
    else ok = json.removeItems(ctx.edits, object, composio) && ok;
  }
  ok = json.removeItems(ctx.edits, config, removedMembers) && ok;
  if (!ok) throw new Error(`could not edit server "${server.name}"`);
  ctx.report('mcp-config-composio', at, `(server "${server.name}": a user's URL of ${[...new Map(configs.map((c) => [c.name, c])).values()].map((c) => configText(c)).join(', ')})`);
}

/** `--header <name: value>` (mcp-remote's form) and `--header=<name: value>` carrying a Composio key. */
function headerArguments(args: ts.ArrayLiteralExpression, strings: Array<string | undefined>): Set<ts.Node> {
  const found = new Set<ts.Node>();
  for (let i = 0; i < strings.length; i++) {
    const arg = strings[i];
    if ((arg === '--header' || arg === '-H') && i + 1 < strings.length && isComposioKeyHeaderLine(strings[i + 1])) {
      found.add(args.elements[i]!).add(args.elements[i + 1]!);
      i++;
    } else if (arg?.startsWith('--header=') && isComposioKeyHeaderLine(arg.slice('--header='.length))) {
      found.add(args.elements[i]!);
    }
  }
  return found;
}

function isComposioKeyHeaderLine(line: string | undefined): boolean {
  const colon = line?.indexOf(':') ?? -1;
  return colon > 0 && isComposioKeyHeader(line!.slice(0, colon).trim(), line!.slice(colon + 1));
}

/** Composio's key header, or an Authorization header whose value is (or names) a Composio key. */
function isComposioKeyHeader(name: string, value: string | undefined): boolean {
  if (/^x-api-key$/i.test(name)) return true;
  return /^authorization$/i.test(name) && value !== undefined && /\bak_|composio/i.test(value);
}

function isComposioUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return /(?:^|\.)composio\.(?:dev|io)$/i.test(url.hostname) || url.pathname.includes('/v3/mcp/');
}

function isComposioPackage(arg: string): boolean {
  return /^@composio\//.test(arg) || /^composio(?:-core)?(?:@|$)/.test(arg);
}

export default transform;
