import { Node, SyntaxKind, ts, type CallExpression, type Identifier, type ImportDeclaration, type ImportSpecifier, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { lineAndColumn } from '../src/findings.js';
import { removeStatement } from '../src/primitives/statements.js';
import { bindingsFor } from './model/analyze-exports.js';
import { awaitedResultUses } from './model/awaited-result.js';
import { CLIENT_CLASS, clientCalls, declarationsOf, moduleOfCall, type ComposioBindings } from './model/composio-bindings.js';
import { adapterFor } from './model/framework-adapters.js';
import { descendantsOfKindWhere } from './model/identifiers.js';
import { isClientProvider, isProviderClass, isProviderModule, isRequireOrImportCall, providerHelperCalls, referencesOf } from './model/provider-instances.js';

/**
 * import { VercelProvider } from '@composio/vercel'
 * const composio = new Composio({ provider: new VercelProvider() })
 *   → (import removed: the client transform removed its only use)
 *
 * const tools = await composio.tools.get(userId, {...}); await generateText({ model, tools })
 *   → `tools` reported where the provider-made tools are handed to the framework
 * await composio.provider.handleToolCalls(userId, completion)   → reported (provider-handle-tool-calls), once
 *
 * Runs after the call-site transforms and before the @composio/core imports: a provider variable
 * that only fed the removed client option goes, then each import or require of a provider package
 * keeps the names still used (each use reported) or goes as a whole line (the package.json transform
 * removes the package, so an import left behind would not resolve).
 */
const transform: SourceTransform = {
  id: 'provider-packages',
  description: '@composio/<framework> provider imports removed once unused; provider instances, tool-call helpers and provider-made tools reported',
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    removeProviderVariables(file, ctx);
    reportProviderUses(file, bindings, ctx);
    for (const declaration of file.getImportDeclarations()) {
      if (isProviderModule(declaration.getModuleSpecifierValue(), ctx.mappings)) migrateImport(declaration, bindings, ctx);
    }
    for (const call of descendantsOfKindWhere(file, SyntaxKind.CallExpression, isRequireOrImportCall)) {
      if (isProviderModule(moduleOfCall(call), ctx.mappings)) migrateRequire(call, ctx);
    }
  },
};

export default transform;

const TOOLS_DETAIL = '(tools wrapped for your framework by the Composio provider: build them from listScopedTools definitions)';

/** `const provider = new VercelProvider()` whose every use went with the client options it fed. */
function removeProviderVariables(file: SourceFile, ctx: SourceFileContext): void {
  const withNew = (node: ts.Node) => (node as ts.VariableDeclaration).initializer?.kind === SyntaxKind.NewExpression;
  for (const declaration of descendantsOfKindWhere(file, SyntaxKind.VariableDeclaration, withNew)) {
    const init = declaration.getInitializer();
    const name = declaration.getNameNode();
    if (!init || !Node.isNewExpression(init) || !isProviderClass(init.getExpression(), ctx.mappings) || !Node.isIdentifier(name)) continue;
    const statement = declaration.getVariableStatement();
    // hasExportKeyword: what isExported() answers for a variable statement (it has no symbol), without building a type checker
    if (!statement || statement.hasExportKeyword() || statement.getDeclarations().length !== 1) continue;
    const references = referencesOf(name);
    if (references.length > 0 && references.every((r) => touched(r, ctx))) removeWithBlankLine(statement, ctx);
  }
}

/** Removes a statement; between two blank lines, one of them goes too, so no double gap is left. */
function removeWithBlankLine(statement: Node, ctx: SourceFileContext): void {
  removeStatement(statement, ctx.edits);
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', statement.getStart() - 1) + 1;
  const blankBefore = lineStart === 0 || /(^|\n)[ \t]*\r?\n$/.test(text.slice(0, lineStart));
  const nextLine = text.indexOf('\n', statement.getEnd()) + 1;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, statement.getStart())) && /^[ \t]*\r?$/.test(text.slice(statement.getEnd(), Math.max(nextLine - 1, statement.getEnd())));
  if (!alone) return;
  const blankAfter = nextLine > 0 ? /^[ \t]*\r?\n/.exec(text.slice(nextLine)) : null;
  if (blankBefore && blankAfter) ctx.edits.add(nextLine, nextLine + blankAfter[0].length, '');
}

