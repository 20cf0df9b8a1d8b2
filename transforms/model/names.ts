import type { Mappings, ToolEntry } from '../../src/mappings/load.js';
import { scalekitCatalog, type Catalog } from '../../src/mappings/scalekit-catalog.js';

/**
 * What the run writes for a Composio tool or toolkit name, checked against Scalekit's published
 * catalogue (mappings/scalekit-catalog.json). A name is written only when the catalogue has it, or a
 * table maps it (mappings/tools/*.json, whose every entry the suite checks against the catalogue, or
 * the user's --mappings, taken as given); anything else is not written: the call is kept and reported.
 */
export type ToolResolution =
  /** The lowercased slug is a tool of the connector (2 slugs in 100). */
  | { kind: 'verified'; slug: string; name: string; connector: string }
  /** mappings/tools/<toolkit>.json maps it. */
  | { kind: 'renamed'; slug: string; name: string; connector: string; entry: ToolEntry }
  /** The user's --mappings maps it. */
  | { kind: 'user'; slug: string; name: string; connector: string; entry: ToolEntry }
  /** A table says Scalekit has no counterpart. */
  | { kind: 'no-counterpart'; slug: string; connector: string; entry: ToolEntry; closest: string[] }
  /** Neither the catalogue nor a table knows it. */
  | { kind: 'not-in-catalog'; slug: string; connector: string; closest: string[] }
  /** Scalekit has no connector for the slug's toolkit. */
  | { kind: 'no-connector'; slug: string; toolkit: string; connector: string };

export type WritableTool = Extract<ToolResolution, { name: string }>;

export function isWritable(resolution: ToolResolution): resolution is WritableTool {
  return 'name' in resolution;
}

export function resolveTool(slug: string, mappings: Mappings, catalog: Catalog = scalekitCatalog()): ToolResolution {
  const upper = slug.toUpperCase();
  const entry = mappings.toolEntry(upper);
  const toolkit = toolkitOfTool(upper, mappings);
  const connector = connectorOf(toolkit, mappings);
  if (entry?.user && entry.scalekit !== null) return { kind: 'user', slug, name: entry.scalekit, connector, entry };
  // a table entry that keeps the slug's own name vouches for it as the catalogue does (its argument rules still apply)
  if (entry?.scalekit && entry.scalekit === slug.toLowerCase() && catalog.connectorOfTool(entry.scalekit) !== undefined) return { kind: 'verified', slug, name: entry.scalekit, connector: catalog.connectorOfTool(entry.scalekit)! };
  if (entry?.scalekit) return { kind: 'renamed', slug, name: entry.scalekit, connector: catalog.connectorOfTool(entry.scalekit) ?? connector, entry };
  if (!hasConnector(connector, mappings, catalog)) return { kind: 'no-connector', slug, toolkit, connector };
  if (entry) {
    const named = toolsNamedIn(entry.why ?? '', connector, catalog);
    return { kind: 'no-counterpart', slug, connector, entry, closest: named.length > 0 ? [] : closestTools(upper, toolkit, catalog.toolNames(connector)) };
  }
  const lower = slug.toLowerCase();
  if (catalog.connectorOfTool(lower) === connector) return { kind: 'verified', slug, name: lower, connector };
  return { kind: 'not-in-catalog', slug, connector, closest: closestTools(upper, toolkit, catalog.toolNames(connector)) };
}

export type ToolkitResolution = { ok: true; toolkit: string; connector: string; connection: string } | { ok: false; toolkit: string; connector: string };

/** A toolkit's connector, when Scalekit's catalogue has it (or the user's --mappings names it). */
export function resolveToolkit(toolkit: string, mappings: Mappings, catalog: Catalog = scalekitCatalog()): ToolkitResolution {
  const connector = connectorOf(toolkit, mappings);
  if (!hasConnector(connector, mappings, catalog)) return { ok: false, toolkit, connector };
  return { ok: true, toolkit, connector, connection: mappings.connections[connector] ?? connector };
}

function hasConnector(connector: string, mappings: Mappings, catalog: Catalog): boolean {
  return mappings.userConnectors.includes(connector) || catalog.hasConnector(connector);
}

/** Composio tool slug → the Scalekit tool name to write, or undefined when there is none to write. */
export function scalekitToolName(slug: string, mappings: Mappings): string | undefined {
  const resolution = resolveTool(slug, mappings);
  return isWritable(resolution) ? resolution.name : undefined;
}

/** The toolkit part of a tool slug: `MICROSOFT_TEAMS_SEND_MESSAGE` → `MICROSOFT_TEAMS`, `GITHUB_CREATE_AN_ISSUE` → `GITHUB`. */
export function toolkitOfTool(slug: string, mappings: Mappings): string {
  const upper = slug.toUpperCase();
  const fromTable = mappings.toolEntry(upper)?.toolkit;
  if (fromTable) return fromTable;
  const multi = mappings.multiWordToolkits.filter((t) => upper.startsWith(`${t}_`)).sort((a, b) => b.length - a.length)[0];
  return multi ?? upper.split('_')[0] ?? upper;
}

