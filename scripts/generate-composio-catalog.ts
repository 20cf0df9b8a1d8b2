/**
 * npm run composio-catalog -- --composio <git dir> [--mia <git dir>] [--flowslash <git dir>]
 *
 * Writes mappings/composio-catalog.json: the Composio tool slugs we know, by toolkit, with the
 * argument names each takes where a source publishes them. It is the Composio side of every check
 * of the crosswalk tables (mappings/tools/*.json): a slug we map must be one of these, an argument
 * we rename must be one of its arguments. It is not shipped (package.json `files`): the run itself
 * never needs it.
 *
 * Sources, each read at a fixed commit (the snapshots are public repositories; see mappings/SOURCES.md):
 * - `e`: ComposioHQ/composio `ts/packages/cli/test/__mocks__/tools-as-enums.json` (Aug 2025, 12,303 slugs),
 *   with `tools.json` beside it (`p`: full input JSON Schemas for 930 tools, GitHub's among them);
 * - `m`: alexisvincent/mia `mia-web/src/composio/types/*.ts`: Composio CLI output (Nov 2025), a third party's copy;
 * - `f`: tfcbot/flowslash-agent `composio_tools_reference/tools/*.md`: Composio's generated docs (Sep 2025), a third party's copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from '../src/ts-morph.js';
import { gitSnapshot, type SnapshotReader } from './generate-scalekit-catalog.js';
import { scalekitCatalog } from '../src/mappings/scalekit-catalog.js';

export const COMPOSIO_COMMIT = '1afe91c2bba591a02bc381bc4e81352a4361e9eb';
export const MIA_COMMIT = '17cdd134ad545f8f23125f4ecfa219ba8ea0c9b0';
export const FLOWSLASH_COMMIT = 'ae299d345df0be20c8b2ad22c1d7e3ebe4fa720a';

const MOCKS = 'ts/packages/cli/test/__mocks__';
const MIA_TYPES = 'mia-web/src/composio/types';
const FLOWSLASH_TOOLS = 'composio_tools_reference/tools';

export interface ComposioParam {
  name: string;
  required?: boolean;
  type?: string;
  description?: string;
}

export interface ComposioTool {
  slug: string;
  sources: Set<string>;
  description?: string;
  params?: ComposioParam[];
}

/** Every tool of every source, by slug; a tool's parameters from the best source that has them (p, then f, then m). */
export function readComposioTools(snapshots: { composio: SnapshotReader; mia?: SnapshotReader; flowslash?: SnapshotReader }): Map<string, ComposioTool> {
  const tools = new Map<string, ComposioTool>();
  const add = (slug: string, source: string, description?: string, params?: ComposioParam[]) => {
    let tool = tools.get(slug);
    if (!tool) tools.set(slug, (tool = { slug, sources: new Set() }));
    tool.sources.add(source);
    if (description && !tool.description) tool.description = description;
    if (params && !tool.params) tool.params = params;
  };
  const { composio, mia, flowslash } = snapshots;
  for (const slug of JSON.parse(composio.read(`${MOCKS}/tools-as-enums.json`)) as string[]) add(slug, 'e');
  for (const tool of JSON.parse(composio.read(`${MOCKS}/tools.json`)) as Array<{ slug: string; description?: string; input_parameters?: JsonSchema }>) {
    add(tool.slug, 'p', tool.description, schemaParams(tool.input_parameters));
  }
  if (flowslash) {
    for (const name of flowslash.list(FLOWSLASH_TOOLS).filter((n) => n.endsWith('.md'))) {
      for (const tool of flowslashTools(flowslash.read(`${FLOWSLASH_TOOLS}/${name}`))) add(tool.slug, 'f', tool.description, tool.params);
    }
  }
  if (mia) {
    for (const name of mia.list(MIA_TYPES).filter((n) => n.endsWith('.ts'))) {
      for (const tool of miaTools(mia.read(`${MIA_TYPES}/${name}`), name)) add(tool.slug, 'm', undefined, tool.params);
    }
  }
  return tools;
}

