import { appendFileSync } from 'node:fs';
import { SyntaxKind, ts, type Identifier, type Node, type ShorthandPropertyAssignment, type SourceFile } from '../../src/ts-morph.js';
import { compilerNodesOfKind, wrap } from './identifiers.js';

/**
 * Symbol look-ups without a type checker. ts-morph answers `getSymbol()` from a Program and type
 * checker, built again for every file (one file per project at a time): a few milliseconds and
 * much garbage per file. Names declared in the file need only the binder's scopes (the symbol
 * tables a checker would read: the binder runs once per file, the checker reuses its result), so
 * this module resolves them the way the checker's `resolveName` does, over the same symbol
 * objects: an answer from here and one from the checker can be compared with `===`.
 *
 * Where the checker would need types or other files (property names, alias targets, namespaces,
 * global augmentations, JS special assignments...), the answer is UNKNOWN and the caller's
 * fallback asks ts-morph (the checker), which stays exact.
 */
const UNKNOWN: unique symbol = Symbol('unknown');
type Answer = ts.Symbol | undefined | typeof UNKNOWN;

/** `SCALEKIT_SCOPES=0` always asks the checker; `=verify` asks both and throws where they differ. */
const MODE = process.env['SCALEKIT_SCOPES'] ?? '1';

const F = ts.SymbolFlags;
const K = SyntaxKind;
const internal = ts as unknown as {
  bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void;
  isDeclarationName(node: ts.Node): boolean;
  isExpressionNode(node: ts.Node): boolean;
  isPartOfTypeNode(node: ts.Node): boolean;
  isExternalOrCommonJsModule(file: ts.SourceFile): boolean;
  isExternalModule(file: ts.SourceFile): boolean;
  isInJSFile(node: ts.Node): boolean;
  isJSXTagName(node: ts.Node): boolean;
  isRightSideOfQualifiedNameOrPropertyAccess(node: ts.Node): boolean;
  isRequireCall(node: ts.Node, requireStringLiteralLikeArgument: boolean): boolean;
  getEmitScriptTarget(options: ts.CompilerOptions): ts.ScriptTarget;
  getThisContainer(node: ts.Node, includeArrowFunctions: boolean, includeClassComputedPropertyName: boolean): ts.Node;
};

interface Locals {
  locals?: ts.SymbolTable;
  symbol?: ts.Symbol;
}
type BoundFile = ts.SourceFile & Locals & { commonJsModuleIndicator?: ts.Node; jsGlobalAugmentations?: ts.SymbolTable };
type LocalSymbol = ts.Symbol & { exportSymbol?: ts.Symbol };

interface FileScopes {
  /** false: the file has what this module does not model (namespaces, `declare global`, UMD, JS global augmentations); ask the checker. */
  supported: boolean;
  file: BoundFile;
  global: boolean;
  esModule: boolean;
  commonJs: boolean;
  js: boolean;
  es2015: boolean;
  /** no `instanceof` and no type predicates: nothing narrows an `any` to a type of the file. */
  anyStaysAny: boolean;
  /** and no `typeof` or `in`, which narrow an `any` to primitive (or other) types. */
  anyTypeStaysAny: boolean;
}

const prepared = new WeakMap<ts.SourceFile, FileScopes>();

/** Binds the file (what the checker would do first; it skips a bound file) and notes what the resolver cannot model. */
function scopesOf(file: SourceFile): FileScopes {
  const sf = file.compilerNode as BoundFile;
  let scopes = prepared.get(sf);
  if (!scopes) {
    const options = file.getProject().getCompilerOptions();
    if (!sf.locals) internal.bindSourceFile(sf, options);
    const supported =
      compilerNodesOfKind(file, K.ModuleDeclaration).length === 0 &&
      compilerNodesOfKind(file, K.NamespaceExportDeclaration).length === 0 &&
      compilerNodesOfKind(file, K.WithStatement).length === 0 &&
      !sf.jsGlobalAugmentations &&
      !(sf.symbol as { globalExports?: unknown } | undefined)?.globalExports;
    scopes = {
      supported: supported && MODE !== '0',
      file: sf,
      global: !internal.isExternalOrCommonJsModule(sf),
      esModule: internal.isExternalModule(sf),
      commonJs: !!sf.commonJsModuleIndicator,
      js: internal.isInJSFile(sf),
      es2015: internal.getEmitScriptTarget(options) >= ts.ScriptTarget.ES2015,
      anyStaysAny:
        compilerNodesOfKind(file, K.TypePredicate).length === 0 &&
        !(compilerNodesOfKind(file, K.BinaryExpression) as ts.BinaryExpression[]).some((b) => b.operatorToken.kind === K.InstanceOfKeyword),
      anyTypeStaysAny: false,
    };
    scopes.anyTypeStaysAny =
      scopes.anyStaysAny &&
      compilerNodesOfKind(file, K.TypeOfExpression).length === 0 &&
      !(compilerNodesOfKind(file, K.BinaryExpression) as ts.BinaryExpression[]).some((b) => b.operatorToken.kind === K.InKeyword);
    prepared.set(sf, scopes);
  }
  return scopes;
}