/** Composio toolkit → Scalekit connector slug (unchecked: see resolveToolkit). */
export function connectorOf(toolkit: string, mappings: Mappings): string {
  return mappings.toolkitConnectors[toolkit.toUpperCase()] ?? toolkit.toLowerCase();
}

/** Composio toolkit → the connection name the code passes (from --connection or the tables; default: the connector slug). */
export function connectionNameOf(toolkit: string, mappings: Mappings): string {
  const connector = connectorOf(toolkit, mappings);
  return mappings.connections[connector] ?? connector;
}

/** The connection a tool runs through: the connection of the connector its Scalekit tool belongs to. */
export function connectionNameForTool(slug: string, mappings: Mappings): string {
  const resolution = resolveTool(slug, mappings);
  const connector = resolution.connector;
  return mappings.connections[connector] ?? connector;
}

const META_TOOLS = 'SEARCH_TOOLS|MULTI_EXECUTE_TOOL|MANAGE_CONNECTIONS|WAIT_FOR_CONNECTIONS|GET_TOOL_SCHEMAS|UPSERT_RECIPE|GET_RECIPE|SUBMIT_FEEDBACK';
const SANDBOX_TOOLS = 'REMOTE_WORKBENCH|REMOTE_BASH_TOOL';

/** A meta or sandbox tool's name anywhere in a text (any case): where metaToolRule can say yes to a string of it. */
export const META_TOOL_MENTION = new RegExp(`COMPOSIO_(${META_TOOLS}|${SANDBOX_TOOLS})`, 'i');
const META_TOOL_SLUG = new RegExp(`^COMPOSIO_(${META_TOOLS})$`);
const SANDBOX_TOOL_SLUG = new RegExp(`^COMPOSIO_(${SANDBOX_TOOLS})$`);

/** Composio's meta tools and sandbox tools: they exist only inside Composio sessions. */
export function metaToolRule(slug: string): 'meta-tools' | 'remote-workbench' | undefined {
  const upper = slug.toUpperCase();
  if (SANDBOX_TOOL_SLUG.test(upper)) return 'remote-workbench';
  if (META_TOOL_SLUG.test(upper)) return 'meta-tools';
  return undefined;
}

/** Words that mean the same operation in the two catalogues' names. */
const SYNONYMS: Record<string, string> = {
  fetch: 'get', retrieve: 'get', read: 'get', find: 'search', query: 'search', lookup: 'search',
  add: 'create', new: 'create', insert: 'create', make: 'create', post: 'send',
  remove: 'delete', trash: 'delete', destroy: 'delete', archive: 'delete',
  edit: 'update', modify: 'update', patch: 'update', change: 'update', set: 'update',
  email: 'message', mail: 'message', mails: 'message', emails: 'message', msg: 'message',
  repository: 'repo', repositories: 'repo', repos: 'repo', pr: 'pull', pulls: 'pull',
};
const NOISE = new Set(['a', 'an', 'the', 'for', 'of', 'to', 'by', 'in', 'on', 'with', 'from', 'and', 'or', 'all', 'details', 'info', 'using', 'authenticated', 'user', 's']);

function words(name: string, drop: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const raw of name.toLowerCase().split('_')) {
    if (raw === '' || NOISE.has(raw) || drop.has(raw)) continue;
    const word = SYNONYMS[raw] ?? raw;
    out.add(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return out;
}

/** The operations; a suggestion must share more than these with the slug (another word: the object it acts on). */
const VERBS = new Set(['get', 'list', 'create', 'update', 'delete', 'search', 'send', 'add', 'set', 'check', 'run', 'move', 'copy']);

/**
 * The connector's tools whose names share the most words with the slug (after synonyms), at most three, best
 * first; only tools that share an object word, not just the operation (`GITHUB_ADD_AN_EMAIL_...` suggests no
 * `github_issue_create`). None when no tool is named alike: the finding then says so.
 */
export function closestTools(slug: string, toolkit: string, candidates: string[], count = 3): string[] {
  const drop = new Set(toolkit.toLowerCase().split('_'));
  const wanted = words(slug, drop);
  if (wanted.size === 0) return [];
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    const connector = candidate.split('_')[0] ?? '';
    const have = words(candidate, new Set([...drop, connector]));
    let objects = 0;
    let operations = 0;
    for (const word of wanted) if (have.has(word)) (VERBS.has(word) ? operations++ : objects++);
    if (objects > 0) scored.push([candidate, (2 * objects + operations) / (wanted.size + have.size)]);
  }
  return scored.sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1)).slice(0, count).map(([name]) => name);
}

/** The tools of the connector a crosswalk entry's reason names (`nearest: gmail_get_contacts ...`), in order. */
export function toolsNamedIn(text: string, connector: string, catalog: Catalog = scalekitCatalog()): string[] {
  const named = [...text.matchAll(new RegExp(`\\b${connector}_[a-z0-9_]+`, 'g'))].map((m) => m[0]).filter((name) => catalog.hasTool(name));
  return [...new Set(named)];
}