/**
 * Reports what still needs the provider: its tool-call helpers, `composio.provider` itself, and
 * the tools `composio.tools.get` shaped for the framework.
 */
function reportProviderUses(file: SourceFile, bindings: ComposioBindings, ctx: SourceFileContext): void {
  const helperCalls = providerHelperCalls(file, bindings, ctx.mappings).filter((call) => !touched(call, ctx));
  for (const call of helperCalls) {
    // unmappable-calls already reports `composio.provider.*`: one finding per call
    if (reportedAt(call, ctx)) continue;
    ctx.reportAt('provider-handle-tool-calls', call, `(${call.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getName()})`);
  }
  // isClientProvider asks for `.provider` first
  const named = (node: ts.Node) => (node as ts.PropertyAccessExpression).name.text === 'provider';
  for (const access of descendantsOfKindWhere(file, SyntaxKind.PropertyAccessExpression, named)) {
    if (!isClientProvider(access, bindings) || touched(access, ctx)) continue;
    if (isCalleeChain(access) || reportedAt(access, ctx)) continue;
    ctx.reportAt('provider-package', access, `(${access.getText().replace(/\s+/g, '')})`);
  }
  // tools from the generated adapter are the framework's tools again: nothing to report where they go
  const adapted = adapterFor(ctx) !== undefined;
  for (const { call, path } of clientCalls(file, bindings)) {
    if (adapted || path.join('.') !== 'tools.get') continue;
    for (const use of awaitedResultUses(call)) {
      if (use.kind !== 'passed-on' || contains(use.node, call) || touched(use.node, ctx) || !handedToCall(use.node)) continue;
        if (!reportedAt(use.node, ctx)) ctx.reportAt('provider-package', use.node, TOOLS_DETAIL);
    }
  }
}

function migrateImport(declaration: ImportDeclaration, bindings: ComposioBindings, ctx: SourceFileContext): void {
  const named = declaration.getNamedImports();
  const locals: Array<{ name: Identifier; imported: string; specifier?: ImportSpecifier }> = named.map((specifier) => ({
    name: (specifier.getAliasNode() ?? specifier.getNameNode()) as Identifier,
    imported: specifier.getNameNode().getText(),
    specifier,
  }));
  const defaultImport = declaration.getDefaultImport();
  if (defaultImport) locals.push({ name: defaultImport, imported: 'default' });
  const namespace = declaration.getNamespaceImport();
  if (namespace) locals.push({ name: namespace, imported: '*' });

  const uses = locals.map((local) => {
    const all = referencesOf(local.name);
    return { ...local, all, live: all.filter((r) => !touched(r, ctx) && !vanishesWithClientType(r, bindings)) };
  });
  const live = uses.filter((u) => u.live.length > 0);
  if (live.length === 0) {
    // nothing reads the import any more: it goes, whatever still needs rewriting is reported where it is
    removeWithBlankLine(declaration, ctx);
    return;
  }
  for (const use of live) for (const reference of use.live) reportUse(reference, use.imported, ctx);
  removeSpecifiers(uses.filter((u) => u.specifier && u.live.length === 0 && u.all.length > 0).map((u) => u.specifier!), named, ctx);
}

/** `const { VercelProvider } = require('@composio/vercel')`, `const vercel = await import('@composio/vercel')`. */
function migrateRequire(call: CallExpression, ctx: SourceFileContext): void {
  if (touched(call, ctx)) return;
  let holder: Node = call;
  while (Node.isAwaitExpression(holder.getParent()) || Node.isParenthesizedExpression(holder.getParent())) holder = holder.getParentOrThrow();
  const declaration = holder.getParent();
  if (!Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== holder) {
    ctx.reportAt('provider-package', holder.getParent() && Node.isPropertyAccessExpression(holder.getParent()) ? holder.getParentOrThrow() : call);
    return;
  }
  const name = declaration.getNameNode();
  const locals: Array<{ name: Identifier; imported: string }> = Node.isIdentifier(name)
    ? [{ name, imported: '*' }]
    : Node.isObjectBindingPattern(name)
      ? name.getElements().map((e) => ({ name: e.getNameNode() as Identifier, imported: e.getPropertyNameNode()?.getText() ?? e.getName() }))
      : [];
  const uses = locals.map((local) => ({ ...local, all: referencesOf(local.name), live: referencesOf(local.name).filter((r) => !touched(r, ctx)) }));
  const live = uses.filter((u) => u.live.length > 0);
  if (live.length > 0) {
    for (const use of live) for (const reference of use.live) reportUse(reference, use.imported, ctx);
    return;
  }
  const statement = declaration.getVariableStatement();
  if (statement && statement.getDeclarations().length === 1) removeWithBlankLine(statement, ctx);
  else ctx.reportAt('provider-package', declaration);
}