/** Binds the file, so ts-morph reads declaration symbols (`node.symbol`) without building a checker. */
export function bindFile(file: SourceFile): void {
  scopesOf(file);
}

/** The flags of an alias, as the checker's getSymbolFlags: imports are not resolved (noResolve), which gives every meaning. */
function aliasMatches(symbol: ts.Symbol): boolean {
  // an alias whose target is in this file (`import x = N.y`) would resolve: not modelled
  return !(symbol.declarations ?? []).some((d) => ts.isImportEqualsDeclaration(d) && !ts.isExternalModuleReference(d.moduleReference));
}

/** The checker's lookup in a symbol table: the symbol if its meaning fits (aliases fit any meaning). */
function lookup(table: ts.SymbolTable | undefined, name: string, meaning: number): Answer {
  const symbol = table?.get(ts.escapeLeadingUnderscores(name));
  if (!symbol) return undefined;
  if (symbol.flags & meaning) return symbol;
  if (symbol.flags & F.Alias) return aliasMatches(symbol) ? symbol : UNKNOWN;
  return undefined;
}

function isFunctionLikeWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionLike(node);
}

/** The checker's resolveName for a name used at `start`, over the bound scopes. */
function resolveName(scopes: FileScopes, start: ts.Node, name: string, meaning: number): Answer {
  let location: ts.Node | undefined = start;
  let last: ts.Node | undefined;
  while (location) {
    const locals = (location as Locals).locals;
    if (locals && !(location.kind === K.SourceFile && scopes.global)) {
      let found = lookup(locals, name, meaning);
      if (found === UNKNOWN) return UNKNOWN;
      if (!found && location.kind === K.SourceFile) {
        // an exported declaration: its local symbol only carries ExportValue; the checker finds the module's export symbol
        const exported = (locals.get(ts.escapeLeadingUnderscores(name)) as LocalSymbol | undefined)?.exportSymbol;
        if (exported) {
          const answer = exported.flags & meaning ? exported : exported.flags & F.Alias ? UNKNOWN : undefined;
          if (answer) return answer;
        }
      }
      if (found) {
        let use = true;
        if (isFunctionLikeWithBody(location) && last && last !== location.body) {
          if (meaning & found.flags & F.Type) {
            use = found.flags & F.TypeParameter ? !!(last.flags & ts.NodeFlags.Synthesized) || last === location.type || last.kind === K.Parameter || last.kind === K.TypeParameter : false;
          }
          if (meaning & found.flags & F.Variable) {
            const declaration = found.valueDeclaration;
            // a parameter's default naming a declaration of the body: the checker's scope-change rules, not modelled
            if (last.kind === K.Parameter && location.body && declaration && declaration.pos >= location.body.pos && declaration.end <= location.body.end) return UNKNOWN;
            if (found.flags & F.FunctionScopedVariable) {
              use = last.kind === K.Parameter || !!(last.flags & ts.NodeFlags.Synthesized) || (last === location.type && !!ts.findAncestor(declaration, ts.isParameter));
            }
          }
        } else if (location.kind === K.ConditionalType) {
          use = last === (location as ts.ConditionalTypeNode).trueType;
        }
        if (use) return found;
        found = undefined;
      }
    }
    switch (location.kind) {
      case K.SourceFile: {
        if (scopes.global) break;
        const exported = (location as BoundFile).symbol?.exports?.get(ts.escapeLeadingUnderscores(name));
        if (exported && name !== 'default') {
          const specifierOnly = exported.flags === F.Alias && (exported.declarations ?? []).some((d) => ts.isExportSpecifier(d) || ts.isNamespaceExport(d));
          if (!specifierOnly) return UNKNOWN;
        }
        break;
      }
      case K.ModuleDeclaration:
      case K.EnumDeclaration:
        return UNKNOWN;
      case K.ClassDeclaration:
      case K.ClassExpression:
      case K.InterfaceDeclaration: {
        if (meaning & F.Type && lookup((location as Locals).symbol?.members, name, meaning & F.Type)) return UNKNOWN;
        const className = (location as ts.ClassLikeDeclaration).name;
        if (location.kind === K.ClassExpression && meaning & F.Class && className && className.text === name) return (location as Locals).symbol ?? UNKNOWN;
        break;
      }
      case K.ExpressionWithTypeArguments: {
        // a base class expression naming a type parameter of its class: the checker answers nothing
        const clause = location.parent;
        const container = clause?.parent;
        if (last === (location as ts.ExpressionWithTypeArguments).expression && ts.isHeritageClause(clause) && clause.token === K.ExtendsKeyword && container && ts.isClassLike(container) && lookup((container as Locals).symbol?.members, name, meaning & F.Type)) return UNKNOWN;
        break;
      }
      case K.ComputedPropertyName: {
        const container = location.parent.parent;
        if ((ts.isClassLike(container) || ts.isInterfaceDeclaration(container)) && lookup((container as Locals).symbol?.members, name, meaning & F.Type)) return UNKNOWN;
        break;
      }
      case K.ArrowFunction:
        if (scopes.es2015) break;
        if (meaning & F.Variable && name === 'arguments') return UNKNOWN;
        break;
      case K.MethodDeclaration:
      case K.Constructor:
      case K.GetAccessor:
      case K.SetAccessor:
      case K.FunctionDeclaration:
        if (meaning & F.Variable && name === 'arguments') return UNKNOWN;
        break;
      case K.FunctionExpression: {
        if (meaning & F.Variable && name === 'arguments') return UNKNOWN;
        const functionName = (location as ts.FunctionExpression).name;
        if (meaning & F.Function && functionName && functionName.text === name) return (location as Locals).symbol ?? UNKNOWN;
        break;
      }
      case K.Decorator:
        if (location.parent && location.parent.kind === K.Parameter) location = location.parent;
        if (location.parent && (ts.isClassElement(location.parent) || location.parent.kind === K.ClassDeclaration)) location = location.parent;
        break;
      case K.InferType:
        if (meaning & F.TypeParameter) return UNKNOWN;
        break;
      case K.ExportSpecifier: {
        const specifier = location as ts.ExportSpecifier;
        if (last && last === specifier.propertyName && specifier.parent.parent.moduleSpecifier) location = specifier.parent.parent.parent;
        break;
      }
    }
    last = location;
    location = location.parent;
  }
  return globalName(scopes, start, name, meaning);
}

