import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { z } from 'zod';
import type { Rule } from '../findings.js';
import type {
  authSchemesSchema,
  providersSchema,
  clientCallsSchema,
  legacyCallsSchema,
  envVarsSchema,
  packagesSchema,
  rulesSchema,
  statusesSchema,
  toolkitsSchema,
  toolTableSchema,
  argumentRuleSchema,
  UserMappings,
} from './schema.js';
import { MappingError } from './mapping-error.js';
import { checkedTablesEntry } from './validated-tables.js';

export { MappingError };

/** The bundled tables live in `<package>/mappings`; this file runs from `src/` in tests and `dist/src/` when built. */
export const BUNDLED_MAPPINGS_DIR = findPackageDir(path.dirname(fileURLToPath(import.meta.url)), 'mappings');

export function findPackageDir(from: string, child: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, child))) return path.join(dir, child);
    if (path.dirname(dir) === dir) return path.join(from, child);
  }
}

type PerLanguage = { typescript: string | null; python: string | null; note?: string };

export type ArgumentRule = z.infer<typeof argumentRuleSchema>;

/** One Composio tool of the crosswalk (mappings/tools/*.json, or the user's --mappings). */
export interface ToolEntry {
  /** The Scalekit tool; null: Scalekit has no counterpart. */
  scalekit: string | null;
  why?: string;
  arguments?: Record<string, ArgumentRule>;
  /** The table it comes from, as the plan cites it: `mappings/tools/gmail.json`, or the --mappings file. */
  source: string;
  /** The Composio toolkit of the table that holds it. */
  toolkit?: string;
  /** From the user's --mappings: taken as given (a custom connector's tools are not in Scalekit's catalogue). */
  user?: boolean;
}

export interface Mappings {
  /** Composio tool slug → its crosswalk entry: the whole crosswalk, read the first time it is asked for. */
  tools: Record<string, ToolEntry>;
  /** One slug's crosswalk entry: only its toolkit's table is read (the user's --mappings first). */
  toolEntry(slug: string): ToolEntry | undefined;
  /** The same, as slug → Scalekit name, for the entries that have one. */
  toolRenames: Record<string, string>;
  /** The Composio toolkits the crosswalk covers, with the connector of each (mappings/tools/*.json). */
  coveredToolkits: Record<string, string>;
  /** The same toolkits, from the tables' file names alone (nothing parsed). */
  crosswalkToolkits: string[];
  toolkitConnectors: Record<string, string>;
  /** The connectors the user's --mappings names (toolkits): taken as given, though Scalekit's catalogue lacks them (custom connectors). */
  userConnectors: string[];
  multiWordToolkits: string[];
  connections: Record<string, string>;
  authConfigs: Record<string, string>;
  statuses: Record<string, PerLanguage>;
  authSchemes: Record<string, PerLanguage>;
  /** `AuthScheme.APIKey` → `API_KEY`: the scheme each @composio/core connection-data helper stands for. */
  authSchemeHelpers: Record<string, string>;
  envVars: z.infer<typeof envVarsSchema>;
  packages: z.infer<typeof packagesSchema>['npm'];
  rules: Map<string, Rule>;
  /** Calls on the client that have no Scalekit equivalent, by member path (`triggers.*`), with the rule that reports them. */
  clientCalls: Array<{ path: string; rule: string }>;
  pythonClientCalls: Array<{ path: string; rule: string }>;
  /** Provider class → what to do where no adapter is generated (mappings/providers.json). */
  providerAdvice: Record<string, string>;
  /** --adapter-path: the folder the generated framework adapters (TypeScript and JavaScript) go to (default: beside the shared client module). */
  adapterDir?: string;
  scalekitCalls: string[];
  /** Calls on a legacy composio-core toolset that are reported, by member path (mappings/legacy-calls.json). */
  legacyCalls: Array<{ path: string; rule: string }>;
}

/** The schema each table file is checked with (src/mappings/schema.ts), by name: schema.ts, and zod, are loaded only to check. */
type SchemaName = 'toolTable' | 'toolkits' | 'statuses' | 'authSchemes' | 'envVars' | 'packages' | 'clientCalls' | 'providers' | 'legacyCalls' | 'userMappings' | 'rules';

