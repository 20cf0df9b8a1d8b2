import { Node, SyntaxKind, type ArrowFunction, type BindingElement, type CallExpression, type ClassDeclaration, type Expression, type FunctionDeclaration, type FunctionExpression, type Identifier, type ParameterDeclaration, type PropertySignature, type SourceFile, type TypeNode } from '../../src/ts-morph.js';
import type { ComposioProjectState, ExportKind } from './project-state.js';
import { ts } from '../../src/ts-morph.js';
import { compilerNodesOfKind, declarationsNamed, declaredNames, descendantsOfKindIn, identifiersNamed, returnedValuesOf, wrap } from './identifiers.js';
import { decidedSymbolOf, declarationNodes, declarationsOfNode, isBoundTo, symbolOf, valueSymbolOf } from './scopes.js';

/** The current TypeScript SDK. `@composio/client` (the REST package) is a different thing and is never treated as it. */
export const COMPOSIO_CORE = '@composio/core';
export const SCALEKIT_SDK = '@scalekit-sdk/node';
export const CLIENT_CLASS = 'Composio';
/** The legacy TypeScript SDK (0.5.x): its toolsets and its `Composio` class are clients too, in their own bindings. */
export const LEGACY_CORE = 'composio-core';

/** Which SDK a set of bindings follows: the module its client comes from, and the classes that build one. */
export interface SdkFlavor {
  module: string;
  classes: ReadonlySet<string>;
}
export const CURRENT_SDK: SdkFlavor = { module: COMPOSIO_CORE, classes: new Set([CLIENT_CLASS]) };
export const LEGACY_SDK: SdkFlavor = {
  module: LEGACY_CORE,
  classes: new Set(['Composio', 'ComposioToolSet', 'OpenAIToolSet', 'VercelAIToolSet', 'LangchainToolSet', 'LangGraphToolSet', 'CloudflareToolSet']),
};

/**
 * Where the Composio client lives in one file: which expressions are a client (constructed
 * here, held in a variable, a class field, a parameter, or imported from a local module that
 * exports one), so that every transform can ask `isClient(expr)` and match calls on it.
 */
export class ComposioBindings {
  private readonly clientCache = new Map<Node, boolean>();
  /** isClient of identifiers by the symbol they name: the references to one variable ask once. */
  private readonly symbolCache = new Map<ts.Symbol, boolean>();
  /** Type aliases isClientType is following (a cycle guard). */
  private readonly aliasesSeen = new Set<string>();
  private readonly factoryCache = new Map<Node, boolean>();

  constructor(
    readonly file: SourceFile,
    private readonly project: ComposioProjectState | undefined,
    private readonly resolveImport: (specifier: string) => string | undefined,
    readonly sdk: SdkFlavor = CURRENT_SDK,
  ) {}

  /** Whether the file imports or requires the SDK's module (`@composio/core`, or `composio-core` for legacy bindings) anywhere. */
  usesCore(): boolean {
    return this.file.getFullText().includes(this.sdk.module);
  }

  /** Whether the file imports the client class from a local module that exports it again (`import { Composio } from './lib/composio'`). */
  importsLocalClientClass(): boolean {
    if (!this.project) return false;
    return this.file.getImportDeclarations().some((declaration) => {
      const clause = declaration.getImportClause();
      if (!clause || declaration.getModuleSpecifierValue() === this.sdk.module) return false;
      return [clause, ...declaration.getNamedImports()].some((d) => this.importedKind(d)?.kind === 'class');
    });
  }

  /** Whether an expression evaluates to a Composio client (or a promise of one, once awaited). */
  isClient(expression: Node): boolean {
    const node = unwrap(expression);
    const cached = this.clientCache.get(node);
    if (cached !== undefined) return cached;
    this.clientCache.set(node, false); // cycle guard: a binding defined through itself is not a client
    const result = this.computeIsClient(node);
    this.clientCache.set(node, result);
    return result;
  }