/** What is left after the file's scopes: the globals (a script's own declarations, and the checker's few built-ins). */
function globalName(scopes: FileScopes, start: ts.Node, name: string, meaning: number): Answer {
  if (name === 'undefined' || name === 'globalThis') return UNKNOWN;
  if (scopes.commonJs && name === 'exports') return UNKNOWN;
  if (scopes.global) {
    const found = lookup(scopes.file.locals, name, meaning);
    if (found) return found;
  }
  if (scopes.js && start.parent && internal.isRequireCall(start.parent, false)) return UNKNOWN;
  return undefined;
}

/**
 * `this.name` in an instance member of a class: the class's own member of that name (what the
 * checker finds on the class's `this` type; own members come before inherited ones). Anything
 * else (inherited, static, `this` parameters, functions with their own `this`) is UNKNOWN.
 */
function thisMember(access: ts.PropertyAccessExpression, name: string): Answer {
  const container = internal.getThisContainer(access, false, false);
  if (!(ts.isConstructorDeclaration(container) || ts.isMethodDeclaration(container) || ts.isGetAccessorDeclaration(container) || ts.isSetAccessorDeclaration(container) || ts.isPropertyDeclaration(container))) return UNKNOWN;
  const cls = container.parent;
  if (!ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) return UNKNOWN;
  if (ts.getCombinedModifierFlags(container) & ts.ModifierFlags.Static) return UNKNOWN;
  if (!ts.isPropertyDeclaration(container)) {
    const first = container.parameters[0];
    if (first && ts.isIdentifier(first.name) && first.name.escapedText === 'this') return UNKNOWN;
  }
  const member = (cls as Locals).symbol?.members?.get(ts.escapeLeadingUnderscores(name));
  return member && member.flags & (F.Property | F.Method | F.Accessor) ? member : UNKNOWN;
}

