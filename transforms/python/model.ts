import type { FileContext } from '../../src/migration.js';
import { removeRange } from '../../src/primitives/statements.js';
import { writeTodoComment } from '../../src/source-context.js';
import type { PyNode, PyTree } from '../../src/python/parser.js';
import { ComposioProjectState, type PythonToolsets } from '../model/project-state.js';

/** The legacy SDK's toolset class, as composio and its `composio_<framework>` plugins export it. */
const TOOLSET_CLASSES = new Set(['ComposioToolSet', 'ComposioToolset']);

/** The names an import statement binds (`name` fields: dotted names or aliased imports). */
export function importedNames(statement: PyNode): PyNode[] {
  return statement.childrenForFieldName('name').filter((n): n is PyNode => n !== null);
}

/** A call on the Composio client: `composio.tools.execute(...)` → `{ call, client: composio, path: ['tools', 'execute'] }`. */
export interface PyClientCall {
  call: PyNode;
  client: PyNode;
  path: string[];
}

/**
 * One Python file under migration: its tree, where the Composio client is, and the helpers every
 * Python transform uses (arguments, statements, TODO comments, imports). Python has no types to
 * follow, so the client is found by name:
 *
 *   composio = Composio(...)                  → `composio` (also `self.composio = Composio(...)`)
 *   toolset = ComposioToolSet(...)            → `toolset` (the legacy SDK's toolset, from composio or a plugin)
 *   from app.clients import composio          → `composio` (an imported name holding "composio")
 *   get_composio().tools.execute(...)         → a call of such a name
 */
export class PyFile {
  readonly clientNames = new Set<string>();
  readonly clientAttributes = new Set<string>();
  /** Fields of this file's classes annotated with the client class (`composio: Composio` in a dataclass), per class. */
  private readonly clientFields = new Map<string, Set<string>>();
  /** Names assigned an instance of such a class (`deps = Deps(...)`) → the class. */
  private readonly holders = new Map<string, string>();
  /** The module's functions returning the client (`def get_composio(): return Composio()`): a call of one is the client, whatever its arguments. */
  readonly clientFactories = new Set<string>();
  /** Parameters a call of this file passes the client (`def star(client, user_id)` with `star(composio, uid)`), per function. */
  private readonly clientParameters = new Map<number, Set<string>>();
  /** Legacy toolsets (`toolset = ComposioToolSet(...)`, `self.toolset = ...`): the client's text → its construction. */
  readonly toolsets = new Map<string, PyNode>();
  private readonly todos = new Set<string>();
  private clientCallCache: PyClientCall[] | undefined;

  constructor(
    readonly tree: PyTree,
    readonly ctx: FileContext,
  ) {
    for (const assignment of this.all('assignment')) {
      const right = assignment.childForFieldName('right');
      const left = assignment.childForFieldName('left');
      if (!right || !left || !(this.isComposioConstruction(right) || this.isToolsetConstruction(right))) continue;
      if (left.type === 'identifier') this.clientNames.add(left.text);
      if (left.type === 'attribute' && left.childForFieldName('object')?.text === 'self') this.clientAttributes.add(left.childForFieldName('attribute')!.text);
      if (this.isToolsetConstruction(right) && !this.toolsets.has(left.text)) this.toolsets.set(left.text, right);
    }
    for (const statement of this.all('import_from_statement')) {
      const module = statement.childForFieldName('module_name')?.text ?? '';
      if (module === 'composio' || module.startsWith('composio_') || module.startsWith('composio.')) continue;
      for (const name of importedNames(statement)) {
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : name.text;
        if (/composio/i.test(local) && !/^Composio$/.test(local)) this.clientNames.add(local);
      }
    }
    // imported from another Python module of the run that exports a client (imported-clients.ts)
    if (ctx.project instanceof ComposioProjectState) for (const name of ctx.project.pythonImportedClients.get(ctx.path) ?? []) this.clientNames.add(name);
    this.followClientFields();
    this.followFactories();
    this.followIntoParameters();
    // a parameter learned there may be assigned on (`self.client = client or get_composio()`)
    this.followFactories();
  }