  /**
   * A quick test on a compiler node, before any wrapper is made for it: false only where isClient is
   * sure to say false, because every way computeIsClient finds a client starts from a declaration of
   * this file (its name is then in declaredNames): the expression's own name, a member's name, or the
   * identifier a member chain starts from. Most member calls of a file (`console.log`, `items.map`)
   * end here.
   */
  mayBeClient(expression: ts.Node): boolean {
    const node = unwrapCompiler(expression);
    if (ts.isIdentifier(node)) return declaredNames(this.file).has(node.text) || this.isGlobalClient(node.text);
    if (ts.isPropertyAccessExpression(node)) return this.mayBeMemberOfDeclared(node);
    if (ts.isCallExpression(node)) {
      const callee = unwrapCompiler(node.expression);
      if (ts.isIdentifier(callee)) return declaredNames(this.file).has(callee.text);
      return ts.isPropertyAccessExpression(callee) && this.mayBeMemberOfDeclared(callee);
    }
    return !(node.kind === SyntaxKind.ThisKeyword || ts.isLiteralExpression(node) || ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node));
  }

  /**
   * isClient of an identifier, from the symbol the file's scopes give it, without a wrapper for the
   * identifier (computeIsClient's answer: whether a declaration of that symbol is a client); undefined
   * where the scopes cannot decide the symbol (ask isClient on the wrapper).
   */
  identifierIsClient(id: ts.Identifier): boolean | undefined {
    // `__composio` read in a file that does not declare it: a global client another file of the run declares
    if (!declaredNames(this.file).has(id.text)) return this.isGlobalClient(id.text);
    const symbol = decidedSymbolOf(this.file, id);
    if (symbol === 'undecided') return undefined;
    if (symbol === undefined) return false;
    const cached = this.symbolCache.get(symbol);
    if (cached !== undefined) return cached;
    this.symbolCache.set(symbol, false); // cycle guard, as in isClient
    const result = declarationNodes(this.file, symbol).some((d) => this.declarationIsClient(d));
    this.symbolCache.set(symbol, result);
    return result;
  }

  private mayBeMemberOfDeclared(access: ts.PropertyAccessExpression): boolean {
    const names = declaredNames(this.file);
    if (names.has(access.name.text)) return true;
    let root = unwrapCompiler(access.expression);
    while (ts.isPropertyAccessExpression(root)) root = unwrapCompiler(root.expression);
    if (!ts.isIdentifier(root)) return false;
    return names.has(root.text) || (GLOBAL_OBJECTS.has(root.text) && this.isGlobalClient(access.name.text)) || this.isGlobalClient(root.text);
  }

  /** Client variables this file declares in the global scope (`declare global { var __composio: Composio }`), and those of other files of the run. */
  private isGlobalClient(name: string): boolean {
    return this.globalClientNames().includes(name) || (this.project?.isGlobalClient(name) ?? false);
  }

  /**
   * Whether a type annotation names the Composio class (`Composio`, `Composio<P>`, `Composio | null`, `Promise<Composio>`),
   * or a client's type through typeof (`typeof composio`, `ReturnType<typeof getComposio>`).
   */
  isClientType(type: TypeNode | undefined): boolean {
    if (!type) return false;
    if (Node.isUnionTypeNode(type)) return type.getTypeNodes().some((t) => this.isClientType(t));
    if (Node.isParenthesizedTypeNode(type)) return this.isClientType(type.getTypeNode());
    if (Node.isTypeQuery(type)) return Node.isIdentifier(type.getExprName()) && this.isClient(type.getExprName());
    if (Node.isImportTypeNode(type)) {
      const argument = type.getArgument();
      const literal = Node.isLiteralTypeNode(argument) ? argument.getLiteral() : undefined;
      return Node.isStringLiteral(literal) && literal.getLiteralValue() === this.sdk.module && this.sdk.classes.has(type.getQualifier()?.getText() ?? '');
    }
    if (!Node.isTypeReference(type)) return false;
    const name = type.getTypeName();
    const [argument] = type.getTypeArguments();
    if (Node.isIdentifier(name) && VALUE_PRESERVING_TYPES.has(name.getText())) return this.isClientType(argument);
    // InstanceType<typeof Composio>
    if (Node.isIdentifier(name) && name.getText() === 'InstanceType') return Node.isTypeQuery(argument) && this.isClientClass(argument.getExprName());
    // ReturnType<typeof getComposio>: what a factory returns (a promise of a client counts, as Promise<Composio> does)
    if (Node.isIdentifier(name) && name.getText() === 'ReturnType') return Node.isTypeQuery(argument) && this.isClientFactory(argument.getExprName());
    if (this.isClientClass(name)) return true;
    // type Client = Composio (an alias; the cycle guard stops `type A = B; type B = A`)
    if (!Node.isIdentifier(name) || this.aliasesSeen.has(name.getText())) return false;
    this.aliasesSeen.add(name.getText());
    try {
      // or one a local module exports (`import type { ComposioClient } from './lib'`)
      return declarationsOf(name).some((d) => (Node.isTypeAliasDeclaration(d) && this.isClientType(d.getTypeNode())) || this.importedKind(d)?.kind === 'type');
    } finally {
      this.aliasesSeen.delete(name.getText());
    }
  }

  /** Whether a node names the Composio class itself: an import of it, a destructured require, or `sdk.Composio`. */
  isClientClass(node: Node): boolean {
    const target = unwrap(node);
    if (Node.isIdentifier(target)) {
      // or imported from a local module that exports the class again (export { Composio })
      return declarationsOf(target).some((d) => [...this.sdk.classes].some((name) => this.declaresCoreExport(d, name)) || this.importedKind(d)?.kind === 'class');
    }
    if (Node.isPropertyAccessExpression(target) || Node.isQualifiedName(target)) {
      const [left, right] = Node.isPropertyAccessExpression(target)
        ? [target.getExpression(), target.getName()]
        : [target.getLeft(), target.getRight().getText()];
      return this.sdk.classes.has(right) && this.isCoreModule(left);
    }
    return false;
  }

  /** Whether a declaration binds the named export of `@composio/core` (import specifier, or `{ X } = require(...)`). */
  declaresCoreExport(declaration: Node, exportName: string): boolean {
    if (Node.isImportSpecifier(declaration)) {
      const importDecl = declaration.getImportDeclaration();
      return importDecl.getModuleSpecifierValue() === this.sdk.module && (declaration.getAliasNode() ? declaration.getNameNode().getText() : declaration.getName()) === exportName;
    }
    if (Node.isBindingElement(declaration)) {
      const propertyName = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
      const pattern = declaration.getParent();
      const variable = pattern?.getParent();
      return propertyName === exportName && Node.isVariableDeclaration(variable) && this.isCoreModule(variable.getInitializer());
    }
    return false;
  }

  /** `require('@composio/core')`, `await import('@composio/core')`, or a namespace bound to either. */
  isCoreModule(expression: Node | undefined): boolean {
    if (!expression) return false;
    const node = unwrap(expression);
    if (Node.isCallExpression(node)) return moduleOfCall(node) === this.sdk.module;
    if (Node.isIdentifier(node) || Node.isQualifiedName(node)) {
      const id = Node.isQualifiedName(node) ? node.getLeft() : node;
      return declarationsOf(id).some((d) => {
        if (Node.isNamespaceImport(d)) return d.getParentOrThrow().getParentOrThrow().asKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue() === this.sdk.module;
        if (Node.isImportEqualsDeclaration(d)) return d.getModuleReference().getText().includes(`'${this.sdk.module}'`) || d.getModuleReference().getText().includes(`"${this.sdk.module}"`);
        if (Node.isVariableDeclaration(d)) return this.isCoreModule(d.getInitializer());
        return false;
      });
    }
    return false;
  }

  /** Whether calling this expression returns a client: a local or imported factory (`getComposio()`). */
  isClientFactory(callee: Node): boolean {
    const node = unwrap(callee);
    const cached = this.factoryCache.get(node);
    if (cached !== undefined) return cached;
    this.factoryCache.set(node, false);
    let result = false;
    if (Node.isIdentifier(node)) {
      result = declarationsOf(node).some((d) => this.declarationIsFactory(d));
    } else if (Node.isPropertyAccessExpression(node)) {
      const kind = this.importedMemberKind(node);
      // `this.getClient()`, and `registry.client(name)` where a method of that name in this file returns a client
      const member = Node.isThisExpression(node.getExpression()) || this.clientMethodNames().has(node.getName());
      result = kind?.kind === 'factory' || (member ? declarationsOf(node.getNameNode()).some((d) => this.declarationIsFactory(d)) : false);
    }
    this.factoryCache.set(node, result);
    return result;
  }

  /**
   * A dependency-injection lookup of the client: `container.resolve<Composio>('composio')`, `moduleRef.get(Composio)`,
   * `inject(Composio)`: a get/resolve/inject call whose one type argument is the client's type, or whose first argument is its class.
   */
  private resolvesClient(call: CallExpression): boolean {
    const callee = unwrap(call.getExpression());
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
    if (name === undefined || !CONTAINER_LOOKUPS.has(name)) return false;
    const typeArguments = call.getTypeArguments();
    if (typeArguments.length === 1 && this.isClientType(typeArguments[0])) return true;
    const [token] = call.getArguments();
    return token !== undefined && this.isClientClass(token);
  }

  /**
   * The calls of this file storing a client under a key of a request context: `c.set('composio', new Composio())`
   * (Hono, a Map, Fastify's request store). Found once per file.
   */
  storedClients(): Array<{ call: ts.CallExpression; key: string }> {
    if (this.stored) return this.stored;
    this.stored = [];
    if (!this.file.getFullText().includes('.set(')) return this.stored;
    for (const call of compilerNodesOfKind(this.file, SyntaxKind.CallExpression) as ts.CallExpression[]) {
      const callee = call.expression;
      const [key, value] = call.arguments;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'set' || call.arguments.length !== 2 || !key || !value || !ts.isStringLiteralLike(key)) continue;
      if (this.mayBeClient(value) && this.isClient(wrap(this.file, value))) this.stored.push({ call, key: key.text });
    }
    return this.stored;
  }
  private stored: Array<{ call: ts.CallExpression; key: string }> | undefined;

  /** `c.get('composio')`, and Hono's `c.var.composio`, where this file stores a client under that key or types it as one. */
  private readsStoredClient(node: ts.Node): boolean {
    let key: string | undefined;
    if (ts.isCallExpression(node)) {
      const [argument] = node.arguments;
      if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'get' && node.arguments.length === 1 && argument && ts.isStringLiteralLike(argument)) key = argument.text;
    } else if (ts.isPropertyAccessExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'var') {
      key = node.name.text;
    }
    if (key === undefined) return false;
    // or under a key the file declares as a client (Hono's `declare module 'hono' { interface ContextVariableMap { composio: Composio } }`)
    return this.storedClients().some((s) => s.key === key) || this.isAugmentedClient(key);
  }

  /**
   * Client properties this file adds to a framework's types: `declare global { namespace Express { interface Locals { composio: Composio } } }`,
   * `declare module 'fastify' { interface FastifyInstance { composio: Composio } }`. Found once per file.
   */
  augmentedClientProperties(): PropertySignature[] {
    if (this.augmented) return this.augmented;
    this.augmented = [];
    this.globals = [];
    for (const module of compilerNodesOfKind(this.file, SyntaxKind.ModuleDeclaration) as ts.ModuleDeclaration[]) {
      const ambient = module.modifiers?.some((m) => m.kind === SyntaxKind.DeclareKeyword) ?? false;
      if (!((module.flags & ts.NodeFlags.GlobalAugmentation) !== 0 || (ts.isStringLiteral(module.name) && ambient))) continue;
      for (const declaration of descendantsOfKindIn(wrap(this.file, module), SyntaxKind.InterfaceDeclaration)) {
        for (const property of declaration.getProperties()) if (this.isClientType(property.getTypeNode())) this.augmented.push(property);
      }
      if ((module.flags & ts.NodeFlags.GlobalAugmentation) === 0 || !module.body || !ts.isModuleBlock(module.body)) continue;
      for (const statement of module.body.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && this.isClientType(declaration.type && wrap<TypeNode>(this.file, declaration.type))) this.globals.push(declaration);
        }
      }
    }
    return this.augmented;
  }
  private augmented: PropertySignature[] | undefined;

  /** The client variables this file declares in `declare global { var ... }` (found with augmentedClientProperties). */
  globalClientDeclarations(): ts.VariableDeclaration[] {
    if (!this.globals) this.augmentedClientProperties();
    return this.globals!;
  }
  private globals: ts.VariableDeclaration[] | undefined;

  /** Their names. */
  globalClientNames(): string[] {
    return this.globalClientDeclarations().map((d) => (d.name as ts.Identifier).text);
  }

  /** A client property of a framework's type, added by this file or another of the run. */
  private isAugmentedClient(name: string): boolean {
    return this.augmentedClientProperties().some((p) => p.getName() === name) || (this.project?.isAugmentedClient(name) ?? false);
  }

  /** The names of this file's class methods that return a client (found once: only those calls are asked of the checker). */
  private clientMethodNames(): Set<string> {
    if (!this.methodNames) {
      this.methodNames = new Set();
      for (const method of compilerNodesOfKind(this.file, SyntaxKind.MethodDeclaration) as ts.MethodDeclaration[]) {
        if (ts.isIdentifier(method.name) && ts.isClassLike(method.parent) && this.returnsClient(wrap(this.file, method))) this.methodNames.add(method.name.text);
      }
    }
    return this.methodNames;
  }
  private methodNames: Set<string> | undefined;

  /** Functions whose result is a client: a declared return type, or a `return` of a client. */
  returnsClient(fn: Node): boolean {
    if (!(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn) || Node.isGetAccessorDeclaration(fn))) return false;
    if (this.isClientType(fn.getReturnTypeNode())) return true;
    // only a returned value that may be a client is wrapped and asked
    return returnedValuesOf(fn).some((value) => value !== undefined && this.mayBeClient(value) && this.isClient(wrap(this.file, value)));
  }

  /** The object literals a function returns (its own returns, or an arrow's body): `return { composio, userId }`. */
  returnedObjects(fn: Node): Node[] {
    if (!(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn))) return [];
    return returnedValuesOf(fn)
      .map((value) => value && unwrapCompiler(value))
      .filter((value) => value !== undefined && ts.isObjectLiteralExpression(value))
      .map((value) => wrap(this.file, value!));
  }

  /**
   * What an expression holds when it is an object from a local module: an imported object export, the call of an
   * imported function returning one (`makeContext(env)`), an instance of an imported class holding a client
   * (`new Registry()`), a variable holding any of these, or a member of one.
   */
  private importedObjectKind(expression: Node | undefined, depth = 0): { kind: 'object'; properties: Record<string, ExportKind> } | undefined {
    if (!expression || !this.project || depth > 8) return undefined;
    const node = unwrap(expression);
    if (Node.isCallExpression(node) || Node.isNewExpression(node)) {
      const callee = unwrap(node.getExpression());
      const kind = Node.isIdentifier(callee) ? declarationsOf(callee).map((d) => this.importedKind(d)).find((k) => k !== undefined) : this.importedMemberKind(callee);
      // `makeContext(env)`, `ToolService.get()`; `new Registry()`
      if (Node.isCallExpression(node)) return kind?.kind === 'object-factory' ? { kind: 'object', properties: kind.properties } : undefined;
      return kind?.kind === 'instance-class' ? { kind: 'object', properties: kind.properties } : undefined;
    }
    if (Node.isIdentifier(node)) {
      for (const d of declarationsOf(node)) {
        const kind = Node.isVariableDeclaration(d) ? this.importedObjectKind(d.getInitializer(), depth + 1) : this.importedKind(d);
        if (kind?.kind === 'object') return kind;
      }
      return undefined;
    }
    if (Node.isPropertyAccessExpression(node)) {
      const member = this.importedObjectKind(node.getExpression(), depth + 1)?.properties[node.getName()];
      return member?.kind === 'object' ? member : undefined;
    }
    return undefined;
  }

  /**
   * `const { composio } = makeContext(env)` / `= deps` (deps typed with an interface holding a client), and
   * `function run({ composio }: Deps)`: the destructured property is a client when the object's property is one,
   * from a local module the analysis knows, or declared in this file (asked of the type checker).
   */
  private destructuresClient(element: BindingElement): boolean {
    const pattern = element.getParent();
    const holder = pattern?.getParent();
    if (!Node.isObjectBindingPattern(pattern) || element.getDotDotDotToken()) return false;
    const key = element.getPropertyNameNode()?.getText() ?? element.getName();
    if (Node.isVariableDeclaration(holder) && this.importedObjectKind(holder.getInitializer())?.properties[key]?.kind === 'client') return true;
    if (!(Node.isVariableDeclaration(holder) || Node.isParameterDeclaration(holder))) return false;
    if (Node.isVariableDeclaration(holder) ? !holder.getInitializer() : !holder.getTypeNode()) return false;
    // the file's own checker sees only this file's properties: the type checker is asked only when one of that name holds a client
    if (!declaredNames(this.file).has(key)) return false;
    const properties: Node[] = [];
    for (const id of identifiersNamed(this.file, key)) {
      const property = id.getParent();
      const isProperty = Node.isPropertySignature(property) || Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isPropertyDeclaration(property);
      if (isProperty && property.getNameNode() === id && this.declarationIsClient(property)) properties.push(property);
    }
    if (properties.length === 0) return false;
    try {
      const property = pattern.getType().getProperty(key);
      return (property?.getDeclarations() ?? []).some((d) => properties.includes(d));
    } catch {
      return false;
    }
  }

  /** The cross-file kind of an imported binding, when it comes from a local module the analysis knows. */
  importedKind(declaration: Node): ExportKind | undefined {
    if (!this.project) return undefined;
    if (Node.isImportSpecifier(declaration)) {
      const file = this.resolveImport(declaration.getImportDeclaration().getModuleSpecifierValue());
      const imported = declaration.getAliasNode() ? declaration.getNameNode().getText() : declaration.getName();
      return file ? this.project.lookup(file, imported) : undefined;
    }
    if (Node.isImportClause(declaration)) {
      const file = this.resolveImport(declaration.getParentOrThrow().asKindOrThrow(SyntaxKind.ImportDeclaration).getModuleSpecifierValue());
      return file ? this.project.lookup(file, 'default') : undefined;
    }
    if (Node.isBindingElement(declaration)) {
      const variable = declaration.getParent()?.getParent();
      const module = Node.isVariableDeclaration(variable) ? this.localModuleOf(variable.getInitializer()) : undefined;
      const imported = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
      return module ? this.project.lookup(module, imported) : undefined;
    }
    return undefined;
  }

  private computeIsClient(node: Node): boolean {
    if (Node.isNewExpression(node)) return this.isClientClass(node.getExpression());
    if (Node.isCallExpression(node)) return this.isClientFactory(node.getExpression()) || this.resolvesClient(node) || this.readsStoredClient(node.compilerNode);
    if (Node.isIdentifier(node)) return this.identifierIsClient(node.compilerNode) ?? declarationsOf(node).some((d) => this.declarationIsClient(d));
    if (Node.isPropertyAccessExpression(node)) {
      const kind = this.importedMemberKind(node);
      if (kind) return kind.kind === 'client';
      if (this.readsStoredClient(node.compilerNode)) return true;
      // `globalThis.__composio` where a file of the run declares that global
      const target = unwrapCompiler(node.compilerNode.expression);
      if (ts.isIdentifier(target) && GLOBAL_OBJECTS.has(target.text) && !declaredNames(this.file).has(target.text) && this.isGlobalClient(node.getName())) return true;
      // `req.app.locals.composio`: the framework's type is not resolved here, the property is found by name
      if (!this.memberMayBeClient(node.getName())) return this.isAugmentedClient(node.getName());
      return declarationsOf(node.getNameNode()).some((d) => this.declarationIsClient(d)) || this.isAugmentedClient(node.getName());
    }
    if (Node.isConditionalExpression(node)) return this.isClient(node.getWhenTrue()) || this.isClient(node.getWhenFalse());
    if (Node.isBinaryExpression(node)) {
      const operator = node.compilerNode.operatorToken.kind;
      if (operator === SyntaxKind.BarBarToken || operator === SyntaxKind.QuestionQuestionToken) return this.isClient(node.getLeft()) || this.isClient(node.getRight());
      if (operator === SyntaxKind.EqualsToken) return this.isClient(node.getRight());
      // `client ??= new Composio()`, a lazy getter's body: the client held, or the one just made
      if (operator === SyntaxKind.QuestionQuestionEqualsToken || operator === SyntaxKind.BarBarEqualsToken) return this.isClient(node.getLeft()) || this.isClient(node.getRight());
    }
    return false;
  }

  private readonly memberNames = new Map<string, boolean>();

  /**
   * Whether a member of this name may hold a client: some declaration of the name in this file is a client.
   * The type checker's declarations of the member are among those (noLib, noResolve), so when none is, its
   * answer is no, and it need not be built for the file (`req.headers` where the file also has `{ headers }`).
   */
  private memberMayBeClient(name: string): boolean {
    let may = this.memberNames.get(name);
    if (may === undefined) {
      this.memberNames.set(name, true); // cycle guard: asked again while deciding, the checker decides
      may = declarationsNamed(this.file, name).some((d) => this.declarationIsClient(wrap(this.file, d)));
      this.memberNames.set(name, may);
    }
    return may;
  }

  /** The declarations being asked of now: a question that leads back to itself (`const { url } = session.mcp` where the session comes from a function whose returns read it again) answers no, not a stack overflow. */
  private readonly asking = new Set<Node>();

  private declarationIsClient(declaration: Node): boolean {
    if (this.asking.has(declaration)) return false;
    this.asking.add(declaration);
    try {
      return this.declarationIsClientOnce(declaration);
    } finally {
      this.asking.delete(declaration);
    }
  }

  private declarationIsClientOnce(declaration: Node): boolean {
    if (Node.isVariableDeclaration(declaration)) {
      if (this.isClientType(declaration.getTypeNode())) return true;
      const init = declaration.getInitializer();
      if (init && this.isClient(init)) return true;
      return this.assignedValues(declaration.getNameNode()).some((v) => this.isClient(v));
    }
    if (Node.isParameterDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertySignature(declaration)) {
      if (this.isClientType(declaration.getTypeNode())) return true;
      const init = declaration.getInitializer();
      if (init && this.isClient(init)) return true;
      if (Node.isPropertyDeclaration(declaration)) return this.thisAssignments(declaration).some((v) => this.isClient(v));
      if (Node.isParameterDeclaration(declaration) && isUntyped(declaration)) return this.receivesClient(declaration) || this.calledBackWithClient(declaration);
      return false;
    }
    // `get client(): Composio { ... }`: reading `this.client` runs it
    if (Node.isGetAccessorDeclaration(declaration)) return this.returnsClient(declaration);
    if (Node.isBinaryExpression(declaration)) {
      // JavaScript: `this.composio = new Composio()` in a constructor declares the field.
      return declaration.compilerNode.operatorToken.kind === SyntaxKind.EqualsToken && this.isClient(declaration.getRight());
    }
    if (Node.isPropertyAssignment(declaration)) {
      const init = declaration.getInitializer();
      return init !== undefined && this.isClient(init);
    }
    if (Node.isShorthandPropertyAssignment(declaration)) {
      // `{ composio }`: its name is bound to the property; the value is the variable of that name
      const value = valueSymbolOf(declaration);
      return value !== undefined && declarationNodes(this.file, value).some((d) => d !== declaration && this.declarationIsClient(d));
    }
    if (Node.isBindingElement(declaration)) return this.importedKind(declaration)?.kind === 'client' || this.receivesClientProperty(declaration) || this.destructuresClient(declaration);
    if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration)) {
      return this.importedKind(declaration)?.kind === 'client';
    }
    return false;
  }

  /**
   * An untyped (or `any`) parameter of a function, or of a class's constructor, that a call passes a
   * client: in this file (`async function star(client, userId) {...}` with `star(composio, id)`,
   * `new Agent(composio)`), or, when exported, in a file importing it (recorded by that file's
   * analysis: analyze-exports.ts).
   */
  private receivesClient(parameter: ParameterDeclaration): boolean {
    const callable = callableOf(parameter);
    if (!callable || parameter.isRestParameter() || !Node.isIdentifier(parameter.getNameNode())) return false;
    // a callback (`items.map((a) => ...)`) has neither a name its file calls it by nor an export
    const exported = exportNamesOf(callable);
    if (exported.length === 0 && !callableNameOf(callable)) return false;
    const index = argumentIndexOf(parameter);
    const project = this.project;
    if (project && exported.some((name) => project.receivesClient(realFile(this.file), name, index))) return true;
    return this.argumentsAt(callable, index).some((argument) => this.isClient(argument));
  }

  /**
   * A function's parameters typed as callbacks taking a client: `withComposio(fn: (client: Composio, attempt: number) => Promise<T>)`
   * gives `{ 0: [0] }` (argument index → the callback's client parameters).
   */
  clientCallbacks(fn: Node): Record<string, number[]> {
    const callbacks: Record<string, number[]> = {};
    if (!(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn))) return callbacks;
    for (const [index, parameter] of fn.getParameters().entries()) {
      const type = parameter.getTypeNode();
      if (!Node.isFunctionTypeNode(type)) continue;
      const clients = type.getParameters().flatMap((p, i) => (this.isClientType(p.getTypeNode()) ? [i] : []));
      if (clients.length > 0) callbacks[index] = clients;
    }
    return callbacks;
  }

  /**
   * `withComposio(async (client) => ...)`: an untyped parameter of a callback passed to a function of this file, or of a
   * local module, that calls it back with a client (clientCallbacks).
   */
  private calledBackWithClient(parameter: ParameterDeclaration): boolean {
    const fn = parameter.getParent();
    if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return false;
    const call = fn.getParent();
    if (!Node.isCallExpression(call)) return false;
    const argument = String(call.getArguments().indexOf(fn));
    const index = fn.getParameters().indexOf(parameter);
    const callee = unwrap(call.getExpression());
    const receives = (callbacks: Record<string, number[]> | undefined) => callbacks?.[argument]?.includes(index) ?? false;
    if (Node.isPropertyAccessExpression(callee)) {
      const kind = this.importedMemberKind(callee);
      return kind?.kind === 'client-callback' && receives(kind.callbacks);
    }
    if (!Node.isIdentifier(callee)) return false;
    return declarationsOf(callee).some((d) => {
      const kind = this.importedKind(d);
      if (kind) return kind.kind === 'client-callback' && receives(kind.callbacks);
      const target = Node.isVariableDeclaration(d) ? unwrapOptional(d.getInitializer()) : d;
      return target !== undefined && receives(this.clientCallbacks(target));
    });
  }

  /** `function handler({ client })` called with `handler({ client: composio })` (this file's calls). */
  private receivesClientProperty(element: BindingElement): boolean {
    const pattern = element.getParent();
    const parameter = pattern?.getParent();
    if (!Node.isObjectBindingPattern(pattern) || !Node.isParameterDeclaration(parameter) || !isUntyped(parameter)) return false;
    const callable = callableOf(parameter);
    if (!callable) return false;
    const index = argumentIndexOf(parameter);
    const key = element.getPropertyNameNode()?.getText() ?? element.getName();
    return this.argumentsAt(callable, index).some((argument) => {
      const object = unwrap(argument);
      const property = Node.isObjectLiteralExpression(object) ? object.getProperty(key) : undefined;
      if (Node.isPropertyAssignment(property)) return this.isClient(property.getInitializerOrThrow());
      return Node.isShorthandPropertyAssignment(property) && this.declarationIsClient(property);
    });
  }

  /** The arguments this file's calls pass at `index` to a function (`star(a, b)`) or a class (`new Agent(a)`). */
  private argumentsAt(callable: Callable, index: number): Node[] {
    const name = callableNameOf(callable);
    const symbol = name && symbolOf(name);
    if (!name || !symbol) return [];
    const found: Node[] = [];
    for (const reference of identifiersNamed(this.file, name.getText())) {
      const call = reference.getParent();
      if (reference === name || !(Node.isCallExpression(call) || Node.isNewExpression(call)) || call.getExpression() !== reference || !isBoundTo(reference, symbol)) continue;
      const args = call.getArguments();
      if (args[index] && !args.slice(0, index + 1).some((a) => Node.isSpreadElement(a))) found.push(args[index]);
    }
    return found;
  }

  private declarationIsFactory(declaration: Node): boolean {
    if (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) return this.returnsClient(declaration);
    if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertyAssignment(declaration)) {
      const init = unwrapOptional(declaration.getInitializer());
      return init !== undefined && this.returnsClient(init);
    }
    if (Node.isBindingElement(declaration) || Node.isImportSpecifier(declaration) || Node.isImportClause(declaration)) {
      return this.importedKind(declaration)?.kind === 'factory';
    }
    return false;
  }

  /** `lib.composio` / `service.client` where `lib` is a namespace import of a local module, or an imported object export. */
  private importedMemberKind(access: Node): ExportKind | undefined {
    if (!Node.isPropertyAccessExpression(access) || !this.project) return undefined;
    const target = unwrap(access.getExpression());
    const name = access.getName();
    if (Node.isIdentifier(target)) {
      for (const d of declarationsOf(target)) {
        if (Node.isNamespaceImport(d)) {
          const importDecl = d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
          const file = importDecl ? this.resolveImport(importDecl.getModuleSpecifierValue()) : undefined;
          if (file) return this.project.lookup(file, name);
        }
        if (Node.isVariableDeclaration(d)) {
          const module = this.localModuleOf(d.getInitializer());
          if (module) return this.project.lookup(module, name);
          // `const ctx = makeContext(env)`: ctx.composio
          const object = this.importedObjectKind(d.getInitializer());
          if (object) return object.properties[name];
        }
        const kind = this.importedKind(d);
        if (kind?.kind === 'object') return kind.properties[name];
        if (kind?.kind === 'instance-class') return kind.statics[name];
      }
    }
    const inner = Node.isPropertyAccessExpression(target) ? this.importedMemberKind(target) : undefined;
    if (inner?.kind === 'object') return inner.properties[name];
    return undefined;
  }

  /** The local module file a `require('./x')` / `await import('./x')` initializer names. */
  private localModuleOf(init: Node | undefined): string | undefined {
    if (!init) return undefined;
    const node = unwrap(init);
    if (!Node.isCallExpression(node)) return undefined;
    const specifier = moduleOfCall(node);
    return specifier && specifier !== COMPOSIO_CORE && specifier !== LEGACY_CORE ? this.resolveImport(specifier) : undefined;
  }

  /** Values assigned to a variable after its declaration (`let c; c = new Composio()`). */
  private assignedValues(name: Node): Node[] {
    if (!Node.isIdentifier(name)) return [];
    const text = name.getText();
    const assignments = (compilerNodesOfKind(this.file, SyntaxKind.BinaryExpression) as ts.BinaryExpression[]).filter(
      (b) => b.operatorToken.kind === SyntaxKind.EqualsToken && ts.isIdentifier(b.left) && b.left.text === text,
    );
    if (assignments.length === 0) return [];
    const symbol = symbolOf(name);
    if (!symbol) return [];
    return assignments
      .map((b) => wrap<import('ts-morph').BinaryExpression>(this.file, b))
      .filter((b) => {
        const left = b.getLeft();
        return Node.isIdentifier(left) && left.getText() === text && isBoundTo(left, symbol);
      })
      .map((b) => b.getRight());
  }

  /** Values assigned to `this.<field>` inside the field's class (constructor injection, lazy init). */
  private thisAssignments(field: Node): Node[] {
    if (!Node.isPropertyDeclaration(field)) return [];
    const cls = field.getParent();
    const name = field.getName();
    return descendantsOfKindIn(cls, SyntaxKind.BinaryExpression)
      .filter((b) => b.compilerNode.operatorToken.kind === SyntaxKind.EqualsToken)
      .filter((b) => {
        const left = b.getLeft();
        return Node.isPropertyAccessExpression(left) && Node.isThisExpression(left.getExpression()) && left.getName() === name;
      })
      .map((b) => b.getRight());
  }
}