interface JsonSchema {
  properties?: Record<string, { type?: string; description?: string }>;
  required?: string[];
}

function schemaParams(schema: JsonSchema | undefined): ComposioParam[] | undefined {
  if (!schema?.properties) return undefined;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, p]) => ({ name, required: required.has(name), ...(p.type ? { type: p.type } : {}), ...(p.description ? { description: p.description } : {}) }));
}

/** Composio's generated docs: `<Accordion title="SLUG">`, a description block, then `<ParamField path=".." type=".." required={true}>` lines. */
function flowslashTools(text: string): Array<{ slug: string; description?: string; params: ComposioParam[] }> {
  const out: Array<{ slug: string; description?: string; params: ComposioParam[] }> = [];
  const sections = text.split(/<Accordion title="(?=[A-Z][A-Z0-9_]+")/).slice(1);
  for (const section of sections) {
    const slug = /^([A-Z][A-Z0-9_]+)"/.exec(section)?.[1];
    if (!slug || !section.includes('**Action Parameters**')) continue;
    const description = /```text wordWrap\n([\s\S]*?)\n```/.exec(section)?.[1]?.trim();
    const params: ComposioParam[] = [];
    const body = section.slice(section.indexOf('**Action Parameters**'), section.includes('**Action Response**') ? section.indexOf('**Action Response**') : undefined);
    for (const match of body.matchAll(/<ParamField path="([^"]+)" type="([^"]*)"( required=\{true\})?/g)) params.push({ name: match[1]!, type: match[2]!, required: match[3] !== undefined });
    out.push({ slug, ...(description ? { description } : {}), params });
  }
  return out;
}

/** Composio CLI's generated types: `type SLUG_INPUT = { /** ... @description .. *\/ name?: T; ... }`. */
function miaTools(text: string, file: string): Array<{ slug: string; params: ComposioParam[] }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Array<{ slug: string; params: ComposioParam[] }> = [];
  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement) || !statement.name.text.endsWith('_INPUT') || !ts.isTypeLiteralNode(statement.type)) continue;
    const params: ComposioParam[] = [];
    for (const member of statement.type.members) {
      if (!ts.isPropertySignature(member) || !member.name) continue;
      const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
      if (name === undefined) continue;
      const doc = ts.getJSDocCommentsAndTags(member).map((d) => d.getText()).join('\n');
      const description = /@description ([^\n]*)/.exec(doc)?.[1]?.trim();
      params.push({ name, ...(member.type ? { type: member.type.getText() } : {}), ...(description ? { description } : {}) });
    }
    out.push({ slug: statement.name.text.slice(0, -'_INPUT'.length), params });
  }
  return out;
}

