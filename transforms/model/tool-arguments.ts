import type { ArgumentRule, Mappings } from '../../src/mappings/load.js';
import type { ValueRule } from '../../src/mappings/schema.js';
import { scalekitCatalog, type ToolParam } from '../../src/mappings/scalekit-catalog.js';
import type { WritableTool } from './names.js';

/**
 * What becomes of the keys of a tool call's arguments, in either language: Composio's
 * `{ recipient_email, is_html: true }` for GMAIL_SEND_EMAIL is Scalekit's `{ to, content_type: 'text/html' }`
 * for gmail_send_message. In order: the crosswalk's rule for the key (mappings/tools/<toolkit>.json, or the
 * user's --mappings toolArguments); the same key among the tool's parameters; a parameter equal but for case
 * and underscores (`team_id` = `teamId`), unless another key already gives it. Anything else the tool does not
 * take. Then every required parameter no key gives is missing.
 */
export interface ArgumentPlan {
  tool: string;
  /** Keys renamed, with the value rule that converts their value, if any. */
  renames: Array<{ from: string; to: string; value?: ValueRule }>;
  /** Keys kept, whose value the run converts in place. */
  converted: Array<{ key: string; value: ValueRule }>;
  /** Keys whose value must be restructured by hand: the Scalekit shape, from the crosswalk. */
  shapes: Array<{ key: string; shape: string }>;
  /** Keys the tool does not take, with the crosswalk's note when it has one. */
  unknown: Array<{ key: string; note?: string }>;
  /** Required parameters no key gives. */
  missing: string[];
  /** The tool's parameters, for the findings' texts (none known for a tool outside the catalogue). */
  params: ToolParam[];
  catalogued: boolean;
}

/** Parameters every Scalekit tool takes, which say nothing about a tool: left out of the findings' lists. */
const COMMON_PARAMS = new Set(['schema_version', 'tool_version']);

const normal = (key: string) => key.toLowerCase().replace(/_/g, '');

/**
 * The plan for the keys of one call's arguments. A tool outside Scalekit's catalogue (a user's own, through
 * --mappings: a custom connector's) has no parameters to check against: its table's rules apply, nothing else.
 */
export function planArguments(keys: string[], tool: WritableTool, mappings: Mappings): ArgumentPlan | undefined {
  const known = scalekitCatalog().paramsOf(tool.name);
  const params = known ?? [];
  const rules: Record<string, ArgumentRule> = ('entry' in tool ? tool.entry.arguments : undefined) ?? mappings.toolEntry(tool.slug.toUpperCase())?.arguments ?? {};
  const names = new Set(params.map((p) => p.name));
  const plan: ArgumentPlan = { tool: tool.name, renames: [], converted: [], shapes: [], unknown: [], missing: [], params, catalogued: known !== undefined };
  const given = new Set<string>();
  const unlisted: string[] = [];
  for (const key of keys) {
    const rule = rules[key];
    if (rule === undefined) {
      unlisted.push(key);
    } else if (typeof rule === 'string' || 'to' in rule) {
      const to = typeof rule === 'string' ? rule : rule.to;
      const value = typeof rule === 'string' ? undefined : rule.value;
      if (to !== key) plan.renames.push({ from: key, to, ...(value ? { value } : {}) });
      else if (value) plan.converted.push({ key, value });
      given.add(to);
    } else if ('shape' in rule) {
      plan.shapes.push({ key, shape: rule.shape });
    } else {
      plan.unknown.push({ key, note: rule.drop });
    }
  }
  if (!known) return plan;
  // verbatim keys first: a case-normalised match never takes a parameter another key gives as it is
  for (const key of unlisted) if (names.has(key)) given.add(key);
  for (const key of unlisted) {
    if (names.has(key)) continue;
    const match = params.find((p) => normal(p.name) === normal(key) && !given.has(p.name) && !keys.includes(p.name));
    if (match) {
      plan.renames.push({ from: key, to: match.name });
      given.add(match.name);
    } else {
      plan.unknown.push({ key });
    }
  }
  plan.missing = params.filter((p) => p.required && !given.has(p.name)).map((p) => p.name);
  return plan;
}

/** `; gmail_send_message takes to*, subject*, ...` for a finding about a key; nothing for a tool outside the catalogue. */
export function takesText(plan: ArgumentPlan): string {
  return plan.catalogued ? `; ${plan.tool} takes ${paramsText(plan.params)}` : '';
}

/** `to*, subject*, body*, cc, bcc` (required first, marked), for the findings. */
export function paramsText(params: ToolParam[]): string {
  const listed = params.filter((p) => !COMMON_PARAMS.has(p.name));
  if (listed.length === 0) return 'no parameters';
  return [...listed.filter((p) => p.required).map((p) => `${p.name}*`), ...listed.filter((p) => !p.required).map((p) => p.name)].join(', ');
}

/** `recipient_email → to, is_html → content_type (value converted)`. */
export function renamesText(plan: ArgumentPlan): string {
  return [
    ...plan.renames.map((r) => `${r.from} → ${r.to}${r.value ? ` (${r.value})` : ''}`),
    ...plan.converted.map((c) => `${c.key} (${c.value})`),
  ].join(', ');
}

/** What a person must know of a call whose arguments are not a literal: the renames the tool needs, its required parameters. */
export function argumentsNotLiteralText(tool: WritableTool, mappings: Mappings): string | undefined {
  const params = scalekitCatalog().paramsOf(tool.name);
  if (!params) return undefined;
  const rules = ('entry' in tool ? tool.entry.arguments : undefined) ?? mappings.toolEntry(tool.slug.toUpperCase())?.arguments ?? {};
  const renames = Object.entries(rules).map(([key, rule]) =>
    typeof rule === 'string' ? `${key} → ${rule}` : 'to' in rule ? `${key} → ${rule.to}${rule.value ? ` (${rule.value})` : ''}` : 'shape' in rule ? `${key} → ${rule.shape}` : `${key}: ${rule.drop}`,
  );
  return `(${tool.name} takes ${paramsText(params)}${renames.length > 0 ? `; from Composio's keys: ${renames.join('; ')}` : ''})`;
}
