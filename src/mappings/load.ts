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
  toolNamesSchema,
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

export interface Mappings {
  toolRenames: Record<string, string>;
  toolkitConnectors: Record<string, string>;
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
  /** --adapter-path: the folder the generated TypeScript framework adapters go to (default: beside the shared client module). */
  adapterDir?: string;
  scalekitCalls: string[];
  /** Calls on a legacy composio-core toolset that are reported, by member path (mappings/legacy-calls.json). */
  legacyCalls: Array<{ path: string; rule: string }>;
}

/** The schema each table file is checked with (src/mappings/schema.ts), by name: schema.ts, and zod, are loaded only to check. */
type SchemaName = 'toolNames' | 'toolkits' | 'statuses' | 'authSchemes' | 'envVars' | 'packages' | 'clientCalls' | 'providers' | 'legacyCalls' | 'userMappings' | 'rules';

/** A table file of a load: where it is, its schema, and its text (or why it could not be read). */
interface TableSource {
  file: string;
  schema: SchemaName;
  text?: string;
  error?: string;
}

const BUNDLED_TABLES: Array<[string, SchemaName]> = [
  ['tool-names.json', 'toolNames'],
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
    return { file, schema, text: readFileSync(file, 'utf8') };
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
    toolNames: m.toolNamesSchema,
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
      raw = JSON.parse(text);
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
  cached.write(tables);
  return tables;
}

export async function loadMappings(options: { userFile?: string; connections?: Record<string, string>; dir?: string; adapterDir?: string } = {}): Promise<Mappings> {
  const dir = options.dir ?? BUNDLED_MAPPINGS_DIR;
  const findingsDir = path.join(dir, 'findings');
  let findingFiles: string[] | undefined;
  try {
    findingFiles = readdirSync(findingsDir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    findingFiles = undefined;
  }
  // in the order they are checked: the first wrong one is the one reported
  const sources: TableSource[] = [
    ...BUNDLED_TABLES.map(([name, schema]) => readSource(path.join(dir, name), schema)),
    ...(options.userFile ? [readSource(options.userFile, 'userMappings')] : []),
    ...(findingFiles ? findingFiles.map((name) => readSource(path.join(findingsDir, name), 'rules')) : [{ file: findingsDir, schema: 'rules' as const, error: 'no such folder' }]),
  ];
  const data = await validatedTables(sources);
  const table = <T>(name: string): T => data[sources.findIndex((s) => s.file === path.join(dir, name))] as T;
  const toolNames = table<z.infer<typeof toolNamesSchema>>('tool-names.json');
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
    toolRenames: { ...toolNames.renames, ...user.toolNames },
    toolkitConnectors: { ...toolkits.connectors, ...user.toolkits },
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