/** Strips what does not change the value: parentheses, `await`, `!`, `as`, `satisfies`. */
export function unwrap(node: Node): Node {
  const inner = unwrapCompiler(node.compilerNode);
  return inner === node.compilerNode ? node : wrap(node.getSourceFile(), inner);
}

/** unwrap, on a compiler node: parentheses, `await`, `!`, `as`, `satisfies`, `<T>x`. */
/** A callee without the parentheses, casts and `!` around it (not `await`: an awaited member is no method). */
export function unwrapCallee(node: ts.Node): ts.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
  return current;
}

export function unwrapCompiler(node: ts.Node): ts.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAwaitExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

function unwrapOptional(node: Node | undefined): Node | undefined {
  return node ? unwrap(node) : undefined;
}

/** `require('x')` or `import('x')`: the specifier, else undefined. */
export function moduleOfCall(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  const isRequire = Node.isIdentifier(callee) && callee.getText() === 'require';
  const isImport = callee.getKind() === SyntaxKind.ImportKeyword;
  if (!isRequire && !isImport) return undefined;
  const arg = call.getArguments()[0];
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : arg && Node.isNoSubstitutionTemplateLiteral(arg) ? arg.getLiteralValue() : undefined;
}

/** The names the global object goes by (`globalThis.__composio`). */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/** The names a dependency-injection container looks a value up by (Awilix, tsyringe, InversifyJS, NestJS' ModuleRef, Angular's inject). */
const CONTAINER_LOOKUPS = new Set(['get', 'resolve', 'inject']);

