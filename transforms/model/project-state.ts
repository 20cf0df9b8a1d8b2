/**
 * What the analysis phase learns across files: which local modules export a Composio client,
 * a function returning one, or an object holding one. Real apps build the client once
 * (`lib/composio.ts`) and import it everywhere else; this is how those imports are followed.
 */
export type ExportKind =
  | { kind: 'client' }
  | { kind: 'factory' }
  | { kind: 'object'; properties: Record<string, ExportKind> }
  /** A function returning an object that holds a client (`makeContext(env)` → `{ composio, userId }`): what its call gives. */
  | { kind: 'object-factory'; properties: Record<string, ExportKind> }
  /** A function calling back with a client (`withComposio(fn: (client: Composio) => ...)`): argument index → the callback's parameters that receive it. */
  | { kind: 'client-callback'; callbacks: Record<string, number[]> }
  /**
   * A class whose instances hold a client (`new Registry()` → `registry.client(name)`): its public instance members,
   * and its public static methods returning an instance (`ToolService.get()`), as object factories.
   */
  | { kind: 'instance-class'; properties: Record<string, ExportKind>; statics: Record<string, ExportKind> }
  /** A type naming the client (`export type ComposioClient = Composio`): what it types is a client. */
  | { kind: 'type' }
  /** The client class itself (`export { Composio }`): `new` of it builds a client, a type naming it types one. */
  | { kind: 'class' };

interface Reexport {
  from: string;
  /** `export * from` when undefined; otherwise exported name → name in `from`. */
  names?: Map<string, string>;
}

/** Recorded for `new Composio()` without a provider option: Composio then uses its OpenAIProvider. */
export const DEFAULT_PROVIDER_MARK = '(default)';

/** The legacy composio-core toolsets, each the counterpart of a current provider. */
export const LEGACY_TOOLSET_PROVIDERS: Record<string, string> = { OpenAIToolSet: 'OpenAIProvider', VercelAIToolSet: 'VercelProvider', LangchainToolSet: 'LangchainProvider' };

export class ComposioProjectState {
  private readonly exports = new Map<string, Map<string, ExportKind>>();
  private readonly reexports = new Map<string, Reexport[]>();
  /** The provider class each `new Composio(...)` of a file was built with (`?` where the code does not say). */
  private readonly providers = new Map<string, string[]>();
  /** Exported functions returning the result of a Composio call the migration rewrites: file → export name → its path on the client (wrapped-results.ts). */
  private readonly results = new Map<string, Map<string, string>>();
  /** Parameters of exported functions that a call in another file passes a client: file → `<export name>#<index>`. */
  private readonly clientParameters = new Map<string, Set<string>>();
  /** Client properties a file adds to a framework's types (`interface ContextVariableMap { composio: Composio }`): file → names. */
  private readonly augmentedClients = new Map<string, string[]>();
  /** Client variables a file declares in the global scope (`declare global { var __composio: Composio }`): file → names. */
  private readonly globalClients = new Map<string, string[]>();
  private legacyState: ComposioProjectState | undefined;
  /** Python: file → the names it imports a client under from another Python module of the run (python/imported-clients.ts). */
  readonly pythonImportedClients = new Map<string, Set<string>>();
  /** Python: module file → the client names it offers others; and every Python file of the run (for notebooks' imports). */
  readonly pythonExports = new Map<string, Set<string>>();
  /** Python: file → the provider class of the client it builds, else of those it imports from the run's modules (`?` when they disagree). */
  readonly pythonProviders = new Map<string, string>();
  /**
   * Python: file → the legacy toolsets it builds, else those it imports from the run's modules: their plugin module
   * (`composio_openai`; `?` when they disagree) and their entity_id, when each has the same literal one.
   */
  readonly pythonToolsets = new Map<string, PythonToolsets>();
  pythonFiles: string[] = [];
  /** The Composio toolkits the run's code names (toolkit-mentions.ts): the generated names module holds their tables. */
  readonly mentionedToolkits = new Set<string>();