/** A table file of a load: where it is, its schema, and its text (or why it could not be read). */
interface TableSource {
  file: string;
  schema: SchemaName;
  /** The file's text; the crosswalk's files stay bytes (hashed as they are, decoded when a run needs them). */
  text?: string | Buffer;
  error?: string;
}

const BUNDLED_TABLES: Array<[string, SchemaName]> = [
  ['toolkits.json', 'toolkits'],
  ['statuses.json', 'statuses'],
  ['auth-schemes.json', 'authSchemes'],
  ['env-vars.json', 'envVars'],
  ['packages.json', 'packages'],
  ['client-calls.json', 'clientCalls'],
  ['providers.json', 'providers'],
  ['legacy-calls.json', 'legacyCalls'],
];

function readSource(file: string, schema: SchemaName): TableSource {
  try {
    return { file, schema, text: schema === 'toolTable' ? readFileSync(file) : readFileSync(file, 'utf8') };
  } catch (error) {
    return { file, schema, error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message };
  }
}

/** Every table's data, in the order of `sources`: checked by zod, or as checked before (validated-tables.ts). */
async function validatedTables(sources: TableSource[]): Promise<unknown[]> {
  const cached = checkedTablesEntry(sources);
  const known = cached.read();
  if (known) return known;
  const schemas: Record<SchemaName, z.ZodType> = await import('./schema.js').then((m) => ({
    toolTable: m.toolTableSchema,
    toolkits: m.toolkitsSchema,
    statuses: m.statusesSchema,
    authSchemes: m.authSchemesSchema,
    envVars: m.envVarsSchema,
    packages: m.packagesSchema,
    clientCalls: m.clientCallsSchema,
    providers: m.providersSchema,
    legacyCalls: m.legacyCallsSchema,
    userMappings: m.userMappingsSchema,
    rules: m.rulesSchema,
  }));
  const tables = sources.map(({ file, schema, text, error }) => {
    if (text === undefined) throw new MappingError(`${file}: ${error}`);
    let raw: unknown;
    try {
      raw = JSON.parse(text.toString());
    } catch (error) {
      throw new MappingError(`${file}: ${(error as Error).message}`);
    }
    const parsed = schemas[schema].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
      throw new MappingError(`${file}: ${where}: ${issue.message}`);
    }
    return parsed.data;
  });
  // the crosswalk's tables are not copied into the cache: their text is read anyway, and parsed only when a run needs it
  cached.write(tables.map((table, i) => (sources[i]!.schema === 'toolTable' ? null : table)));
  return tables;
}

/** The crosswalk's entries by slug, the user's --mappings over the bundled tables. */
function buildCrosswalk(tables: Array<{ file: string; text: string | Buffer; data: z.infer<typeof toolTableSchema> | null }>, user: UserMappings, userFile: string | undefined) {
  const tools: Record<string, ToolEntry> = {};
  const coveredToolkits: Record<string, string> = {};
  for (const { file, text, data } of tables) {
    const tableFile = `mappings/tools/${path.basename(file)}`;
    // checked by zod when this text was first loaded (validated-tables.ts keeps no copy of it)
    const table = data ?? (JSON.parse(text.toString()) as z.infer<typeof toolTableSchema>);
    if (coveredToolkits[table.toolkit] !== undefined) throw new MappingError(`${file}: toolkit: ${table.toolkit} has another table`);
    coveredToolkits[table.toolkit] = table.connector;
    for (const [slug, entry] of Object.entries(table.tools)) {
      if (tools[slug]) throw new MappingError(`${file}: tools: ${slug} is also in ${tools[slug]!.source}`);
      tools[slug] = { ...entry, source: tableFile, toolkit: table.toolkit };
    }
  }
  const userSource = userFile ? path.basename(userFile) : '--mappings';
  for (const [slug, scalekit] of Object.entries(user.toolNames ?? {})) tools[slug] = { scalekit, source: userSource, user: true, ...(tools[slug]?.arguments ? { arguments: tools[slug]!.arguments } : {}) };
  for (const [slug, rules] of Object.entries(user.toolArguments ?? {})) {
    const entry = tools[slug];
    if (!entry) throw new MappingError(`${userFile}: toolArguments: ${slug} has no tool name: add it to toolNames`);
    tools[slug] = { ...entry, arguments: { ...entry.arguments, ...rules } };
  }
  const toolRenames: Record<string, string> = {};
  for (const [slug, entry] of Object.entries(tools)) if (entry.scalekit !== null) toolRenames[slug] = entry.scalekit;
  return { tools, toolRenames, coveredToolkits };
}