/** The declarations of the symbol a name refers to in this file (imports resolve to their import specifier). */
export function declarationsOf(name: Node): Node[] {
  // a name no declaration of the file carries has none: skip the type checker (built per file)
  const compiler = name.compilerNode;
  if (ts.isIdentifier(compiler) && !declaredNames(name.getSourceFile()).has(compiler.text)) return [];
  try {
    return declarationsOfNode(name);
  } catch {
    return [];
  }
}

/**
 * A call on a client: `composio.tools.execute(...)` gives `{ client: composio, path: ['tools', 'execute'] }`.
 * Optional chains (`composio?.tools.execute`) are matched too.
 */
export interface ClientCall {
  call: CallExpression;
  client: Expression;
  path: string[];
}

export function matchClientCall(call: CallExpression, bindings: ComposioBindings): ClientCall | undefined {
  return matchCompilerCall(call.compilerNode, bindings, () => call);
}

/** matchClientCall on a compiler node: only a target that may be a client is wrapped and asked, and the call only when it matches. */
function matchCompilerCall(call: ts.CallExpression, bindings: ComposioBindings, wrapped: () => CallExpression): ClientCall | undefined {
  const match = clientOfChain(unwrapCallee(call.expression) as ts.Expression, bindings);
  return match && { call: wrapped(), ...match };
}