/** The compact file: toolkit → slug → "<sources> <param>,<param>!,..." (`!` required, where the source says). */
export function composioCatalogText(tools: Map<string, ComposioTool>, toolkitOf: (slug: string) => string): string {
  const byToolkit = new Map<string, Array<[string, string]>>();
  for (const tool of [...tools.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const toolkit = toolkitOf(tool.slug);
    const params = tool.params?.map((p) => `${p.name}${p.required ? '!' : ''}`).join(',');
    const value = `${[...tool.sources].sort().join('')}${params !== undefined ? ` ${params}` : ''}`;
    byToolkit.set(toolkit, [...(byToolkit.get(toolkit) ?? []), [tool.slug, value]]);
  }
  const lines = [...byToolkit].sort(([a], [b]) => (a < b ? -1 : 1)).map(([toolkit, entries]) => `    ${JSON.stringify(toolkit)}: ${JSON.stringify(Object.fromEntries(entries))}`);
  const sources = {
    e: `ComposioHQ/composio@${COMPOSIO_COMMIT} ${MOCKS}/tools-as-enums.json`,
    p: `ComposioHQ/composio@${COMPOSIO_COMMIT} ${MOCKS}/tools.json`,
    m: `alexisvincent/mia@${MIA_COMMIT} ${MIA_TYPES}/ (Composio CLI output, third-party copy)`,
    f: `tfcbot/flowslash-agent@${FLOWSLASH_COMMIT} ${FLOWSLASH_TOOLS}/ (Composio generated docs, third-party copy)`,
  };
  return `{\n  "$comment": ${JSON.stringify('Generated by scripts/generate-composio-catalog.ts: do not edit. toolkit -> slug -> "<sources> <argument>,<argument>!" (! required, where the source says; no list where no source publishes the arguments).')},\n  "sources": ${JSON.stringify(sources)},\n  "toolkits": {\n${lines.join(',\n')}\n  }\n}\n`;
}

/** The toolkit of a slug: the longest toolkit slug (from the toolkits list) it starts with. */
export function toolkitSplitter(toolkitSlugs: string[]): (slug: string) => string {
  const sorted = toolkitSlugs.map((t) => t.toUpperCase()).sort((a, b) => b.length - a.length);
  return (slug) => sorted.find((t) => slug.startsWith(`${t}_`)) ?? slug.split('_')[0]!;
}

export function composioToolkitSlugs(composio: SnapshotReader, mia?: SnapshotReader): string[] {
  const toolkits = JSON.parse(composio.read(`${MOCKS}/toolkits.json`)) as Array<{ slug: string }> | { items?: Array<{ slug: string }> };
  const list = Array.isArray(toolkits) ? toolkits : (toolkits.items ?? []);
  const fromMia = mia ? mia.list(MIA_TYPES).filter((n) => n.endsWith('.ts') && n !== 'index.ts').map((n) => n.slice(0, -3)) : [];
  return [...new Set([...list.map((t) => t.slug), ...fromMia])];
}

/**
 * The Composio slugs whose lowercase form is a tool of the toolkit's Scalekit connector: the names the run
 * writes without a table entry. Kept for the generated names module (scalekit-names.ts), which cannot
 * hold the whole catalogue, so that a slug known only at run time maps as a literal one would.
 */
export function verifiedSlugs(slugs: string[], toolkitOf: (slug: string) => string, connectors: Record<string, string>): string[] {
  const catalog = scalekitCatalog();
  return slugs
    .filter((slug) => {
      const toolkit = toolkitOf(slug);
      const connector = connectors[toolkit] ?? toolkit.toLowerCase();
      return catalog.connectorOfTool(slug.toLowerCase()) === connector;
    })
    .sort();
}

function verifiedSlugsText(slugs: string[]): string {
  return `{\n  "$comment": ${JSON.stringify('Generated by scripts/generate-composio-catalog.ts from composio-catalog.json and scalekit-catalog.json: do not edit. Composio slugs whose lowercase form is a tool of the toolkit\'s Scalekit connector.')},\n  "slugs": [\n${slugs.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? undefined : args[i + 1];
  };
  const composioDir = arg('composio');
  if (!composioDir) {
    console.error('usage: npm run composio-catalog -- --composio <git dir> [--mia <git dir>] [--flowslash <git dir>]');
    process.exit(2);
  }
  const composio = gitSnapshot(composioDir, COMPOSIO_COMMIT);
  const mia = arg('mia') ? gitSnapshot(arg('mia')!, MIA_COMMIT) : undefined;
  const flowslash = arg('flowslash') ? gitSnapshot(arg('flowslash')!, FLOWSLASH_COMMIT) : undefined;
  const tools = readComposioTools({ composio, ...(mia ? { mia } : {}), ...(flowslash ? { flowslash } : {}) });
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../mappings/composio-catalog.json');
  const split = toolkitSplitter(composioToolkitSlugs(composio, mia));
  writeFileSync(out, composioCatalogText(tools, split));
  console.log(`${out}: ${tools.size} slugs`);
  const verified = path.join(path.dirname(out), 'verified-tool-slugs.json');
  const slugs = verifiedSlugs([...tools.keys()], split, JSON.parse(readFileSync(path.join(path.dirname(out), 'toolkits.json'), 'utf8')).connectors);
  writeFileSync(verified, verifiedSlugsText(slugs));
  console.log(`${verified}: ${slugs.length} slugs`);
}
