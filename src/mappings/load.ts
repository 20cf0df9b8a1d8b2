import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { z } from 'zod';
import type { Rule } from '../findings.js';
import {
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
  userMappingsSchema,
  type UserMappings,
} from './schema.js';
import { MappingError } from './mapping-error.js';

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

function readTable<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new MappingError(`${file}: ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    throw new MappingError(`${file}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadMappings(options: { userFile?: string; connections?: Record<string, string>; dir?: string; adapterDir?: string } = {}): Mappings {
  const dir = options.dir ?? BUNDLED_MAPPINGS_DIR;
  const table = <S extends z.ZodType>(name: string, schema: S) => readTable(path.join(dir, name), schema);
  const toolNames = table('tool-names.json', toolNamesSchema);
  const toolkits = table('toolkits.json', toolkitsSchema);
  const statuses = table('statuses.json', statusesSchema);
  const authSchemes = table('auth-schemes.json', authSchemesSchema);
  const envVars = table('env-vars.json', envVarsSchema);
  const packages = table('packages.json', packagesSchema);
  const findingsDir = path.join(dir, 'findings');
  let findingFiles: string[];
  try {
    findingFiles = readdirSync(findingsDir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new MappingError(`${findingsDir}: no such folder`);
  }
  const clientCalls = table('client-calls.json', clientCallsSchema);
  const providers = table('providers.json', providersSchema);
  const legacyCalls = table('legacy-calls.json', legacyCallsSchema);

  const user: UserMappings = options.userFile ? readTable(options.userFile, userMappingsSchema) : {};
  const ruleMap = new Map<string, Rule>();
  for (const name of findingFiles) {
    const file = path.join(findingsDir, name);
    for (const rule of readTable(file, rulesSchema).rules) {
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
