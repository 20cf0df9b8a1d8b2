import path from 'node:path';
import { recordToolkitMentions } from '../model/toolkit-mentions.js';
import type { Mappings } from '../../src/mappings/load.js';
import { parsePython, type PyNode } from '../../src/python/parser.js';
import { createFileContext } from '../../src/source-context.js';
import { ComposioProjectState, mergePythonToolsets } from '../model/project-state.js';
import { pythonProviderOf } from './framework-adapters.js';
import { importedNames, PyFile } from './model.js';

/**
 * The client across Python modules, before the first Python file is migrated:
 *
 *   # app/clients.py
 *   toolset = ComposioToolSet()               → app/clients.py exports `toolset`
 *   def get_client(): return composio         → and `get_client` (a call of it is the client)
 *   class Deps: composio: Composio            → and `Deps.composio` (the field of an instance is the client)
 *
 *   # app/agent.py (never says "composio")
 *   from app.clients import toolset           → `toolset` is the client in app/agent.py
 *   from .clients import get_client as gc     → `gc` too
 *   from app.clients import *                 → every name app/clients.py exports
 *
 * A module re-exporting an imported client (`from .clients import composio` in app/__init__.py) exports
 * it in turn: repeated until nothing new is learned. `a.b` is a/b.py or a/b/__init__.py anywhere in the
 * run (the one nearest the importer when there are several); `.b`, `..b` are read from the importer's
 * package. A module object holding a client (`from app import clients`, `import app.clients as c`) makes
 * its members dotted client names (`clients.client`, `c.get_client`). A notebook's code cells importing from
 * these modules: notebookImportedClients.
 */
export function analyzeImportedClients(files: Array<{ path: string; text(): string | undefined }>, ctx: { project: unknown; mappings: Mappings }): string[] {
  const { project, mappings } = ctx;
  if (!(project instanceof ComposioProjectState) || files.length === 0) return [];
  const known = new PythonModules(files.map((f) => f.path));
  // the modules each file imports from, by a line scan (exact names come from its tree, if it matters)
  const importsOf = new Map<string, string[]>();
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = file.text();
    if (text === undefined) continue;
    recordToolkitMentions(project.mentionedToolkits, text, mappings);
    const modules = modulesImported(text);
    if (modules.length > 0) importsOf.set(file.path, modules);
    if (/composio/i.test(text)) texts.set(file.path, text);
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  const textOf = (file: string) => texts.get(file) ?? byPath.get(file)?.text();
  const exports = project.pythonExports;
  project.pythonFiles = files.map((f) => f.path);
  const imported = project.pythonImportedClients;
  // a module only matters when another file imports from it
  const importedModules = new Set<string>();
  for (const [file, modules] of importsOf) for (const module of modules) importedModules.add(known.resolve(file, module) ?? '');
  let toRead = new Set([...texts.keys()].filter((file) => importedModules.has(file)));
  for (let round = 0; toRead.size > 0 && round < MAX_ROUNDS; round++) {
    const grew = new Set<string>();
    for (const file of toRead) {
      const text = textOf(file);
      if (text === undefined) continue;
      const names = exportedClients(file, text, project, mappings);
      if (names.size > 0 && !sameSet(names, exports.get(file))) {
        exports.set(file, names);
        grew.add(file);
      }
    }
    toRead = new Set();
    if (grew.size === 0) break;
    for (const [file, modules] of importsOf) {
      if (!modules.some((m) => grew.has(known.resolve(file, m) ?? ''))) continue;
      const text = textOf(file);
      if (text === undefined) continue;
      const { names: local, modules: sources } = importedClientNames(file, text, exports, known);
      const before = imported.get(file);
      if (local.size === 0 || [...local].every((n) => before?.has(n))) continue;
      imported.set(file, new Set([...(before ?? []), ...local]));
      recordImportedProvider(project, file, sources);
      // what it imports, it may export in turn
      if (importedModules.has(file)) toRead.add(file);
    }
  }
  return [...imported.keys()];
}