/** `composio.tools.execute` → the client (`composio`) and the member path (`tools.execute`); undefined when no target in the chain is a client. */
function clientOfChain(chain: ts.Expression, bindings: ComposioBindings): { client: Expression; path: string[] } | undefined {
  // the chain's root first: a client's members are never clients, so when the root is a client name
  // (`composio.tools.execute`, the common case) the targets between need not be wrapped and asked
  const names: string[] = [];
  let root: ts.Expression | undefined;
  for (let node = chain; ts.isPropertyAccessExpression(node); node = unwrapCompiler(node.expression) as ts.Expression) {
    names.unshift(node.name.text);
    root = node.expression;
  }
  const rootName = root && unwrapCompiler(root);
  if (root && rootName && ts.isIdentifier(rootName) && bindings.identifierIsClient(rootName) === true) return { client: wrap<Expression>(bindings.file, root), path: names };
  const path: string[] = [];
  let current = chain;
  while (ts.isPropertyAccessExpression(current)) {
    path.unshift(current.name.text);
    const target = current.expression;
    // a name (the common client): answered by its symbol, with no wrapper unless it is a client
    const inner = unwrapCompiler(target);
    const named = ts.isIdentifier(inner) ? bindings.identifierIsClient(inner) : undefined;
    if (named === true) return { client: wrap<Expression>(bindings.file, target), path };
    if (named === undefined && bindings.mayBeClient(target)) {
      const client = wrap<Expression>(bindings.file, target);
      if (bindings.isClient(client)) return { client, path };
    }
    // `(composio.triggers).subscribe`: the chain goes on inside the parentheses
    current = inner as ts.Expression;
  }
  return undefined;
}