/**
 * Look-ups of one slug that read only the table of its toolkit (`<toolkit>.json`, the longest toolkit the slug
 * starts with): most runs name a few toolkits of the thirty, and a table costs ~1 ms to decode and parse.
 */
function crosswalkEntries(tables: Array<{ file: string; text: string | Buffer; data: z.infer<typeof toolTableSchema> | null }>, user: UserMappings, userFile: string | undefined): (slug: string) => ToolEntry | undefined {
  const byToolkit = new Map(tables.map((t) => [path.basename(t.file, '.json').toUpperCase(), t]));
  const toolkits = [...byToolkit.keys()].sort((a, b) => b.length - a.length);
  const parsed = new Map<string, Record<string, ToolEntry>>();
  const userSource = userFile ? path.basename(userFile) : '--mappings';
  return (slug) => {
    const toolkit = toolkits.find((t) => slug.startsWith(`${t}_`));
    let entries = toolkit === undefined ? undefined : parsed.get(toolkit);
    if (toolkit !== undefined && entries === undefined) {
      const { file, text, data } = byToolkit.get(toolkit)!;
      const table = data ?? (JSON.parse(text.toString()) as z.infer<typeof toolTableSchema>);
      entries = Object.fromEntries(Object.entries(table.tools).map(([s, entry]) => [s, { ...entry, source: `mappings/tools/${path.basename(file)}`, toolkit: table.toolkit }]));
      parsed.set(toolkit, entries);
    }
    const found = entries?.[slug];
    const named = user.toolNames?.[slug];
    if (named !== undefined) return { scalekit: named, source: userSource, user: true, ...(found?.arguments ? { arguments: found.arguments } : {}) };
    return found;
  };
}

/**
 * The tables as plain data, for a worker thread (structured clone copies data, not functions): the crosswalk
 * read whole. `revivedMappings` gives them back their look-up.
 */
export function portableMappings(mappings: Mappings): Mappings {
  return { ...mappings, tools: mappings.tools, toolRenames: mappings.toolRenames, coveredToolkits: mappings.coveredToolkits, toolEntry: undefined as never };
}

export function revivedMappings(data: Mappings): Mappings {
  return { ...data, toolEntry: (slug) => data.tools[slug] };
}

function jsonFiles(dir: string): string[] | undefined {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return undefined;
  }
}