/**
 * A notebook's code cells (joined into one Python text, `path` the .py name it is migrated under) importing
 * from the run's Python modules: `from app.clients import client` in a cell. After analyzeImportedClients.
 */
export function notebookImportedClients(path: string, code: string, ctx: { project: ComposioProjectState; mappings: Mappings; read(path: string): string | undefined }): boolean {
  const { project } = ctx;
  const modules = modulesImported(code);
  if (modules.length === 0 || project.pythonFiles.length === 0) return false;
  const known = new PythonModules(project.pythonFiles);
  let offers = false;
  for (const module of modules) {
    const file = known.resolve(path, module);
    if (!file) continue;
    // a module only a notebook imports was not analysed with the others
    if (!project.pythonExports.has(file)) {
      const text = ctx.read(file);
      const names = text !== undefined && /composio/i.test(text) ? exportedClients(file, text, project, ctx.mappings) : undefined;
      if (names && names.size > 0) project.pythonExports.set(file, names);
    }
    offers ||= project.pythonExports.has(file);
  }
  if (!offers) return false;
  const { names: local, modules: sources } = importedClientNames(path, code, project.pythonExports, known);
  if (local.size === 0) return false;
  project.pythonImportedClients.set(path, local);
  recordImportedProvider(project, path, sources);
  return true;
}

const MAX_ROUNDS = 8;
const FROM_IMPORT = /^[ \t]*from[ \t]+(\.+[\w.]*|[A-Za-z_][\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([A-Za-z_][\w.]*)/gm;

/**
 * The modules a text imports from or imports, by a line scan (exact names come from its tree, when it
 * matters): `from app import clients, jobs` gives app, app.clients and app.jobs (a name may be a submodule).
 */
function modulesImported(text: string): string[] {
  const modules: string[] = [];
  for (const [, from, names] of text.matchAll(FROM_IMPORT)) {
    modules.push(from!);
    for (const name of names!.replace(/[()\\]/g, ' ').split(',')) {
      const imported = name.trim().split(/\s+/)[0];
      if (imported && /^\w+$/.test(imported)) modules.push(from!.endsWith('.') ? `${from}${imported}` : `${from}.${imported}`);
    }
  }
  for (const [, module] of text.matchAll(IMPORT)) modules.push(module!);
  return modules;
}

/** The client names a module offers at its top level: clients it builds or imports, and functions returning one. */
function exportedClients(file: string, text: string, project: ComposioProjectState, mappings: Mappings): Set<string> {
  const tree = parsePython(text);
  try {
    const py = new PyFile(tree, createFileContext({ path: file, language: 'python', text, mappings, project }));
    const names = new Set<string>();
    const returnsClient = (fn: PyNode) =>
      fn.descendantsOfType('return_statement').some((r) => {
        if (!r || enclosingFunction(r)?.equals(fn) !== true) return false;
        const value = r.namedChildren[0];
        return !!value && (py.isClient(value) || py.isComposioConstruction(value) || py.isToolsetConstruction(value));
      });
    for (const statement of topLevelStatements(tree.rootNode as PyNode)) {
      if (statement.type === 'expression_statement') {
        const assignment = statement.namedChildren[0];
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
        if (left?.type === 'identifier' && py.clientNames.has(left.text)) names.add(left.text);
      } else if (statement.type === 'import_from_statement') {
        for (const name of importedNames(statement)) {
          const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : name.text;
          if (py.clientNames.has(local)) names.add(local);
          // a class with a client field, imported and offered in turn (`Deps.composio`)
          for (const client of py.clientNames) if (client.startsWith(`${local}.`) && !client.slice(local.length + 1).includes('.')) names.add(client);
        }
      } else if (statement.type === 'function_definition' && returnsClient(statement)) {
        names.add(statement.childForFieldName('name')!.text);
      }
    }
    // classes with a field annotated with the client class (`composio: Composio` in a dataclass): `Deps.composio`
    for (const field of py.clientFieldNames()) names.add(field);
    // aliases of the client's type (`ComposioDep = Annotated[Composio, Depends(get_composio)]`): a parameter annotated with one is the client
    for (const alias of py.clientTypeAliases()) names.add(alias);
    // its importers use the adapter its provider asks for, as this file does
    const provider = pythonProviderOf(py);
    if (names.size > 0 && provider !== undefined) project.pythonProviders.set(file, provider);
    // and the plugin and literal entity_id of its legacy toolsets (a module re-exporting one keeps what its own imports recorded)
    const toolsets = names.size > 0 && /ComposioTool[Ss]et/.test(text) ? py.all('call').filter((call) => py.isToolsetConstruction(call)) : [];
    if (toolsets.length > 0) project.pythonToolsets.set(file, mergePythonToolsets(toolsets.map((call) => ({ plugin: py.toolsetModule(call)!, ...literalEntity(py, call) }))));
    return names;
  } finally {
    tree.delete();
  }
}

/** The statements of a module's top level, those of its `if`, `try` and `with` blocks included, and decorated functions. */
function topLevelStatements(module: PyNode): PyNode[] {
  const statements: PyNode[] = [];
  const visit = (node: PyNode) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'decorated_definition') {
        const definition = child.childForFieldName('definition');
        if (definition) statements.push(definition);
      } else if (['if_statement', 'try_statement', 'with_statement', 'block', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(child.type)) {
        visit(child);
      } else {
        statements.push(child);
      }
    }
  };
  visit(module);
  return statements;
}

