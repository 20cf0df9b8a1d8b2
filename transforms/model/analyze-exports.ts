import { Node, Scope, SyntaxKind, ts, type CallExpression, type ClassDeclaration, type ExportSpecifier, type NewExpression, type SourceFile } from '../../src/ts-morph.js';
import { recordToolkitMentions } from './toolkit-mentions.js';
import type { AnalysisContext, SourceFileContext } from '../../src/migration.js';
import { ComposioBindings, LEGACY_CORE, LEGACY_SDK, commonJsExportName, declarationsOf, moduleOfCall, realFile, unwrap } from './composio-bindings.js';
import { ComposioProjectState, DEFAULT_PROVIDER_MARK, LEGACY_TOOLSET_PROVIDERS, type ExportKind, type Reexport } from './project-state.js';
import { bindFile, declarationNodes, valueSymbolOf } from './scopes.js';
import { resultExports } from './wrapped-results.js';
import { compilerNodesOfKind, descendantsOfKind, descendantsOfKindWhere, wrap } from './identifiers.js';

/** The bindings of a file, built once and shared by every transform of that file. */
export function bindingsFor(file: SourceFile, ctx: SourceFileContext): ComposioBindings {
  let bindings = ctx.state.get('composio-bindings') as ComposioBindings | undefined;
  if (!bindings) {
    bindings = new ComposioBindings(file, ctx.project as ComposioProjectState, ctx.resolveImport);
    ctx.state.set('composio-bindings', bindings);
  }
  return bindings;
}

/** The bindings of the legacy SDK (`composio-core` toolsets) in a file, built once; exports are followed through their own project state. */
export function legacyBindingsFor(file: SourceFile, ctx: SourceFileContext): ComposioBindings {
  let bindings = ctx.state.get('composio-legacy-bindings') as ComposioBindings | undefined;
  if (!bindings) {
    bindings = new ComposioBindings(file, (ctx.project as ComposioProjectState).legacy, ctx.resolveImport, LEGACY_SDK);
    ctx.state.set('composio-legacy-bindings', bindings);
  }
  return bindings;
}

/**
 * Phase 1: which exports of this file are a client, a factory of one, or an object holding
 * one. Covers `export const`, `export function`, `export default`, `export { a as b }`,
 * re-exports and barrels, and CommonJS `module.exports` / `exports.x`.
 */
export function analyzeExports(file: SourceFile, ctx: AnalysisContext): boolean {
  const state = ctx.project as ComposioProjectState;
  recordToolkitMentions(state.mentionedToolkits, file.getFullText(), ctx.mappings);
  const resolve = (specifier: string) => ctx.resolveImport(realFile(file), specifier);
  const bindings = new ComposioBindings(file, state, resolve);
  let changed = analyzeWith(file, ctx, state, bindings);
  // functions returning a result the migration reshapes: their importers become candidates, to be told (wrapped-results)
  const results = resultExports(file, bindings, ctx.mappings);
  if (state.recordResults(realFile(file), results)) changed = true;
  if (results.size > 0) ctx.markModule(realFile(file), 1);
  // the legacy SDK's toolsets are followed the same way, in a state of their own
  if (!file.getFullText().includes(LEGACY_CORE) && !state.legacy.hasExports()) return changed;
  const legacyChanged = analyzeWith(file, ctx, state.legacy, new ComposioBindings(file, state.legacy, resolve, LEGACY_SDK), true);
  return changed || legacyChanged;
}