/** Every transform asks for the client calls; the tree does not change while they run (edits are text, applied at the end). */
const clientCallsCache = new WeakMap<ComposioBindings, ClientCall[]>();

/** Every call on a client in the file, outermost first, in source order. */
export function clientCalls(file: SourceFile, bindings: ComposioBindings): ClientCall[] {
  let calls = clientCallsCache.get(bindings);
  if (!calls) {
    calls = [];
    for (const node of compilerNodesOfKind(file, SyntaxKind.CallExpression) as ts.CallExpression[]) {
      // a client call is a member call, maybe cast: `(composio.connectedAccounts.initiate as any)(...)`
      if (!ts.isPropertyAccessExpression(unwrapCallee(node.expression))) continue;
      const match = matchCompilerCall(node, bindings, () => wrap<CallExpression>(file, node));
      if (match) calls.push(match);
    }
    clientCallsCache.set(bindings, calls);
  }
  return [...calls];
}

/** Generic types whose value is their argument's, for isClientType: `Promise<Composio>` (once awaited), `NonNullable<Composio | null>`... */
const VALUE_PRESERVING_TYPES = new Set(['Promise', 'Awaited', 'NonNullable', 'Readonly']);

/** A member of a client read as a value, not called: `const tools = composio.tools`, `use(composio.connectedAccounts)`. */
export interface ClientMemberRead {
  /** The whole member chain (`composio.tools.execute` of `const run = composio.tools.execute`). */
  access: Expression;
  client: Expression;
  path: string[];
}