/**
 * The local names a file binds to clients other modules of the run export: `from app.clients import client`
 * (and `import *`); through module objects, dotted names: `from app import clients`, `import app.clients as c`,
 * `import app.clients` → `clients.client`, `c.client`, `app.clients.client`. With the module files they come from.
 */
function importedClientNames(file: string, text: string, exports: Map<string, Set<string>>, known: PythonModules): { names: Set<string>; modules: Set<string> } {
  const tree = parsePython(text);
  try {
    const names = new Set<string>();
    const modules = new Set<string>();
    const add = (name: string, module: string) => {
      names.add(name);
      modules.add(module);
    };
    for (const statement of tree.rootNode.descendantsOfType(['import_from_statement', 'import_statement'])) {
      if (!statement) continue;
      const from = statement.type === 'import_from_statement' ? statement.childForFieldName('module_name')?.text : undefined;
      if (statement.type === 'import_from_statement' && from === undefined) continue;
      const source = from === undefined ? '' : (known.resolve(file, from) ?? '');
      const offered = exports.get(source);
      if (offered && statement.namedChildren.some((c) => c?.type === 'wildcard_import')) for (const name of offered) add(name, source);
      for (const name of importedNames(statement as PyNode)) {
        const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : imported;
        if (offered?.has(imported)) add(local, source);
        // a class's client fields come under the class's local name
        for (const name of offered ?? []) if (name.startsWith(`${imported}.`)) add(`${local}${name.slice(imported.length)}`, source);
        // the name as a module of its own
        const module = from === undefined ? imported : from.endsWith('.') ? `${from}${imported}` : `${from}.${imported}`;
        const moduleFile = known.resolve(file, module) ?? '';
        for (const exported of exports.get(moduleFile) ?? []) add(`${local}.${exported}`, moduleFile);
      }
    }
    return { names, modules };
  } finally {
    tree.delete();
  }
}

/** The Python files of the run, by module name. */
export class PythonModules {
  private readonly files: Set<string>;
  /** The last part of a module's dotted name (`clients` for app/clients.py and app/clients/__init__.py) → its files. */
  private readonly byName = new Map<string, string[]>();
  private readonly resolved = new Map<string, string | undefined>();