/**
 * Whether an expression is certainly of type `any` to the checker: rooted in an import (never
 * resolved: noResolve), or a name declared nowhere (TS files), through member reads, calls, `await`
 * and `const`s initialized so. A file with `instanceof` or type predicates could narrow an `any`
 * to one of its own types: not decided there.
 */
function isAnyTyped(scopes: FileScopes, expression: ts.Expression, depth: number): boolean {
  if (!scopes.anyStaysAny || depth > 20) return false;
  let node = expression;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAwaitExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isNewExpression(node)) {
      node = node.expression;
    } else {
      break;
    }
  }
  if (!ts.isIdentifier(node)) return false;
  const symbol = jsSafe(scopes, resolveName(scopes, node, node.text, F.Value));
  if (symbol === UNKNOWN) return false;
  if (symbol === undefined) return !scopes.js && !internal.isJSXTagName(node); // an error type, which is `any`
  const declarations = symbol.declarations ?? [];
  if (declarations.length === 0) return false;
  if (symbol.flags & F.Alias) {
    return declarations.every((d) => ts.isImportSpecifier(d) || ts.isImportClause(d) || ts.isNamespaceImport(d) || (ts.isImportEqualsDeclaration(d) && ts.isExternalModuleReference(d.moduleReference)));
  }
  if (symbol.flags !== F.BlockScopedVariable && symbol.flags !== (F.BlockScopedVariable | F.ExportValue)) return false;
  const declaration = declarations[0]!;
  if (declarations.length !== 1 || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || declaration.type || !declaration.initializer) return false;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Using) return false;
  return isAnyTyped(scopes, declaration.initializer, depth + 1);
}

function isTypeReferenceIdentifier(node: ts.Node): boolean {
  while (node.parent.kind === K.QualifiedName) node = node.parent;
  return node.parent.kind === K.TypeReference;
}

function isInNameOfExpressionWithTypeArguments(node: ts.Node): boolean {
  while (node.parent.kind === K.PropertyAccessExpression) node = node.parent;
  return node.parent.kind === K.ExpressionWithTypeArguments;
}

function isIntrinsicJsxName(name: string): boolean {
  const first = name.charCodeAt(0);
  return (first >= 97 && first <= 122) || name.includes('-');
}

/** The checker's getSymbolAtLocation for an identifier, where the file's scopes decide it. */
function symbolAtIdentifier(scopes: FileScopes, id: ts.Identifier): Answer {
  const parent = id.parent;
  if (id.flags & ts.NodeFlags.JSDoc) return UNKNOWN; // JSDoc names resolve by other rules
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) {
    if (parent.propertyName === id) return UNKNOWN; // the imported / exported name: the alias's target
    return (parent as Locals).symbol ?? UNKNOWN;
  }
  if (internal.isDeclarationName(id)) return (parent as Locals).symbol ?? UNKNOWN;
  const text = id.text;
  if (ts.isExportAssignment(parent) && parent.expression === id) {
    const found = resolveName(scopes, id, text, F.Value | F.Type | F.Namespace | F.Alias);
    if (found !== undefined) return found;
    return resolveName(scopes, id, text, F.Value);
  }
  let top: ts.Node = id;
  while (top.parent.kind === K.QualifiedName) top = top.parent;
  if (top.parent.kind === K.ImportEqualsDeclaration || top.parent.kind === K.ImportType) return UNKNOWN;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return UNKNOWN; // a property of the destructured value's type
  if (ts.isMetaProperty(parent)) return UNKNOWN;
  if (scopes.js && ts.isPropertyAccessExpression(parent) && ts.isBinaryExpression(parent.parent) && parent.parent.left === parent) return UNKNOWN; // JS expando / exports / this-property assignments
  if (ts.isPropertyAccessExpression(parent) && parent.name === id && parent.expression.kind === K.ThisKeyword) return thisMember(parent, text);
  if (ts.isPropertyAccessExpression(parent) && parent.name === id && isAnyTyped(scopes, parent.expression, 0)) return undefined; // a member of `any` has no symbol
  if (internal.isRightSideOfQualifiedNameOrPropertyAccess(id)) return UNKNOWN; // a member: needs the type on the left
  if (isInNameOfExpressionWithTypeArguments(id)) {
    let meaning: number;
    if (parent.kind === K.ExpressionWithTypeArguments) {
      meaning = internal.isPartOfTypeNode(id) ? F.Type : F.Value;
      const clause = parent.parent;
      if (ts.isHeritageClause(clause) && clause.token === K.ExtendsKeyword && ts.isClassLike(clause.parent)) meaning |= F.Value;
    } else {
      meaning = F.Namespace;
    }
    const found = resolveName(scopes, id, text, meaning | F.Alias);
    if (found !== undefined) return found;
  }
  if (internal.isExpressionNode(id)) {
    if (internal.isJSXTagName(id) && isIntrinsicJsxName(text)) return UNKNOWN;
    return resolveName(scopes, id, text, F.Value);
  }
  if (isTypeReferenceIdentifier(id)) {
    const found = resolveName(scopes, id, text, parent.kind === K.TypeReference ? F.Type : F.Namespace);
    return found ?? UNKNOWN; // unresolved type names get a synthetic symbol from the checker
  }
  if (parent.kind === K.TypePredicate) return UNKNOWN;
  return undefined;
}