  /** The same knowledge about the legacy SDK's clients (`composio-core` toolsets), kept apart. */
  get legacy(): ComposioProjectState {
    // a worker thread receives the state as a structured clone: plain fields, no prototype
    if (!(this.legacyState instanceof ComposioProjectState)) this.legacyState = Object.assign(new ComposioProjectState(), this.legacyState);
    return this.legacyState;
  }

  /** Whether any file of the run exports a client, a factory or an object holding one. */
  hasExports(): boolean {
    return [...this.exports.values()].some((names) => names.size > 0);
  }

  /** Records the providers of a file's client constructions. */
  recordProviders(file: string, providers: string[]): void {
    if (providers.length > 0) this.providers.set(file, providers);
    else this.providers.delete(file);
    this.runProvider = undefined;
  }

  /** clientProvider() for the whole run, computed once per change (it is asked for at every call site). */
  private runProvider: { value: { name: string; explicit: boolean } | undefined } | undefined;

  /**
   * The one provider every client of the run was built with (`OpenAIProvider` when none is passed,
   * as in Composio: `explicit` false), or undefined when the clients disagree, one is unknown, or
   * none is built here. With `file`, the clients that file builds, when it builds any.
   */
  clientProvider(file?: string): { name: string; explicit: boolean } | undefined {
    // a file that builds its own clients uses them: theirs decide, whatever other files build
    const own = file !== undefined ? this.providers.get(file) : undefined;
    if (own) return this.agreeing(own);
    this.runProvider ??= { value: this.agreeing([...this.providers.values()].flat()) };
    return this.runProvider.value;
  }

  private agreeing(recorded: string[]): { name: string; explicit: boolean } | undefined {
    const all = new Set(recorded.map((p) => (p === DEFAULT_PROVIDER_MARK ? 'OpenAIProvider' : p)));
    const [only] = all;
    if (all.size !== 1 || only === undefined || only === '?') return undefined;
    return { name: only, explicit: recorded.some((p) => p !== DEFAULT_PROVIDER_MARK) };
  }

  /** Records the client properties a file adds to a framework's types; returns whether they changed. */
  recordAugmentedClients(file: string, names: string[]): boolean {
    return recordNames(this.augmentedClients, file, names);
  }

  /** Records the client variables a file declares in the global scope; returns whether they changed. */
  recordGlobalClients(file: string, names: string[]): boolean {
    return recordNames(this.globalClients, file, names);
  }

  /** Whether some file of the run declares a global client variable of this name. */
  isGlobalClient(name: string): boolean {
    return anyFileNames(this.globalClients, name);
  }

  /** Whether some file of the run declares a client property of this name on a framework's type. */
  isAugmentedClient(name: string): boolean {
    return anyFileNames(this.augmentedClients, name);
  }

  /** Records a file's findings; returns whether they differ from what was known. */
  record(file: string, exports: Map<string, ExportKind>, reexports: Reexport[]): boolean {
    const before = JSON.stringify([[...(this.exports.get(file) ?? new Map())], this.reexportKey(this.reexports.get(file) ?? [])]);
    const after = JSON.stringify([[...exports], this.reexportKey(reexports)]);
    this.exports.set(file, exports);
    this.clientModulesCache = undefined;
    this.reexports.set(file, reexports);
    return before !== after;
  }

  /** clientModules(), computed once per change of what the analysis recorded (it is asked for once per file). */
  private clientModulesCache: string[] | undefined;

  /** The files exporting a client, a factory or an object holding one, sorted (the shared client modules). */
  clientModules(): string[] {
    return [...(this.clientModulesCache ??= [...this.exports].filter(([, names]) => [...names.values()].some((e) => e.kind !== 'type' && e.kind !== 'class')).map(([file]) => file).sort())];
  }