function analyzeWith(file: SourceFile, ctx: AnalysisContext, state: ComposioProjectState, bindings: ComposioBindings, legacy = false): boolean {
  const path = file.getFilePath();
  const realPath = path; // the runner names files by their absolute path
  const resolve = (specifier: string) => ctx.resolveImport(realFile(file), specifier);
  const exports = new Map<string, ExportKind>();
  const reexports: Reexport[] = [];

  const kindOfValue = (value: Node | undefined): ExportKind | undefined => {
    if (!value) return undefined;
    const node = unwrap(value);
    if (bindings.isClient(node)) return { kind: 'client' };
    if (bindings.returnsClient(node)) return { kind: 'factory' };
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return kindOfReturnedObjects(node) ?? kindOfCallbacks(node);
    if (Node.isIdentifier(node)) return kindOfDeclarations(declarationsOf(node));
    // `new ComposioService()` of a class of this file: its public members that hold or return the client
    if (Node.isNewExpression(node)) {
      const callee = node.getExpression();
      const declaration = Node.isIdentifier(callee) ? declarationsOf(callee).find((d) => Node.isClassDeclaration(d)) : undefined;
      return declaration && Node.isClassDeclaration(declaration) ? kindOfInstance(declaration) : undefined;
    }
    if (Node.isObjectLiteralExpression(node)) {
      const properties: Record<string, ExportKind> = {};
      for (const property of node.getProperties()) {
        let kind: ExportKind | undefined;
        if (Node.isPropertyAssignment(property)) kind = kindOfValue(property.getInitializer());
        // `{ getComposio }`: the property's name is its own declaration; what it holds is the variable or function of that name
        else if (Node.isShorthandPropertyAssignment(property)) kind = kindOfValue(property.getNameNode()) ?? kindOfDeclarations(declarationNodes(file, valueSymbolOf(property)));
        else if (Node.isMethodDeclaration(property) && bindings.returnsClient(property)) kind = { kind: 'factory' };
        if (kind && (Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property))) properties[property.getName()] = kind;
      }
      return Object.keys(properties).length > 0 ? { kind: 'object', properties } : undefined;
    }
    return undefined;
  };

  /**
   * An instance of a class wrapping the client: `client = new Composio()` or `get raw() { return this.client }`
   * → `instance.client`, `instance.raw` are the client; `getClient() { return this.client }` a factory.
   * Private, protected (`#x` too) and static members are not the importer's to read.
   */
  const kindOfInstance = (declaration: ClassDeclaration): ExportKind | undefined => {
    const properties: Record<string, ExportKind> = {};
    // `constructor(readonly composio: Composio)`: `readonly composio` alone is public
    for (const parameter of declaration.getConstructors().flatMap((c) => c.getParameters())) {
      const scope = parameter.getScope() ?? Scope.Public;
      if (parameter.isParameterProperty() && scope === Scope.Public && bindings.isClientType(parameter.getTypeNode())) properties[parameter.getName()] = { kind: 'client' };
    }
    for (const member of declaration.getMembers()) {
      if (!(Node.isPropertyDeclaration(member) || Node.isGetAccessorDeclaration(member) || Node.isMethodDeclaration(member))) continue;
      if (member.isStatic() || member.getScope() !== Scope.Public || Node.isPrivateIdentifier(member.getNameNode())) continue;
      let kind: ExportKind | undefined;
      if (Node.isPropertyDeclaration(member)) {
        const initializer = member.getInitializer();
        kind = bindings.isClientType(member.getTypeNode()) || (initializer !== undefined && bindings.isClient(initializer)) ? { kind: 'client' } : undefined;
      } else if (bindings.returnsClient(member)) {
        kind = Node.isGetAccessorDeclaration(member) ? { kind: 'client' } : { kind: 'factory' };
      }
      if (kind) properties[member.getName()] = kind;
    }
    return Object.keys(properties).length > 0 ? { kind: 'object', properties } : undefined;
  };

  /** An exported class whose instances hold a client: importers' `new Registry()` and `ToolService.get()` (a static returning the class) are followed. */
  const kindOfClass = (declaration: ClassDeclaration): ExportKind | undefined => {
    const instance = kindOfInstance(declaration);
    if (instance?.kind !== 'object') return undefined;
    const statics: Record<string, ExportKind> = {};
    const name = declaration.getName();
    for (const method of declaration.getStaticMethods()) {
      const returned = method.getReturnTypeNode();
      if (method.getScope() !== Scope.Public || !name || !Node.isTypeReference(returned)) continue;
      const [argument] = returned.getTypeArguments();
      // `static get(): ToolService`, `static async create(): Promise<ToolService>`
      const named = returned.getTypeName().getText() === 'Promise' && Node.isTypeReference(argument) ? argument.getTypeName().getText() : returned.getTypeName().getText();
      if (named === name) statics[method.getName()] = { kind: 'object-factory', properties: instance.properties };
    }
    return { kind: 'instance-class', properties: instance.properties, statics };
  };

  /** A function taking callbacks it calls with a client (`fn: (client: Composio) => Promise<T>`): the importers' callbacks' parameters are clients. */
  const kindOfCallbacks = (fn: Node): ExportKind | undefined => {
    const callbacks = bindings.clientCallbacks(fn);
    return Object.keys(callbacks).length > 0 ? { kind: 'client-callback', callbacks } : undefined;
  };

  /** A function returning an object that holds a client (`return { composio: new Composio(), userId }`): its calls give that object. */
  const kindOfReturnedObjects = (fn: Node): ExportKind | undefined => {
    const properties: Record<string, ExportKind> = {};
    for (const object of bindings.returnedObjects(fn)) {
      const kind = kindOfValue(object);
      if (kind?.kind === 'object') Object.assign(properties, kind.properties);
    }
    return Object.keys(properties).length > 0 ? { kind: 'object-factory', properties } : undefined;
  };

  const kindOfDeclarations = (declarations: Node[]): ExportKind | undefined => {
    for (const d of declarations) {
      let kind: ExportKind | undefined;
      if (Node.isVariableDeclaration(d)) kind = bindings.isClientType(d.getTypeNode()) ? { kind: 'client' } : kindOfValue(d.getInitializer());
      else if (Node.isFunctionDeclaration(d)) kind = bindings.returnsClient(d) ? { kind: 'factory' } : (kindOfReturnedObjects(d) ?? kindOfCallbacks(d));
      else if (Node.isTypeAliasDeclaration(d)) kind = bindings.isClientType(d.getTypeNode()) ? { kind: 'type' } : undefined;
      else if (Node.isClassDeclaration(d)) kind = kindOfClass(d);
      else if (Node.isImportSpecifier(d) || Node.isImportClause(d) || Node.isBindingElement(d)) {
        // the class imported from the SDK and exported again (export { Composio })
        kind = bindings.importedKind(d) ?? ([...bindings.sdk.classes].some((name) => bindings.declaresCoreExport(d, name)) ? { kind: 'class' } : undefined);
      }
      if (kind) return kind;
    }
    return undefined;
  };

  for (const statement of file.getStatements()) {
    if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      for (const declaration of statement.getDeclarations()) {
        const kind = kindOfDeclarations([declaration]);
        if (kind && Node.isIdentifier(declaration.getNameNode())) exports.set(declaration.getName(), kind);
      }
    } else if (Node.isFunctionDeclaration(statement) && statement.hasExportKeyword()) {
      const kind: ExportKind | undefined = bindings.returnsClient(statement) ? { kind: 'factory' } : (kindOfReturnedObjects(statement) ?? kindOfCallbacks(statement));
      if (kind) {
        bindFile(file); // a bound file gives isDefaultExport() its symbols without a type checker (unless another default export must be resolved)
        exports.set(statement.isDefaultExport() ? 'default' : statement.getName() ?? 'default', kind);
      }
    } else if (Node.isClassDeclaration(statement) && statement.hasExportKeyword()) {
      const kind = kindOfClass(statement);
      if (kind) {
        bindFile(file);
        exports.set(statement.isDefaultExport() ? 'default' : statement.getName() ?? 'default', kind);
      }
    } else if (Node.isTypeAliasDeclaration(statement) && statement.hasExportKeyword()) {
      if (bindings.isClientType(statement.getTypeNode())) exports.set(statement.getName(), { kind: 'type' });
    } else if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
      const kind = kindOfValue(statement.getExpression());
      if (kind) exports.set('default', kind);
    } else if (Node.isExportDeclaration(statement)) {
      const specifier = statement.getModuleSpecifierValue();
      if (specifier !== undefined) {
        const from = resolve(specifier);
        if (!from) continue;
        if (statement.isNamespaceExport() || statement.getNamedExports().length === 0) {
          const namespace = statement.getNamespaceExport();
          if (namespace) continue; // `export * as ns from`: members reach importers as `ns.x`, rare for clients
          reexports.push({ from });
        } else {
          const names = new Map<string, string>();
          for (const named of statement.getNamedExports()) names.set(named.getAliasNode()?.getText() ?? named.getName(), named.getName());
          reexports.push({ from, names });
        }
      } else {
        for (const named of statement.getNamedExports()) {
          // the local declarations of `export { x }` (declarationsOf answers with the export specifier itself)
          const kind = kindOfDeclarations(localTargetsOf(named));
          if (kind) exports.set(named.getAliasNode()?.getText() ?? named.getName(), kind);
        }
      }
    } else if (Node.isExpressionStatement(statement)) {
      collectCommonJsExport(statement.getExpression(), exports, kindOfValue);
    }
  }

  void realPath;
  const passedOn = recordClientArguments(file, ctx, state, bindings, resolve);
  // a legacy toolset's class is its provider (`new VercelAIToolSet()` is VercelProvider's counterpart)
  state.recordProviders(realFile(file), legacy ? toolsetProviders(file, bindings) : clientProviders(file, bindings));
  // a client property added to a framework's type, or a global client, is read by the files importing this one (`c.var.composio`, `globalThis.__composio`)
  const augmented = bindings.augmentedClientProperties().map((p) => p.getName());
  const globals = bindings.globalClientNames();
  const augmentedChanged = state.recordAugmentedClients(realFile(file), augmented);
  const globalsChanged = state.recordGlobalClients(realFile(file), globals);
  const changed = state.record(realFile(file), exports, reexports) || passedOn || augmentedChanged || globalsChanged;
  if (state.exportsAnything(realFile(file)) || augmented.length > 0 || globals.length > 0) ctx.markModule(realFile(file));
  return changed;
}

