import type { Mappings } from '../../src/mappings/load.js';

/** Composio tool slug → Scalekit tool name: the explicit table, else the slug in lowercase. */
export function scalekitToolName(slug: string, mappings: Mappings): string {
  return mappings.toolRenames[slug.toUpperCase()] ?? slug.toLowerCase();
}

/** Whether the Scalekit name comes from the explicit table (else from the lowercase rule, to be checked in the catalog). */
export function isExplicitRename(slug: string, mappings: Mappings): boolean {
  return slug.toUpperCase() in mappings.toolRenames;
}

/** The toolkit part of a tool slug: `MICROSOFT_TEAMS_SEND_MESSAGE` → `MICROSOFT_TEAMS`, `GITHUB_CREATE_AN_ISSUE` → `GITHUB`. */
export function toolkitOfTool(slug: string, mappings: Mappings): string {
  const upper = slug.toUpperCase();
  const multi = mappings.multiWordToolkits.filter((t) => upper.startsWith(`${t}_`)).sort((a, b) => b.length - a.length)[0];
  return multi ?? upper.split('_')[0] ?? upper;
}

/** Composio toolkit → Scalekit connector slug. */
export function connectorOf(toolkit: string, mappings: Mappings): string {
  return mappings.toolkitConnectors[toolkit.toUpperCase()] ?? toolkit.toLowerCase();
}

/** Composio toolkit → the connection name the code passes (from --connection or the tables; default: the connector slug). */
export function connectionNameOf(toolkit: string, mappings: Mappings): string {
  const connector = connectorOf(toolkit, mappings);
  return mappings.connections[connector] ?? connector;
}

/** The connection a tool runs through. */
export function connectionNameForTool(slug: string, mappings: Mappings): string {
  return connectionNameOf(toolkitOfTool(slug, mappings), mappings);
}

/** Composio's meta tools and sandbox tools: they exist only inside Composio sessions. */
export function metaToolRule(slug: string): 'meta-tools' | 'remote-workbench' | undefined {
  const upper = slug.toUpperCase();
  if (upper === 'COMPOSIO_REMOTE_WORKBENCH' || upper === 'COMPOSIO_REMOTE_BASH_TOOL') return 'remote-workbench';
  if (/^COMPOSIO_(SEARCH_TOOLS|MULTI_EXECUTE_TOOL|MANAGE_CONNECTIONS|WAIT_FOR_CONNECTIONS|GET_TOOL_SCHEMAS|UPSERT_RECIPE|GET_RECIPE|SUBMIT_FEEDBACK)$/.test(upper)) return 'meta-tools';
  return undefined;
}