/** A use of an imported name; for a namespace, the member it reads (`vercel.VercelProvider`). */
function reportUse(reference: Identifier, imported: string, ctx: SourceFileContext): void {
  const parent = reference.getParent();
  if (imported === '*' && (Node.isPropertyAccessExpression(parent) || Node.isQualifiedName(parent))) {
    const member = Node.isPropertyAccessExpression(parent) ? parent.getName() : parent.getRight().getText();
    ctx.reportAt('provider-package', parent, `(${member})`);
    return;
  }
  ctx.reportAt('provider-package', reference, imported === '*' || imported === 'default' ? undefined : `(${imported})`);
}

/** Drops the import specifiers nothing uses any more, with their commas, keeping the others as written. */
function removeSpecifiers(dead: ImportSpecifier[], all: ImportSpecifier[], ctx: SourceFileContext): void {
  if (dead.length === 0) return;
  const lastKept = [...all].reverse().find((s) => !dead.includes(s));
  if (!lastKept) return;
  const trailing = dead.filter((s) => s.getStart() > lastKept.getStart());
  for (const specifier of dead) {
    if (trailing.includes(specifier)) continue;
    ctx.edits.add(specifier.getStart(), all[all.indexOf(specifier) + 1]!.getStart(), '');
  }
  // the dead names after the last kept one go with the comma before them, in one edit
  if (trailing.length > 0) ctx.edits.add(lastKept.getEnd(), trailing[trailing.length - 1]!.getEnd(), '');
}

/** `Composio<VercelProvider>`: the import transform replaces the whole type with `ScalekitClient`, which takes no type argument. */
function vanishesWithClientType(reference: Node, bindings: ComposioBindings): boolean {
  for (let node = reference.getParent(); node && !Node.isStatement(node); node = node.getParent()) {
    if (!Node.isTypeReference(node) || !node.getTypeArguments().some((argument) => contains(argument, reference))) continue;
    const typeName = node.getTypeName();
    if (Node.isQualifiedName(typeName) && bindings.isClientClass(typeName)) return true;
    if (Node.isIdentifier(typeName) && declarationsOf(typeName).some((d) => Node.isImportSpecifier(d) && !d.getAliasNode() && bindings.declaresCoreExport(d, CLIENT_CLASS))) return true;
  }
  return false;
}

/** `composio.provider.handleToolCalls(...)`: the access is part of a call on the provider, reported as that call. */
function isCalleeChain(access: Node): boolean {
  const member = access.getParent();
  return Node.isPropertyAccessExpression(member) && member.getExpression() === access && Node.isCallExpression(member.getParent()) && member.getParentOrThrow().asKindOrThrow(SyntaxKind.CallExpression).getExpression() === member;
}

function touched(node: Node, ctx: SourceFileContext): boolean {
  return ctx.edits.touches(node.getStart(), node.getEnd());
}

/** Whether another transform already reported something where this node starts. */
function reportedAt(node: Node, ctx: SourceFileContext): boolean {
  const { line, column } = lineAndColumn(ctx.text, node.getStart());
  return ctx.findings.some((f) => f.line === line && f.column === column);
}

/** `generateText({ tools })`, `agent.run(tools)`: the provider-made tools reach a framework call (a return or a store is followed by the call's own finding). */
function handedToCall(node: Node): boolean {
  const parent = node.getParent();
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return parent.getArguments().includes(node);
  if (Node.isShorthandPropertyAssignment(parent) || Node.isPropertyAssignment(parent)) {
    const literal = parent.getParent();
    const holder = literal?.getParent();
    return (Node.isCallExpression(holder) || Node.isNewExpression(holder)) && holder.getArguments().includes(literal as Node);
  }
  return false;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.getStart() <= inner.getStart() && inner.getEnd() <= outer.getEnd();
}