  /**
   * Fields of this file's classes annotated with the client class: `composio: Composio` in a dataclass (a
   * pydantic model, a NamedTuple) makes `deps.composio` the client where `deps` is an instance, a parameter
   * annotated with the class (`deps: Deps`) or a name assigned `Deps(...)`, `ctx.deps` where `ctx: RunContext[Deps]`
   * (pydantic-ai), and `self.composio` in its methods.
   */
  private followClientFields(): void {
    for (const cls of this.all('class_definition')) {
      const fields = new Set<string>();
      for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
        const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
        if (left?.type === 'identifier' && this.isClientType(assignment!.childForFieldName('type') ?? undefined)) fields.add(left.text);
      }
      if (fields.size === 0) continue;
      this.clientFields.set(cls.childForFieldName('name')!.text, fields);
      for (const field of fields) this.clientAttributes.add(field);
    }
    // a class imported from another module of the run, as imported-clients.ts names its fields: `Deps.composio`
    for (const name of this.clientNames) {
      const dot = name.lastIndexOf('.');
      if (dot <= 0) continue;
      const cls = name.slice(0, dot);
      if (!this.clientFields.has(cls)) this.clientFields.set(cls, new Set());
      this.clientFields.get(cls)!.add(name.slice(dot + 1));
    }
    if (this.clientFields.size === 0) return;
    for (const assignment of this.all('assignment')) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      const cls = right?.type === 'call' ? right.childForFieldName('function')!.text : undefined;
      if (left?.type === 'identifier' && cls && this.clientFields.has(cls)) this.holders.set(left.text, cls);
    }
  }

  /** The client-typed fields of this file's classes, as other modules import them: `Deps.composio`. */
  clientFieldNames(): string[] {
    return this.all('class_definition').flatMap((cls) => [...(this.clientFields.get(cls.childForFieldName('name')!.text) ?? [])].map((field) => `${cls.childForFieldName('name')!.text}.${field}`));
  }

  /** The names of the client-typed fields of every class this file knows (`composio` of `Deps.composio`). */
  clientFieldNamesOfAnyClass(): Set<string> {
    return new Set([...this.clientFields.values()].flatMap((fields) => [...fields]));
  }

  /** `deps.composio`: a client-typed field (followClientFields) read on an instance of its class, also `ctx.deps.composio` in a pydantic-ai tool. */
  private isClientField(node: PyNode): boolean {
    const object = node.childForFieldName('object');
    const cls = object?.type === 'identifier' ? this.classOf(object) : object?.type === 'attribute' ? this.depsClassOf(object) : undefined;
    return cls !== undefined && (this.clientFields.get(cls)?.has(node.childForFieldName('attribute')!.text) ?? false);
  }

  /** `ctx.deps` where `ctx: RunContext[Deps]` (pydantic-ai's RunContext, whose `deps` is the agent's dependencies): `Deps`. */
  private depsClassOf(node: PyNode): string | undefined {
    const holder = node.childForFieldName('object');
    if (node.childForFieldName('attribute')!.text !== 'deps' || holder?.type !== 'identifier') return undefined;
    const generic = /^([\w.]+)\[(.+)\]$/.exec(this.classOf(holder) ?? '');
    return generic && this.runContextNames().has(generic[1]!) ? generic[2]!.replace(/^["'](.*)["']$/, '$1') : undefined;
  }

  private runContexts: Set<string> | undefined;
  /** The names pydantic-ai's RunContext goes by here: `from pydantic_ai import RunContext [as C]`, `pydantic_ai.RunContext` after `import pydantic_ai [as p]`. */
  private runContextNames(): Set<string> {
    if (this.runContexts) return this.runContexts;
    const names = new Set<string>();
    for (const statement of this.all('import_from_statement')) {
      if (!/^pydantic_ai(\.tools)?$/.test(statement.childForFieldName('module_name')?.text ?? '')) continue;
      for (const name of importedNames(statement)) {
        if (name.type === 'aliased_import' && name.childForFieldName('name')!.text === 'RunContext') names.add(name.childForFieldName('alias')!.text);
        else if (name.text === 'RunContext') names.add('RunContext');
      }
    }
    for (const statement of this.all('import_statement')) {
      for (const name of importedNames(statement)) {
        if (name.type === 'aliased_import' && /^pydantic_ai(\.tools)?$/.test(name.childForFieldName('name')!.text)) names.add(`${name.childForFieldName('alias')!.text}.RunContext`);
        else if (/^pydantic_ai(\.tools)?$/.test(name.text)) names.add(`${name.text}.RunContext`);
      }
    }
    return (this.runContexts = names);
  }

  /** The class a name holds: its annotation as a parameter of the innermost function binding it (`deps: Deps`), else a name assigned `Deps(...)`. */
  private classOf(name: PyNode): string | undefined {
    for (let scope = name.parent; scope; scope = scope.parent) {
      if (scope.type !== 'function_definition' || !parameterNames(scope).all.includes(name.text)) continue;
      const annotation = parameterType(scope, name.text);
      return annotation ? annotatedClass(annotation) : undefined;
    }
    return this.holders.get(name.text);
  }

  /**
   * Clients reached through a function: `def get_composio(): return Composio()` (a lazy singleton
   * returning `_client` too) makes get_composio a client factory of this file, and a name or `self.`
   * attribute assigned a client becomes one: `client = get_composio()`, `self.client = client or get_composio()`
   * (also with an imported factory). Repeated while something new is learned (a factory returning another's client).
   */
  private followFactories(): void {
    const functions = this.all('function_definition').filter((fn) => fn.parent?.type === 'module' || (fn.parent?.type === 'decorated_definition' && fn.parent.parent?.type === 'module'));
    const assignments = this.all('assignment');
    for (let learned = true, round = 0; learned && round < 4; round++) {
      learned = false;
      for (const fn of functions) {
        const name = fn.childForFieldName('name')!.text;
        if (this.clientFactories.has(name) || !returnValues(fn).some((value) => this.holdsClient(value))) continue;
        this.clientFactories.add(name);
        learned = true;
      }
      for (const assignment of assignments) {
        const left = assignment.childForFieldName('left');
        const right = assignment.childForFieldName('right');
        if (!left || !right || !this.holdsClient(right)) continue;
        if (left.type === 'identifier' && !this.clientNames.has(left.text)) {
          this.clientNames.add(left.text);
          learned = true;
        } else if (left.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && !this.clientAttributes.has(left.childForFieldName('attribute')!.text)) {
          this.clientAttributes.add(left.childForFieldName('attribute')!.text);
          learned = true;
        }
      }
    }
  }

  /** An expression whose value is the client: the client, its construction, or one side of `or` / `x if c else y` being one. */
  private holdsClient(node: PyNode): boolean {
    if (node.type === 'parenthesized_expression') return node.namedChildren.some((c) => c !== null && this.holdsClient(c));
    if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.text === 'or') return [node.childForFieldName('left'), node.childForFieldName('right')].some((c) => c != null && this.holdsClient(c));
    if (node.type === 'conditional_expression') return [node.namedChildren[0], node.namedChildren[2]].some((c) => c != null && this.holdsClient(c));
    return this.isClient(node) || this.isComposioConstruction(node) || this.isToolsetConstruction(node);
  }

  /**
   * The client handed to a function or class of this file: `star(composio, uid)` makes `client` of
   * `def star(client, user_id)` a client inside star; `Agent(composio)` does the same for
   * `def __init__(self, client)`, and `self.client = client` there makes `self.client` one. Repeated
   * while something new is learned (a helper passing it on to another).
   */
  private followIntoParameters(): void {
    // the module's own functions and classes (a method is called on an object, not by its name)
    const topLevel = (node: PyNode) => node.parent?.type === 'module' || (node.parent?.type === 'decorated_definition' && node.parent.parent?.type === 'module');
    const definitions = new Map<string, PyNode>();
    for (const fn of this.all('function_definition')) if (topLevel(fn)) definitions.set(fn.childForFieldName('name')!.text, fn);
    for (const cls of this.all('class_definition').filter(topLevel)) {
      const init = cls.childForFieldName('body')?.namedChildren.find((c) => c?.type === 'function_definition' && c.childForFieldName('name')?.text === '__init__');
      if (init) definitions.set(cls.childForFieldName('name')!.text, init);
    }
    if (definitions.size === 0) return;
    const calls = this.all('call');
    const assignments = this.all('assignment');
    for (let learned = true, round = 0; learned && round < 4; round++) {
      learned = false;
      for (const call of calls) {
        const callee = call.childForFieldName('function');
        const fn = callee?.type === 'identifier' ? definitions.get(callee.text) : undefined;
        const args = fn && this.argumentsOf(call);
        if (!fn || !args) continue;
        const { positional, all } = parameterNames(fn);
        // a method's own first parameter (self) is not passed by the caller of a class
        const offset = fn.parent?.parent?.type === 'class_definition' ? 1 : 0;
        const passed: Array<[string | undefined, PyNode]> = [
          ...args.positional.map((a, i) => [positional[i + offset], a] as [string | undefined, PyNode]),
          ...[...args.keywords].map(([k, v]) => [all.includes(k) ? k : undefined, v] as [string | undefined, PyNode]),
        ];
        for (const [name, argument] of passed) {
          if (!name || !this.isClient(argument)) continue;
          let params = this.clientParameters.get(fn.id);
          if (!params) this.clientParameters.set(fn.id, (params = new Set()));
          if (!params.has(name)) learned = true;
          params.add(name);
        }
      }
      for (const assignment of assignments) {
        const left = assignment.childForFieldName('left');
        const right = assignment.childForFieldName('right');
        if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || right?.type !== 'identifier' || !this.isClient(right)) continue;
        const attribute = left.childForFieldName('attribute')!.text;
        if (!this.clientAttributes.has(attribute)) learned = true;
        this.clientAttributes.add(attribute);
      }
    }
  }

  get text(): string {
    return this.ctx.text;
  }

  /** Every node of a type, in source order. */
  all(type: string): PyNode[] {
    return this.tree.rootNode.descendantsOfType(type).filter((n): n is PyNode => n !== null);
  }

  /** The names `from composio import ...` binds for one exported name (`Composio`, or its alias). */
  importedFromComposio(exported: string): string[] {
    const names: string[] = [];
    for (const statement of this.all('import_from_statement')) {
      if (statement.childForFieldName('module_name')?.text !== 'composio') continue;
      for (const name of importedNames(statement)) {
        if (name.type === 'aliased_import' && name.childForFieldName('name')?.text === exported) names.push(name.childForFieldName('alias')!.text);
        else if (name.text === exported) names.push(exported);
      }
    }
    return names;
  }

  /** `Composio(...)` with Composio imported from `composio` (or `composio.Composio(...)` after `import composio`). */
  isComposioConstruction(node: PyNode): boolean {
    if (node.type !== 'call') return false;
    const callee = node.childForFieldName('function')!;
    if (callee.type === 'identifier') return this.importedFromComposio('Composio').includes(callee.text);
    return callee.type === 'attribute' && callee.text === 'composio.Composio';
  }

  /**
   * The module a legacy toolset class comes from, when `node` is its construction: `ComposioToolSet(...)`
   * with the class imported from `composio` or a `composio_<framework>` plugin (composio_google spells
   * it `ComposioToolset`), or `composio_openai.ComposioToolSet(...)` after `import composio_openai`.
   */
  toolsetModule(node: PyNode): string | undefined {
    if (node.type !== 'call') return undefined;
    const callee = node.childForFieldName('function')!;
    if (callee.type === 'attribute') {
      const module = callee.childForFieldName('object')!.text;
      return TOOLSET_CLASSES.has(callee.childForFieldName('attribute')!.text) && /^composio(_\w+)?$/.test(module) ? module : undefined;
    }
    if (callee.type !== 'identifier') return undefined;
    for (const statement of this.all('import_from_statement')) {
      const module = statement.childForFieldName('module_name')?.text ?? '';
      if (!/^composio(_\w+)?$/.test(module)) continue;
      for (const name of importedNames(statement)) {
        const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : name.text;
        if (local === callee.text && TOOLSET_CLASSES.has(imported)) return module;
      }
    }
    return undefined;
  }

  isToolsetConstruction(node: PyNode): boolean {
    return this.toolsetModule(node) !== undefined;
  }

  /** The plugin module (`composio_openai`) a toolset client comes from: its construction's in this file, else that of the toolsets it imports. */
  toolsetPlugin(client: PyNode): string | undefined {
    const construction = this.toolsets.get(client.text);
    return construction ? this.toolsetModule(construction) : this.importedToolsets(client)?.plugin;
  }

  /**
   * For a name imported from another module of the run (`from app.tools import toolset`, `get_toolset()`), what the
   * analysis learned of the toolsets this file imports (imported-clients.ts: plugin, `?` when they disagree; literal entity_id).
   */
  importedToolsets(client: PyNode): PythonToolsets | undefined {
    if (!(this.ctx.project instanceof ComposioProjectState)) return undefined;
    const name = client.type === 'call' ? client.childForFieldName('function')!.text : client.text;
    return this.ctx.project.pythonImportedClients.get(this.ctx.path)?.has(name) ? this.ctx.project.pythonToolsets.get(this.ctx.path) : undefined;
  }

  /**
   * Whether an expression is the client: a known name, `self.<known attribute>`, a member of a module
   * object holding one (`clients.client` after `from app import clients`: a dotted client name), or a
   * call of a known name (`get_composio()`, `clients.get_client()`).
   */
  isClient(node: PyNode): boolean {
    if (node.type === 'identifier') return this.clientNames.has(node.text) || this.isClientParameter(node);
    if (node.type === 'attribute') return (node.childForFieldName('object')?.text === 'self' && this.clientAttributes.has(node.childForFieldName('attribute')!.text)) || this.clientNames.has(node.text) || (this.clientFields.size > 0 && this.isClientField(node));
    if (node.type === 'call') {
      const callee = node.childForFieldName('function')!;
      if (callee.type === 'identifier' && this.clientFactories.has(callee.text)) return true;
      return (callee.type === 'identifier' || callee.type === 'attribute') && this.clientNames.has(callee.text) && (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0;
    }
    return false;
  }

  /** A name inside a function that a call of this file passes the client as that parameter. */
  private isClientParameter(name: PyNode): boolean {
    for (let scope = name.parent; scope; scope = scope.parent) {
      if (scope.type !== 'function_definition') continue;
      // the innermost function that binds the name decides
      if (!parameterNames(scope).all.includes(name.text)) continue;
      return (this.clientParameters.get(scope.id)?.has(name.text) ?? false) || this.isClientType(parameterType(scope, name.text));
    }
    return false;
  }

  /**
   * A type annotation naming the client class: `Composio`, `Optional[Composio]`, `Composio | None`, `"Composio"`
   * (the class as this file imports it from composio, or a legacy toolset class): `client: Composio = Depends(get_composio)`.
   */
  isClientType(annotation: PyNode | undefined): boolean {
    if (!annotation) return false;
    const name = annotatedClass(annotation);
    return this.clientTypeNames().has(name) || name === 'composio.Composio';
  }

  private clientClassNames: Set<string> | undefined;

  /**
   * The names the client's type goes by here: the class as imported from composio, the legacy toolset classes, a
   * module-level alias of one (FastAPI's `ComposioDep = Annotated[Composio, Depends(get_composio)]`), and such an
   * alias imported from a module of the run that defines it (imported-clients.ts records it with the clients).
   */
  private clientTypeNames(): Set<string> {
    if (this.clientClassNames) return this.clientClassNames;
    const names = new Set([...this.importedFromComposio('Composio'), ...this.toolsetClassNames()]);
    for (const [alias, value] of this.typeAliases()) {
      const aliased = annotatedClass(value);
      if (names.has(aliased) || aliased === 'composio.Composio') names.add(alias);
    }
    if (this.ctx.project instanceof ComposioProjectState) {
      for (const name of this.ctx.project.pythonImportedClients.get(this.ctx.path) ?? []) if (/^[A-Z]\w*$/.test(name)) names.add(name);
    }
    return (this.clientClassNames = names);
  }

  /** Module-level `Name = Annotated[T, ...]` (or `Name: TypeAlias = ...`): each alias and its value. */
  private typeAliases(): Array<[string, PyNode]> {
    const aliases: Array<[string, PyNode]> = [];
    for (const statement of this.tree.rootNode.namedChildren) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      const right = assignment?.childForFieldName('right');
      if (left?.type === 'identifier' && right?.type === 'subscript' && /(^|\.)Annotated$/.test(right.childForFieldName('value')?.text ?? '')) aliases.push([left.text, right]);
    }
    return aliases;
  }

  /** This module's aliases of the client's type, as other modules import them: `ComposioDep`. */
  clientTypeAliases(): string[] {
    const names = this.clientTypeNames();
    return this.typeAliases().map(([alias]) => alias).filter((alias) => names.has(alias));
  }

  /** The names this file imports the legacy toolset classes under (from composio or a composio_<framework> plugin). */
  toolsetClassNames(): string[] {
    const names: string[] = [];
    for (const statement of this.all('import_from_statement')) {
      if (!/^composio(_\w+)?$/.test(statement.childForFieldName('module_name')?.text ?? '')) continue;
      for (const name of importedNames(statement)) {
        const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
        if (TOOLSET_CLASSES.has(imported)) names.push(name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : imported);
      }
    }
    return names;
  }

  /** Every call on the client, in source order. */
  clientCalls(): PyClientCall[] {
    if (this.clientCallCache) return this.clientCallCache;
    const calls: PyClientCall[] = [];
    for (const call of this.all('call')) {
      const path: string[] = [];
      let current = call.childForFieldName('function');
      while (current && current.type === 'attribute') {
        path.unshift(current.childForFieldName('attribute')!.text);
        const object = current.childForFieldName('object')!;
        if (this.isClient(object)) {
          calls.push({ call, client: object, path });
          break;
        }
        current = object;
      }
    }
    this.clientCallCache = calls;
    return calls;
  }

  /** The positional arguments and keyword arguments of a call; undefined when it spreads `*args` / `**kwargs`. */
  argumentsOf(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode>; keywordNodes: PyNode[] } | undefined {
    const list = call.childForFieldName('arguments');
    if (!list || list.type !== 'argument_list') return undefined;
    const positional: PyNode[] = [];
    const keywords = new Map<string, PyNode>();
    const keywordNodes: PyNode[] = [];
    for (const child of list.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'list_splat' || child.type === 'dictionary_splat') return undefined;
      if (child.type === 'keyword_argument') {
        keywords.set(child.childForFieldName('name')!.text, child.childForFieldName('value')!);
        keywordNodes.push(child);
      } else {
        positional.push(child);
      }
    }
    return { positional, keywords, keywordNodes };
  }

  /** A plain string literal's value (no f-string, no concatenation), else undefined. */
  stringValue(node: PyNode | undefined): string | undefined {
    if (!node || node.type !== 'string') return undefined;
    if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
    const content = node.namedChildren.filter((c) => c?.type === 'string_content');
    const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
    if (/[bBfF]/.test(start)) return undefined;
    return content.map((c) => c!.text).join('');
  }

  /** `'...'` or `"..."`, as the file writes its strings (the first string literal's quote). */
  quote(value: string): string {
    const first = this.all('string_start')[0]?.text.replace(/^[rRuU]/, '');
    const q = first === "'" ? "'" : '"';
    return `${q}${value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
  }

  /** A string literal that can stand at a node: inside an f-string's `{...}`, in the quote the f-string does not use (before Python 3.12 it may not). */
  quoteAt(node: PyNode, value: string, like?: PyNode): string {
    const literal = like ? this.requote(like, value) : this.quote(value);
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (parent.type !== 'string') continue;
      const start = parent.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
      const q = start.endsWith("'") ? "'" : '"';
      if (literal[0] !== q) return literal;
      const other = q === '"' ? "'" : '"';
      return `${other}${value.replace(/\\/g, '\\\\').replace(new RegExp(other, 'g'), `\\${other}`)}${other}`;
    }
    return literal;
  }

  /** A new string literal in the quotes of an existing one (`'INITIATED'` → `'PENDING_AUTH'`). */
  requote(literal: PyNode, value: string): string {
    const start = literal.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '"';
    const q = start.endsWith("'") ? "'" : '"';
    return `${q}${value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
  }

  /**
   * A call's new argument list, laid out as the original was: on one line, or one argument a line at
   * the indentation of the original's first argument, with a trailing comma. The comments of the old
   * list are kept (argumentComments): a comment never goes with the code it annotated.
   */
  argumentList(call: PyNode, parts: string[]): string {
    const list = call.childForFieldName('arguments');
    if (!list || !list.text.includes('\n')) return `(${parts.join(', ')})`;
    const first = list.namedChildren.find((c) => c && c.type !== 'comment');
    const indent = first ? this.indentOf(first) : `${this.indentOf(call)}    `;
    const comments = argumentComments(list, parts);
    const lines: string[] = [];
    parts.forEach((part, i) => {
      for (const comment of comments.before.get(i) ?? []) lines.push(`${indent}${comment}`);
      const trailing = comments.trailing.get(i);
      lines.push(`${indent}${part},${trailing ? `  ${trailing.join(' ')}` : ''}`);
    });
    for (const comment of comments.after) lines.push(`${indent}${comment}`);
    return `(${this.eol}${lines.join(this.eol)}${this.eol}${this.indentOf(list.lastChild ?? list)})`;
  }

  /** The statement holding a node (the child of a module or block). */
  statementOf(node: PyNode): PyNode {
    let current: PyNode = node;
    while (current.parent && current.parent.type !== 'module' && current.parent.type !== 'block') current = current.parent;
    return current;
  }

  /** The indentation of the line a node starts on. */
  indentOf(node: PyNode): string {
    const lineStart = this.text.lastIndexOf('\n', node.startIndex - 1) + 1;
    return /^[ \t]*/.exec(this.text.slice(lineStart))![0];
  }

  get eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Reports a rule at a node and, when the rule asks for one, writes `# TODO(scalekit-migrate): ...` above its statement, once. */
  reportAt(ruleId: string, node: PyNode, detail?: string): void {
    this.ctx.report(ruleId, node.startIndex, detail);
    if (this.ctx.mappings.rules.get(ruleId)?.todo) writeTodoComment(this.ctx, this.decoratedStatementOf(node).startIndex, ruleId, '#', this.todos, detail);
  }

  /** Whether this run reported a rule whose TODO goes above the line starting at `lineStart` (written now or already there). */
  hasTodoAt(lineStart: number, ruleId: string): boolean {
    return this.todos.has(`${lineStart}:${ruleId}`);
  }

  /** Whether a statement already went through a transform (an edit inside it). */
  touched(node: PyNode): boolean {
    return this.ctx.edits.touches(node.startIndex, node.endIndex);
  }

  /**
   * Whether a call was rewritten (or reported and kept) by a transform: an edit on its callee. An edit inside its
   * arguments only (a result read migrated in place: `page["data"]` → `page.data`) leaves it to migrate.
   */
  rewritten(call: PyNode): boolean {
    const callee = call.type === 'call' ? call.childForFieldName('function') : null;
    return callee ? this.ctx.edits.touches(callee.startIndex, callee.endIndex) || this.ctx.edits.touches(call.startIndex, callee.startIndex + 1) : this.touched(call);
  }

  /** A node's text with the edits already taken inside it, for a rewrite that keeps it (replace() then takes their place). */
  source(node: PyNode): string {
    return this.ctx.edits.carry(node.startIndex, node.endIndex, this.text);
  }

  /** Rewrites a node whole; the engine reports it if an edit inside it, in no part source() gave, refused it. */
  replace(node: PyNode, text: string): boolean {
    return this.ctx.edits.replace(node.startIndex, node.endIndex, text);
  }

  /** Per-file scratch space shared by the Python transforms. */
  readonly state = new Map<string, unknown>();

  /**
   * Adds an import line after the file's last top-level import (or at the top), once per text. A
   * function is rendered when the edits are applied (an import whose names later call sites add to);
   * its caller keeps it once (two modules' closures have the same source text, so it is no key).
   * With `before` (a top-level statement): on a line of its own above that statement instead.
   */
  /** Says an import line is written by an edit of the caller's own (a statement replaced by it): addImport() then adds it no more. */
  importWritten(line: string): void {
    this.todos.add(`import:${line}`);
  }

  addImport(line: string | (() => string), before?: PyNode): void {
    if (typeof line === 'string') {
      if (new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm').test(this.text)) return;
      const key = `import:${line}`;
      if (this.todos.has(key)) return;
      this.todos.add(key);
    }
    const text = () => (typeof line === 'string' ? line : line());
    if (before) {
      const lineStart = this.text.lastIndexOf('\n', before.startIndex - 1) + 1;
      this.ctx.edits.add(lineStart, lineStart, () => `${text()}${this.eol}`);
      return;
    }
    const imports = this.tree.rootNode.namedChildren.filter((n) => n?.type === 'import_statement' || n?.type === 'import_from_statement' || n?.type === 'future_import_statement');
    const last = imports[imports.length - 1];
    // at the start of the line after the last import: that import's line can still be removed (a provider import
    // nothing uses any more), and a comment ending its line stays on it
    const next = last ? this.text.indexOf('\n', last.endIndex) : -1;
    if (last && next >= 0) this.ctx.edits.add(next + 1, next + 1, () => `${text()}${this.eol}`);
    else if (last) this.ctx.edits.add(last.endIndex, last.endIndex, () => `${this.eol}${text()}`);
    else this.ctx.edits.add(0, 0, () => `${text()}${this.eol}`);
  }

  /** Removes a statement's whole line (see removeRange). */
  removeLine(statement: PyNode): void {
    removeRange(this.text, statement.startIndex, statement.endIndex, this.ctx.edits);
  }

  /** A decorated function's TODO goes above its decorators; a statement sharing its line (`if need: req = ...`) has it above the line's statement. */
  private decoratedStatementOf(node: PyNode): PyNode {
    let statement = this.statementOf(node);
    while (statement.parent && !/^[ \t]*$/.test(this.text.slice(this.text.lastIndexOf('\n', statement.startIndex - 1) + 1, statement.startIndex))) {
      // `a = 1; b = ...` (the statement before it on the line), or `if need: b = ...` (the compound statement)
      statement = statement.previousNamedSibling ?? this.statementOf(statement.parent);
    }
    return statement.parent?.type === 'decorated_definition' ? statement.parent : statement;
  }
}

/** The class an annotation names: `Composio`, `Optional[Composio]`, `Composio | None`, `"Composio"`, `Annotated[Composio, Depends(...)]` → `Composio`. */
function annotatedClass(annotation: PyNode): string {
  const text = annotation.text.replace(/\s+/g, '').replace(/^(?:[A-Za-z_]\w*\.)?Annotated\[([^,\]]+),.*\]$/, '$1');
  const inner = /^(?:Optional\[(.+)\]|(.+)\|None|None\|(.+))$/.exec(text);
  return (inner ? (inner[1] ?? inner[2] ?? inner[3])! : text).replace(/^["'](.*)["']$/, '$1');
}

/** The values a function's own return statements give (not those of functions or lambdas inside it). */
function returnValues(fn: PyNode): PyNode[] {
  const values: PyNode[] = [];
  for (const statement of fn.descendantsOfType('return_statement')) {
    let owner = statement?.parent;
    while (owner && owner.type !== 'function_definition' && owner.type !== 'lambda') owner = owner.parent;
    const value = statement?.namedChildren[0];
    if (owner?.equals(fn) && value) values.push(value);
  }
  return values;
}

/**
 * A function's parameter names, in order (`self` included; `*args` and `**kwargs` left out): `all`, and
 * `positional`, those a positional argument can fill (the ones before `*` or `*args`).
 */
/** The type annotation of a function's parameter (`client: Composio`), if it has one. */
/**
 * Where the comments of an old argument list go in the new one: a comment on an argument's line trails
 * the new argument made from it; one on a line of its own goes above the new argument made from the next
 * old one (or after the last). The new argument made from an old one is the only part holding its value's
 * text (`arguments={...}` → `tool_input={...}`), else the part at its position.
 */
function argumentComments(list: PyNode, parts: string[]): { before: Map<number, string[]>; trailing: Map<number, string[]>; after: string[] } {
  const before = new Map<number, string[]>();
  const trailing = new Map<number, string[]>();
  const after: string[] = [];
  const children = list.namedChildren.filter((c): c is PyNode => c !== null);
  if (!children.some((c) => c.type === 'comment')) return { before, trailing, after };
  const args = children.filter((c) => c.type !== 'comment');
  const partOf = (argument: PyNode): number => {
    const value = argument.type === 'keyword_argument' ? argument.childForFieldName('value') ?? argument : argument;
    const holding = parts.flatMap((part, i) => (part.includes(value.text) ? [i] : []));
    if (holding.length === 1) return holding[0]!;
    return Math.min(args.indexOf(argument), parts.length - 1);
  };
  const add = (map: Map<number, string[]>, index: number, text: string) => map.set(index, [...(map.get(index) ?? []), text]);
  let previous: PyNode | undefined;
  children.forEach((child, i) => {
    if (child.type !== 'comment') {
      previous = child;
      return;
    }
    if (parts.length === 0) return after.push(child.text);
    if (previous && previous.endPosition.row === child.startPosition.row) return add(trailing, partOf(previous), child.text);
    const next = children.slice(i + 1).find((c) => c.type !== 'comment');
    if (next) add(before, partOf(next), child.text);
    else after.push(child.text);
  });
  return { before, trailing, after };
}

function parameterType(fn: PyNode, parameterName: string): PyNode | undefined {
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter || !['typed_parameter', 'typed_default_parameter'].includes(parameter.type)) continue;
    const name = parameter.childForFieldName('name') ?? parameter.namedChildren[0];
    if (name?.text === parameterName) return parameter.childForFieldName('type') ?? undefined;
  }
  return undefined;
}

export function parameterNames(fn: PyNode): { positional: string[]; all: string[] } {
  const all: string[] = [];
  let positional: string[] | undefined;
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    if (parameter.type === 'list_splat_pattern' || parameter.type === 'keyword_separator') positional ??= [...all];
    if (parameter.type === 'identifier') all.push(parameter.text);
    else if (['typed_parameter', 'default_parameter', 'typed_default_parameter'].includes(parameter.type)) {
      const name = parameter.childForFieldName('name') ?? parameter.namedChildren[0];
      if (name?.type === 'identifier') all.push(name.text);
    }
  }
  return { positional: positional ?? all, all };
}