  /** Whether a file exports anything that leads to a client, directly or through re-exports. */
  exportsAnything(file: string, seen: Set<string> = new Set()): boolean {
    if (seen.has(file)) return false;
    seen.add(file);
    if ((this.exports.get(file)?.size ?? 0) > 0) return true;
    return (this.reexports.get(file) ?? []).some((r) => this.exportsAnything(r.from, seen));
  }

  /** The kind of an export of a file, following re-exports; `default` names the default export. */
  lookup(file: string, name: string, seen: Set<string> = new Set()): ExportKind | undefined {
    if (seen.has(file)) return undefined;
    seen.add(file);
    const direct = this.exports.get(file)?.get(name);
    if (direct) return direct;
    for (const reexport of this.reexports.get(file) ?? []) {
      if (!reexport.names) {
        if (name === 'default') continue;
        const found = this.lookup(reexport.from, name, seen);
        if (found) return found;
      } else {
        const original = reexport.names.get(name);
        if (original !== undefined) {
          const found = this.lookup(reexport.from, original, seen);
          if (found) return found;
        }
      }
    }
    return undefined;
  }

  /** Records a file's exported functions returning a rewritten Composio result; returns whether that differs from what was known. */
  recordResults(file: string, results: Map<string, string>): boolean {
    const before = JSON.stringify([...(this.results.get(file) ?? [])]);
    if (results.size > 0) this.results.set(file, results);
    else this.results.delete(file);
    return before !== JSON.stringify([...results]);
  }

  /** Whether any module of the run exports a function returning a reshaped result. */
  hasResults(): boolean {
    return this.results.size > 0;
  }

  /** The path on the client (`toolkits.authorize`) of the Composio call whose result the function `file` exports as `name` returns. */
  resultOf(file: string, name: string): string | undefined {
    return this.results.get(file)?.get(name);
  }

  /** Records that a call passes a client to parameter `index` of the function `file` exports as `name`; returns whether it is new. */
  recordClientArgument(file: string, name: string, index: number): boolean {
    let parameters = this.clientParameters.get(file);
    if (!parameters) this.clientParameters.set(file, (parameters = new Set()));
    const key = `${name}#${index}`;
    if (parameters.has(key)) return false;
    parameters.add(key);
    return true;
  }

  /** Whether a call in another file passes a client to parameter `index` of the function `file` exports as `name`. */
  receivesClient(file: string, name: string, index: number): boolean {
    return this.clientParameters.get(file)?.has(`${name}#${index}`) ?? false;
  }

  private reexportKey(reexports: Reexport[]): unknown {
    return reexports.map((r) => [r.from, r.names ? [...r.names] : '*']);
  }
}

export type { Reexport };

/** What the importers of a module learn of its legacy toolsets (python/imported-clients.ts). */
export interface PythonToolsets {
  plugin: string;
  entity?: string | number;
}

/** The toolsets of several modules as one: `?` for plugins that disagree, no entity unless every one has the same. */
export function mergePythonToolsets(toolsets: PythonToolsets[]): PythonToolsets {
  const plugins = new Set(toolsets.map((t) => t.plugin));
  const entities = new Set(toolsets.map((t) => t.entity));
  const [plugin] = plugins;
  const [entity] = entities;
  return entities.size === 1 && entity !== undefined ? { plugin: plugins.size === 1 ? plugin! : '?', entity } : { plugin: plugins.size === 1 ? plugin! : '?' };
}

/** Records the names a file declares (file → names); returns whether they changed. */
function recordNames(byFile: Map<string, string[]>, file: string, names: string[]): boolean {
  const before = byFile.get(file) ?? [];
  if (names.length === 0) byFile.delete(file);
  else byFile.set(file, names);
  return before.join() !== names.join();
}

/** Whether some file's names include this one. */
function anyFileNames(byFile: Map<string, string[]>, name: string): boolean {
  for (const names of byFile.values()) if (names.includes(name)) return true;
  return false;
}