export async function loadMappings(options: { userFile?: string; connections?: Record<string, string>; dir?: string; adapterDir?: string } = {}): Promise<Mappings> {
  const dir = options.dir ?? BUNDLED_MAPPINGS_DIR;
  const findingsDir = path.join(dir, 'findings');
  const toolsDir = path.join(dir, 'tools');
  const findingFiles = jsonFiles(findingsDir);
  const toolFiles = jsonFiles(toolsDir);
  // in the order they are checked: the first wrong one is the one reported
  const sources: TableSource[] = [
    ...BUNDLED_TABLES.map(([name, schema]) => readSource(path.join(dir, name), schema)),
    ...(toolFiles ? toolFiles.map((name) => readSource(path.join(toolsDir, name), 'toolTable')) : [{ file: toolsDir, schema: 'toolTable' as const, error: 'no such folder' }]),
    ...(options.userFile ? [readSource(options.userFile, 'userMappings')] : []),
    ...(findingFiles ? findingFiles.map((name) => readSource(path.join(findingsDir, name), 'rules')) : [{ file: findingsDir, schema: 'rules' as const, error: 'no such folder' }]),
  ];
  const data = await validatedTables(sources);
  const table = <T>(name: string): T => data[sources.findIndex((s) => s.file === path.join(dir, name))] as T;
  const toolkits = table<z.infer<typeof toolkitsSchema>>('toolkits.json');
  const statuses = table<z.infer<typeof statusesSchema>>('statuses.json');
  const authSchemes = table<z.infer<typeof authSchemesSchema>>('auth-schemes.json');
  const envVars = table<z.infer<typeof envVarsSchema>>('env-vars.json');
  const packages = table<z.infer<typeof packagesSchema>>('packages.json');
  const clientCalls = table<z.infer<typeof clientCallsSchema>>('client-calls.json');
  const providers = table<z.infer<typeof providersSchema>>('providers.json');
  const legacyCalls = table<z.infer<typeof legacyCallsSchema>>('legacy-calls.json');

  const user: UserMappings = options.userFile ? (data[sources.findIndex((s) => s.schema === 'userMappings')] as UserMappings) : {};
  const ruleMap = new Map<string, Rule>();
  for (const [i, source] of sources.entries()) {
    if (source.schema !== 'rules') continue;
    const file = source.file;
    for (const rule of (data[i] as z.infer<typeof rulesSchema>).rules) {
      if (ruleMap.has(rule.id)) throw new MappingError(`${file}: rules: duplicate id ${rule.id}`);
      ruleMap.set(rule.id, rule);
    }
  }
  // the crosswalk (~1 MB, checked with the rest) is read into entries the first time a run asks for a tool name
  const toolTables = sources.flatMap((source, i) => (source.schema === 'toolTable' ? [{ file: source.file, text: source.text!, data: data[i] as z.infer<typeof toolTableSchema> | null }] : []));
  let crosswalk: ReturnType<typeof buildCrosswalk> | undefined;
  const built = () => (crosswalk ??= buildCrosswalk(toolTables, user, options.userFile));
  const entryOf = crosswalkEntries(toolTables, user, options.userFile);
  // a user's argument rules name slugs of the tables: checked now, so that a wrong one stops the run before it starts
  if (user.toolArguments) built();
  for (const entry of envVars.report) {
    if (!ruleMap.has(entry.rule)) throw new MappingError(`${path.join(dir, 'env-vars.json')}: report: ${entry.pattern}: unknown rule ${entry.rule}`);
  }
  for (const [name, entry] of Object.entries(packages.npm)) {
    if (entry.rule && !ruleMap.has(entry.rule)) throw new MappingError(`${path.join(dir, 'packages.json')}: npm: ${name}: unknown rule ${entry.rule}`);
  }
  for (const entry of [...clientCalls.calls, ...clientCalls.pythonCalls]) {
    if (!ruleMap.has(entry.rule)) throw new MappingError(`${path.join(dir, 'client-calls.json')}: calls: ${entry.path}: unknown rule ${entry.rule}`);
  }
  for (const entry of legacyCalls.calls) {
    if (!ruleMap.has(entry.rule)) throw new MappingError(`${path.join(dir, 'legacy-calls.json')}: calls: ${entry.path}: unknown rule ${entry.rule}`);
  }
  return {
    get tools() {
      return built().tools;
    },
    toolEntry: (slug) => (crosswalk ? crosswalk.tools[slug] : entryOf(slug)),
    crosswalkToolkits: toolTables.map((t) => path.basename(t.file, '.json').toUpperCase()),
    get toolRenames() {
      return built().toolRenames;
    },
    get coveredToolkits() {
      return built().coveredToolkits;
    },
    toolkitConnectors: { ...toolkits.connectors, ...user.toolkits },
    userConnectors: Object.values(user.toolkits ?? {}),
    multiWordToolkits: toolkits.multiWord,
    connections: { ...user.connections, ...options.connections },
    ...(options.adapterDir ? { adapterDir: path.resolve(options.adapterDir) } : {}),
    authConfigs: { ...user.authConfigs },
    statuses: { ...statuses.statuses, ...user.statuses },
    authSchemes: { ...authSchemes.schemes, ...user.authSchemes },
    authSchemeHelpers: authSchemes.helpers,
    envVars,
    packages: packages.npm,
    rules: ruleMap,
    clientCalls: clientCalls.calls,
    pythonClientCalls: clientCalls.pythonCalls,
    providerAdvice: providers.advice,
    scalekitCalls: clientCalls.scalekitCalls,
    legacyCalls: legacyCalls.calls,
  };
}