/**
 * Calls passing a client to a function (or class: `new Agent(composio)`) imported from a local module
 * (`import { star } from './helpers'` then `star(composio, id)`): that module's parameter receives a
 * client, and the module is made a candidate though it may not mention Composio. Returns whether
 * anything new was recorded.
 */
function recordClientArguments(file: SourceFile, ctx: AnalysisContext, state: ComposioProjectState, bindings: ComposioBindings, resolve: (specifier: string) => string | undefined): boolean {
  const imported = importedFunctions(file, resolve);
  if (imported.functions.size === 0 && imported.namespaces.size === 0) return false;
  let changed = false;
  const calls = [...compilerNodesOfKind(file, SyntaxKind.CallExpression), ...compilerNodesOfKind(file, SyntaxKind.NewExpression)] as Array<ts.CallExpression | ts.NewExpression>;
  for (const node of calls) {
    if (!node.arguments || node.arguments.length === 0) continue;
    const found = importedCallee(file, node, imported);
    if (!found) continue;
    const { call, target } = found;
    const args = call.getArguments();
    for (const [index, argument] of args.entries()) {
      if (args.slice(0, index + 1).some((a) => Node.isSpreadElement(a)) || !bindings.isClient(argument)) continue;
      if (state.recordClientArgument(target.module, target.name, index)) changed = true;
      ctx.includeFile(target.module);
    }
  }
  return changed;
}