/**
 * Every member chain on a client whose value is used as it is: held, passed, returned. Calls
 * (`composio.tools.execute(...)`) are clientCalls'; `(composio.tools).execute(...)` is a call too.
 */
export function clientMemberReads(file: SourceFile, bindings: ComposioBindings): ClientMemberRead[] {
  const reads: ClientMemberRead[] = [];
  for (const node of compilerNodesOfKind(file, SyntaxKind.PropertyAccessExpression) as ts.PropertyAccessExpression[]) {
    let outer: ts.Node = node;
    while (outer.parent && outer.parent !== outer && isTransparent(outer.parent)) outer = outer.parent;
    const parent = outer.parent;
    // not the outermost access of its chain, or called
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) && parent.expression === outer) continue;
    if (ts.isTaggedTemplateExpression(parent) && parent.tag === outer) continue;
    const match = clientOfChain(node, bindings);
    if (match) reads.push({ access: wrap<Expression>(file, node), ...match });
  }
  return reads;
}

/** What wraps a value without changing it: `(x)`, `x!`, `x as T`, `x satisfies T`. */
function isTransparent(node: ts.Node): boolean {
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node);
}

/** The runner parses files at a POSIX form of their absolute path; this gives back the real one (the key of the project state). */
export function realFile(file: SourceFile): string {
  const virtual = file.getFilePath();
  if (process.platform !== 'win32') return virtual;
  return virtual.slice(1).replace(/\//g, '\\');
}

/**
 * The names a module exports a function or class by: `export function star` (star; `export default function`:
 * default), `export const star = () => ...`, `export { star as run }`, `export default star`, and
 * CommonJS `module.exports = { star }`, `exports.star = star`, `module.exports.star = function () {}`,
 * `module.exports = star` (default).
 */
function exportNamesOf(fn: Callable): string[] {
  const names: string[] = [];
  if ((Node.isFunctionDeclaration(fn) || Node.isClassDeclaration(fn)) && fn.hasExportKeyword()) names.push(fn.isDefaultExport() ? 'default' : fn.getName() ?? 'default');
  const holder = fn.getParent();
  if (Node.isVariableDeclaration(holder) && holder.getInitializer() === fn && holder.getVariableStatement()?.hasExportKeyword()) names.push(holder.getName());
  const assignedAs = Node.isBinaryExpression(holder) && holder.getRight() === fn ? commonJsExportName(holder.getLeft().getText()) : undefined;
  if (assignedAs) names.push(assignedAs);
  const local = callableNameOf(fn)?.getText();
  if (local === undefined) return names;
  for (const statement of fn.getSourceFile().getStatements()) {
    if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier()) {
      for (const named of statement.getNamedExports()) if (named.getName() === local) names.push(named.getAliasNode()?.getText() ?? local);
    } else if (Node.isExportAssignment(statement) && !statement.isExportEquals()) {
      if (statement.getExpression().getText() === local) names.push('default');
    } else if (Node.isExpressionStatement(statement)) {
      const assignment = statement.getExpression();
      if (!Node.isBinaryExpression(assignment) || assignment.compilerNode.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
      const right = assignment.getRight();
      const exported = commonJsExportName(assignment.getLeft().getText());
      if (Node.isIdentifier(right) && right.getText() === local && exported) names.push(exported);
      else if (exported === 'default' && Node.isObjectLiteralExpression(right)) {
        for (const property of right.getProperties()) {
          if (Node.isShorthandPropertyAssignment(property) && property.getName() === local) names.push(local);
          if (Node.isPropertyAssignment(property) && property.getInitializer()?.getText() === local) names.push(property.getName());
        }
      }
    }
  }
  return names;
}

/** The export a CommonJS assignment target names: `module.exports` → default; `exports.star`, `module.exports.star` → star. */
export function commonJsExportName(left: string): string | undefined {
  const compact = left.replace(/\s/g, '');
  if (compact === 'module.exports') return 'default';
  return /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(compact)?.[1];
}

/** A parameter with no type, or typed `any`: what it holds is known only from the calls. */
function isUntyped(parameter: ParameterDeclaration): boolean {
  const type = parameter.getTypeNode();
  return type === undefined || type.getKind() === SyntaxKind.AnyKeyword;
}

/** The position of the argument a parameter receives: its own, less a TypeScript `this` parameter (which no argument fills). */
function argumentIndexOf(parameter: ParameterDeclaration): number {
  return parameter.getParentOrThrow().getChildrenOfKind(SyntaxKind.Parameter).filter((p) => p.getName() !== 'this').indexOf(parameter);
}

/** What a parameter belongs to, as its callers name it: a function, or the class of a constructor. */
type Callable = FunctionDeclaration | ArrowFunction | FunctionExpression | ClassDeclaration;

function callableOf(parameter: ParameterDeclaration): Callable | undefined {
  const owner = parameter.getParent();
  if (Node.isFunctionDeclaration(owner) || Node.isArrowFunction(owner) || Node.isFunctionExpression(owner)) return owner;
  if (Node.isConstructorDeclaration(owner)) {
    const cls = owner.getParent();
    return Node.isClassDeclaration(cls) ? cls : undefined;
  }
  return undefined;
}

/** The name a callable is called by in its file: its own (`function star`, `class Agent`), or the variable holding it (`const star = async () => ...`). */
function callableNameOf(fn: Callable): Identifier | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isClassDeclaration(fn)) return fn.getNameNode();
  const holder = fn.getParent();
  if (!Node.isVariableDeclaration(holder) || holder.getInitializer() !== fn) return undefined;
  const name = holder.getNameNode();
  return Node.isIdentifier(name) ? name : undefined;
}