  constructor(files: Iterable<string>) {
    this.files = new Set(files);
    for (const file of this.files) {
      const stem = path.basename(file, '.py');
      const name = stem === '__init__' ? path.basename(path.dirname(file)) : stem;
      const list = this.byName.get(name);
      if (list) list.push(file);
      else this.byName.set(name, [file]);
    }
  }

  /** The file a `from <module> import` names: relative to the importer's package, or by its dotted path anywhere in the run. */
  resolve(from: string, module: string): string | undefined {
    // most imports name no module of the run (os, json, a package's other names): no file of that name, no answer
    const last = module.slice(module.lastIndexOf('.') + 1);
    if (last !== '' && !this.byName.has(last)) return undefined;
    const key = `${path.dirname(from)}\0${module}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.find(from, module));
    return this.resolved.get(key);
  }

  private find(from: string, module: string): string | undefined {
    const dots = /^\.*/.exec(module)![0].length;
    const parts = module.slice(dots).split('.').filter(Boolean);
    if (dots > 0) {
      let dir = path.dirname(from);
      for (let i = 1; i < dots; i++) dir = path.dirname(dir);
      const base = path.join(dir, ...parts);
      const candidates = parts.length > 0 ? [`${base}.py`, path.join(base, '__init__.py')] : [path.join(base, '__init__.py')];
      return candidates.find((candidate) => this.files.has(candidate));
    }
    const suffixes = [`${path.sep}${path.join(...parts)}.py`, `${path.sep}${path.join(...parts, '__init__.py')}`];
    const matches = (this.byName.get(parts[parts.length - 1] ?? '') ?? []).filter((file) => suffixes.some((suffix) => file.endsWith(suffix)));
    if (matches.length <= 1) return matches[0];
    // several packages of that name (a monorepo): the one sharing the longest folder with the importer, if only one does
    const shared = (file: string) => commonPrefix(path.dirname(file), path.dirname(from));
    const best = Math.max(...matches.map(shared));
    const nearest = matches.filter((file) => shared(file) === best);
    return nearest.length === 1 ? nearest[0] : undefined;
  }
}

function commonPrefix(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition' || current.type === 'lambda') return current;
  return undefined;
}

/**
 * The provider of the clients a file imports, from the modules they come from (`?` when those disagree): pythonProviderOf
 * reads it; likewise the legacy toolsets it imports (PyFile.importedToolsets).
 */
function recordImportedProvider(project: ComposioProjectState, file: string, modules: Set<string>): void {
  const providers = new Set([...modules].map((module) => project.pythonProviders.get(module)));
  if (project.pythonProviders.has(file)) providers.add(project.pythonProviders.get(file));
  const [only] = providers;
  if (!(providers.size === 1 && only === undefined)) project.pythonProviders.set(file, providers.size === 1 ? only! : '?');
  // a module offering no toolset has no say in the plugin
  const toolsets = [...modules, file].map((module) => project.pythonToolsets.get(module)).filter((t) => t !== undefined);
  if (toolsets.length > 0) project.pythonToolsets.set(file, mergePythonToolsets(toolsets));
}

/** `ComposioToolSet(entity_id="acme")`: the entity id, when it is a plain string or integer literal (importers can write it). */
function literalEntity(py: PyFile, construction: PyNode): { entity?: string | number } {
  const value = py.argumentsOf(construction)?.keywords.get('entity_id');
  if (value?.type === 'integer' && /^\d+$/.test(value.text)) return { entity: Number(value.text) };
  const text = value ? py.stringValue(value) : undefined;
  // an escape sequence would need reading: the value is written again in the importer's quotes
  return text === undefined || text.includes('\\') ? {} : { entity: text };
}

function sameSet(a: Set<string>, b: Set<string> | undefined): boolean {
  return b !== undefined && a.size === b.size && [...a].every((x) => b.has(x));
}