/**
 * The imported function a call (or `new`) calls: `star(...)` or `helpers.star(...)` with the names of
 * importedFunctions, where the name is the import's (not a local of the same name); else undefined.
 */
export function importedCallee(
  file: SourceFile,
  node: ts.CallExpression | ts.NewExpression,
  { functions, namespaces }: ImportedFunctions,
): { call: CallExpression | NewExpression; target: { module: string; name: string } } | undefined {
  const callee = node.expression;
  const target = ts.isIdentifier(callee)
    ? functions.get(callee.text)
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && namespaces.has(callee.expression.text)
      ? { module: namespaces.get(callee.expression.text)!, name: callee.name.text }
      : undefined;
  if (!target) return undefined;
  const call = wrap<CallExpression | NewExpression>(file, node);
  const named = ts.isIdentifier(callee) ? call.getExpression() : call.getExpression().getFirstChildOrThrow();
  if (!declarationsOf(named).some((d) => isImportDeclarationOf(d.compilerNode))) return undefined;
  return { call, target };
}

/** An import's own declaration: a specifier, default or namespace import, or a variable (or destructured name) holding `require('./m')` / `await import('./m')`. */
function isImportDeclarationOf(node: ts.Node): boolean {
  if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) return true;
  let holder: ts.Node = node;
  while (ts.isBindingElement(holder) || ts.isObjectBindingPattern(holder)) holder = holder.parent;
  return ts.isVariableDeclaration(holder) && loaderCall(holder.initializer) !== undefined;
}