function fallback<T>(checker: () => T, what: string, node: Node): T {
  if (MODE === 'trace') {
    const log = process.env['SCALEKIT_SCOPES_LOG'];
    if (log) appendFileSync(log, `fallback ${what} ${node.getSourceFile().getBaseName()}:${node.getStartLineNumber()} ${node.getText().slice(0, 60)}\n`);
  }
  return checker();
}

function verify<T>(answer: T, checker: () => T, what: string, node: Node): T {
  if (MODE === 'verify') {
    const expected = checker();
    if (expected !== answer) {
      const sf = node.getSourceFile();
      const message = `scopes: ${what} differs at ${sf.getFilePath()}:${node.getStartLineNumber()} '${node.getText()}'`;
      const log = process.env['SCALEKIT_SCOPES_LOG'];
      if (log) appendFileSync(log, message + '\n');
      throw new Error(message);
    }
  }
  return answer;
}

/**
 * In a JS file the checker merges a symbol with its expando assignments (`f.x = ...`, `module.exports = f`)
 * when it first computes its type, and answers with the merged symbol from then on: decided here only
 * for symbols that cannot take part (parameters, imports, variables not initialized with a function, class or object).
 */
function jsSafe(scopes: FileScopes, answer: Answer): Answer {
  if (!scopes.js || answer === undefined || answer === UNKNOWN) return answer;
  const declarations = answer.declarations ?? [];
  return declarations.length > 0 && declarations.every(isJsPlainDeclaration) ? answer : UNKNOWN;
}

function isJsPlainDeclaration(declaration: ts.Declaration): boolean {
  if (ts.isParameter(declaration) || ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) return true;
  if (ts.isBindingElement(declaration)) return !declaration.initializer || isJsPlainValue(declaration.initializer);
  if (ts.isVariableDeclaration(declaration)) return ts.isCatchClause(declaration.parent) || !declaration.initializer || isJsPlainValue(declaration.initializer);
  return false;
}

function isJsPlainValue(node: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
  return ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isStringLiteral(node) || ts.isNumericLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isArrayLiteralExpression(node);
}

/**
 * symbolOf for a compiler identifier of `file`, without a wrapper: `'undecided'` where only the type
 * checker could tell (ask symbolOf on the identifier's wrapper then), and in the modes that compare
 * with or always ask the checker (SCALEKIT_SCOPES=verify, trace or 0).
 */
export function decidedSymbolOf(file: SourceFile, id: ts.Identifier): ts.Symbol | undefined | 'undecided' {
  if (MODE !== '1') return 'undecided';
  const scopes = scopesOf(file);
  if (!scopes.supported) return 'undecided';
  const answer = jsSafe(scopes, symbolAtIdentifier(scopes, id));
  return answer === UNKNOWN ? 'undecided' : answer;
}