/** `require('./m')`, or `await import('./m')`: the call. */
function loaderCall(init: ts.Expression | undefined): ts.CallExpression | undefined {
  const call = init && ts.isAwaitExpression(init) ? init.expression : init;
  return call && ts.isCallExpression(call) && ((ts.isIdentifier(call.expression) && call.expression.text === 'require') || call.expression.kind === SyntaxKind.ImportKeyword) ? call : undefined;
}

export interface ImportedFunctions {
  functions: Map<string, { module: string; name: string }>;
  namespaces: Map<string, string>;
}

/**
 * The functions a file takes from local modules, by local name, and the local modules it holds whole:
 *   import { star } from './helpers' / import star from './helpers' / const { star } = require('./helpers')
 *   import * as helpers from './helpers' / const helpers = require('./helpers')   (called as helpers.star)
 *   and the same with `await import('./helpers')`
 */
export function importedFunctions(file: SourceFile, resolve: (specifier: string) => string | undefined): ImportedFunctions {
  const functions = new Map<string, { module: string; name: string }>();
  const namespaces = new Map<string, string>();
  // on compiler nodes: every file of phase 1 comes here, and most import nothing it passes a client to
  for (const statement of file.compilerNode.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = resolve(statement.moduleSpecifier.text);
    if (!module) continue;
    if (clause.name) functions.set(clause.name.text, { module, name: 'default' });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, module);
    else if (bindings) {
      for (const specifier of bindings.elements) {
        if (!specifier.isTypeOnly) functions.set(specifier.name.text, { module, name: (specifier.propertyName ?? specifier.name).text });
      }
    }
  }
  const isRequire = (node: ts.Node) => ts.isVariableDeclaration(node) && loaderCall(node.initializer) !== undefined;
  for (const declaration of descendantsOfKindWhere(file, SyntaxKind.VariableDeclaration, isRequire)) {
    const specifier = moduleOfCall(wrap<CallExpression>(file, loaderCall(declaration.compilerNode.initializer)!));
    const module = specifier ? resolve(specifier) : undefined;
    if (!module) continue;
    const name = declaration.getNameNode();
    if (Node.isIdentifier(name)) {
      namespaces.set(name.getText(), module);
      functions.set(name.getText(), { module, name: 'default' });
    } else if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const local = element.getNameNode();
        if (Node.isIdentifier(local)) functions.set(local.getText(), { module, name: element.getPropertyNameNode()?.getText() ?? local.getText() });
      }
    }
  }
  return { functions, namespaces };
}