/** `node.getSymbol()?.compilerSymbol`, from the file's scopes where they decide it. */
export function symbolOf(node: Node): ts.Symbol | undefined {
  const checker = () => node.getSymbol()?.compilerSymbol;
  const compiler = node.compilerNode;
  if (!ts.isIdentifier(compiler)) return fallback(checker, 'symbol of ' + node.getKindName(), node);
  const scopes = scopesOf(node.getSourceFile());
  if (!scopes.supported) return fallback(checker, 'symbol (file)', node);
  const answer = jsSafe(scopes, symbolAtIdentifier(scopes, compiler));
  if (answer === UNKNOWN) return fallback(checker, 'symbol', node);
  return verify(answer, checker, 'symbol', node);
}

/**
 * Whether `node.getType()` is certainly `any` (an import's value, which noResolve leaves unresolved,
 * and what is read, called or awaited from it): then the type checker need not be built to say so.
 * false means "ask the checker".
 */
export function isCertainlyAny(node: Node): boolean {
  const scopes = scopesOf(node.getSourceFile());
  if (!scopes.supported || !scopes.anyTypeStaysAny || node.compilerNode.flags & ts.NodeFlags.JSDoc) return false;
  const compiler = node.compilerNode;
  if (!internal.isExpressionNode(compiler)) return false;
  if (ts.isIdentifier(compiler)) {
    // only a name read as a value: not a member name, a declared name, a property key or a JS expando target
    const parent = compiler.parent;
    if (internal.isRightSideOfQualifiedNameOrPropertyAccess(compiler) || internal.isDeclarationName(compiler) || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
    if ((ts.isBindingElement(parent) && parent.propertyName === compiler) || ts.isMetaProperty(parent) || (scopes.js && isExpando(compiler))) return false;
  }
  const answer = isAnyTyped(scopes, compiler as ts.Expression, 0);
  return answer ? verify(answer, () => node.getType().isAny(), 'any type', node) : false;
}

/** For tests: whether the file's scopes decide `symbolOf(node)` (no type checker asked). */
export function decidesSymbol(node: Node): boolean {
  const compiler = node.compilerNode;
  if (!ts.isIdentifier(compiler)) return false;
  const scopes = scopesOf(node.getSourceFile());
  return scopes.supported && jsSafe(scopes, symbolAtIdentifier(scopes, compiler)) !== UNKNOWN;
}

/** Whether an identifier reads a symbol: isBoundTo, save in `{ name }`, whose own symbol is the property's: it reads its value symbol. */
export function readsSymbol(id: Identifier, symbol: ts.Symbol): boolean {
  if (ts.isShorthandPropertyAssignment(id.compilerNode.parent)) return valueSymbolOf(id.getParentOrThrow() as ShorthandPropertyAssignment) === symbol;
  return isBoundTo(id, symbol);
}

/** `shorthand.getValueSymbol()?.compilerSymbol`: what the name of `{ name }` reads. */
export function valueSymbolOf(shorthand: ShorthandPropertyAssignment): ts.Symbol | undefined {
  const checker = () => shorthand.getValueSymbol()?.compilerSymbol;
  const scopes = scopesOf(shorthand.getSourceFile());
  if (!scopes.supported || shorthand.compilerNode.flags & ts.NodeFlags.JSDoc) return checker();
  const name = shorthand.compilerNode.name;
  const answer = jsSafe(scopes, resolveName(scopes, name, name.text, F.Value | F.Alias));
  if (answer === UNKNOWN) return fallback(checker, 'value symbol', shorthand);
  return verify(answer, checker, 'value symbol', shorthand);
}

/** The declarations of `node.getSymbol()`, as ts-morph nodes. */
export function declarationsOfNode(node: Node): Node[] {
  return declarationNodes(node.getSourceFile(), symbolOf(node));
}

/** The declarations of a symbol, as ts-morph nodes (as `Symbol.getDeclarations()`). */
export function declarationNodes(file: SourceFile, symbol: ts.Symbol | undefined): Node[] {
  return (symbol?.declarations ?? []).map((d) => (d.getSourceFile() === file.compilerNode ? wrap(file, d) : undefined)).filter((n): n is Node => n !== undefined);
}

/**
 * Whether an identifier of the file is bound to `target` (`id.getSymbol()?.compilerSymbol === target`).
 * A member name (`x.name`, `A.name`) is bound to a member: never to a variable or other scope symbol,
 * so the checker is asked only when `target` is a member too.
 */
export function isBoundTo(id: Identifier, target: ts.Symbol): boolean {
  const compiler = id.compilerNode;
  if (internal.isRightSideOfQualifiedNameOrPropertyAccess(compiler)) {
    const scopes = scopesOf(id.getSourceFile());
    const member = target.flags & (F.Property | F.Method | F.Accessor | F.EnumMember | F.Prototype | F.Assignment);
    const globalDeclaration = scopes.global && scopes.file.locals?.get(target.escapedName) === target;
    if (scopes.supported && !member && !globalDeclaration && !(scopes.js && (isExpando(compiler) || jsSafe(scopes, target) === UNKNOWN))) {
      return verify(false, () => id.getSymbol()?.compilerSymbol === target, 'member', id);
    }
  }
  return symbolOf(id) === target;
}

/** `a.b = ...` in JS: the checker may answer with the assignment's own symbol. */
function isExpando(name: ts.Identifier): boolean {
  const parent = name.parent;
  return ts.isPropertyAccessExpression(parent) && ts.isBinaryExpression(parent.parent) && parent.parent.left === parent;
}

/**
 * `site.getSymbolsInScope(Value | Alias).find((s) => s.getName() === name)?.compilerSymbol`: the first
 * symbol of that name walking out from `site`, the checker's way (a module's exported declaration
 * answers with its local symbol here, unlike `getSymbol()`).
 */
export function valueInScope(site: Node, name: string): ts.Symbol | undefined {
  const meaning = F.Value | F.Alias;
  const checker = () => site.getSymbolsInScope(meaning).find((s) => s.getName() === name)?.compilerSymbol;
  const scopes = scopesOf(site.getSourceFile());
  if (!scopes.supported || site.compilerNode.flags & ts.NodeFlags.JSDoc) return checker();
  const answer = jsSafe(scopes, symbolInScope(scopes, site.compilerNode, name, meaning));
  if (answer === UNKNOWN) return fallback(checker, 'in scope', site);
  return verify(answer, checker, 'symbol in scope', site);
}

function combinedFlags(symbol: ts.Symbol): number {
  const exported = (symbol as LocalSymbol).exportSymbol;
  return exported ? exported.flags | symbol.flags : symbol.flags;
}

function symbolInScope(scopes: FileScopes, start: ts.Node, name: string, meaning: number): Answer {
  const key = ts.escapeLeadingUnderscores(name);
  if (name === 'this') return undefined;
  for (let location: ts.Node | undefined = start; location; location = location.parent) {
    const locals = (location as Locals).locals;
    if (locals && !(location.kind === K.SourceFile && scopes.global)) {
      const found = locals.get(key);
      if (found && combinedFlags(found) & meaning) return found;
    }
    switch (location.kind) {
      case K.SourceFile: {
        if (!scopes.esModule) break;
        const exported = (location as BoundFile).symbol?.exports?.get(key);
        if (exported && name !== 'default' && !(exported.declarations ?? []).some((d) => ts.isExportSpecifier(d) || ts.isNamespaceExport(d)) && combinedFlags(exported) & meaning & F.ModuleMember) return exported;
        break;
      }
      case K.ModuleDeclaration:
      case K.EnumDeclaration:
        return UNKNOWN;
      case K.ClassExpression:
      case K.ClassDeclaration:
      case K.InterfaceDeclaration: {
        const className = (location as ts.ClassLikeDeclaration).name;
        const symbol = (location as Locals).symbol;
        if (location.kind === K.ClassExpression && className && symbol && symbol.escapedName === key && combinedFlags(symbol) & meaning) return symbol;
        const member = symbol?.members?.get(key);
        if (member && combinedFlags(member) & meaning & F.Type) return UNKNOWN; // a type parameter: not modelled
        break;
      }
      case K.FunctionExpression: {
        const symbol = (location as Locals).symbol;
        if ((location as ts.FunctionExpression).name && symbol && symbol.escapedName === key && combinedFlags(symbol) & meaning) return symbol;
        break;
      }
    }
    if (name === 'arguments' && ts.isFunctionLike(location) && location.kind !== K.ArrowFunction) return UNKNOWN;
  }
  if (name === 'undefined' || name === 'globalThis') return UNKNOWN;
  if (scopes.global) {
    const found = scopes.file.locals?.get(key);
    if (found && combinedFlags(found) & meaning) return found;
  }
  return undefined;
}