/**
 * The provider class of each client built in the file:
 *   new Composio()                                        → (default): Composio's OpenAIProvider
 *   new Composio({ provider: new VercelProvider() })      → VercelProvider
 *   const provider = new VercelProvider(); new Composio({ provider })  → VercelProvider
 *   new Composio({ provider: makeProvider() })            → ? (the code does not say)
 */
function clientProviders(file: SourceFile, bindings: ComposioBindings): string[] {
  const found: string[] = [];
  for (const construction of descendantsOfKind(file, SyntaxKind.NewExpression)) {
    if (!bindings.isClientClass(construction.getExpression())) continue;
    const options = construction.getArguments()[0];
    if (!options) {
      found.push(DEFAULT_PROVIDER);
      continue;
    }
    if (!Node.isObjectLiteralExpression(options)) {
      found.push('?');
      continue;
    }
    const property = options.getProperty('provider');
    if (!property) found.push(DEFAULT_PROVIDER);
    else if (Node.isPropertyAssignment(property)) found.push(providerClassOf(property.getInitializerOrThrow()));
    else if (Node.isShorthandPropertyAssignment(property)) found.push(providerClassOf(property.getNameNode()));
    else found.push('?');
  }
  return found;
}

const DEFAULT_PROVIDER = DEFAULT_PROVIDER_MARK;

/** The providers whose counterpart the legacy toolsets a file builds are (`?` for a toolset with none). */
function toolsetProviders(file: SourceFile, bindings: ComposioBindings): string[] {
  const found: string[] = [];
  for (const construction of descendantsOfKind(file, SyntaxKind.NewExpression)) {
    if (!bindings.isClientClass(construction.getExpression())) continue;
    const expression = construction.getExpression();
    const imported = declarationsOf(expression).find((d) => Node.isImportSpecifier(d));
    const name = imported && Node.isImportSpecifier(imported) ? imported.getName() : expression.getText().split('.').pop()!;
    found.push(LEGACY_TOOLSET_PROVIDERS[name] ?? '?');
  }
  return found;
}

/** `new X(...)` → `X` (also `pkg.X`), through a `const` holding one; `?` otherwise. */
function providerClassOf(value: Node, depth = 0): string {
  const node = unwrap(value);
  if (Node.isNewExpression(node)) return node.getExpression().getText().split('.').pop()!;
  if (Node.isIdentifier(node) && depth < 3) {
    for (const declaration of declarationsOf(node)) {
      if (Node.isVariableDeclaration(declaration) && declaration.getInitializer()) return providerClassOf(declaration.getInitializerOrThrow(), depth + 1);
    }
  }
  return '?';
}

/** `module.exports = x`, `module.exports = { a, b }`, `module.exports.x = y`, `exports.x = y`. */
function collectCommonJsExport(expression: Node, exports: Map<string, ExportKind>, kindOfValue: (value: Node | undefined) => ExportKind | undefined): void {
  if (!Node.isBinaryExpression(expression) || expression.compilerNode.operatorToken.kind !== SyntaxKind.EqualsToken) return;
  const left = expression.getLeft().getText().replace(/\s/g, '');
  const value = expression.getRight();
  if (left === 'module.exports') {
    const kind = kindOfValue(value);
    if (!kind) return;
    if (kind.kind === 'object') for (const [name, member] of Object.entries(kind.properties)) exports.set(name, member);
    exports.set('default', kind);
    return;
  }
  const name = commonJsExportName(left);
  if (name) {
    const kind = kindOfValue(value);
    if (kind) exports.set(name, kind);
  }
}

export { moduleOfCall };

/** What `export { x }` / `export { x as y }` exports: the declarations of the local `x`. */
function localTargetsOf(named: ExportSpecifier): Node[] {
  try {
    return named.getLocalTargetDeclarations();
  } catch {
    return [];
  }
}
