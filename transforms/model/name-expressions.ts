import path from 'node:path';
import { Node, SyntaxKind, VariableDeclarationKind, type SourceFile, type VariableDeclaration, ts } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { styleFor, quoted } from './code-style.js';
import { bindingsFor, legacyBindingsFor } from './analyze-exports.js';
import { clientCalls, declarationsOf } from './composio-bindings.js';
import { identifiersNamed } from './identifiers.js';
import { declarationNodes, readsSymbol, symbolOf, valueSymbolOf } from './scopes.js';
import { connectionNameForTool, connectionNameOf, connectorOf, scalekitToolName } from './names.js';
import { NAMES_MODULE, namesModuleText } from './names-module.js';
import { isSessionCreate, referencesOf, sessionVariable } from './sessions.js';
import type { ComposioProjectState } from './project-state.js';

/**
 * Tool and toolkit names in Scalekit form, wherever the code keeps them: a literal is mapped
 * where it stands; a `const` of this file is mapped at its declaration; anything known only at
 * run time goes through a small generated function that applies the same tables (and is reported).
 */

type Kind = 'tool' | 'toolkit';

export const HELPER_TOOL = 'toScalekitToolName';
export const HELPER_CONNECTION = 'toScalekitConnectionName';
export const HELPER_CONNECTION_FOR_TOOL = 'scalekitConnectionForTool';

/** The Scalekit tool name for a tool-name expression. */
export function toolNameText(expression: Node, file: SourceFile, ctx: SourceFileContext): string {
  return mapName(expression, file, ctx, 'tool');
}

/** The connection name for a toolkit expression (`'GITHUB'` → `'github'`, or the --connection name). */
export function connectionNameText(expression: Node, file: SourceFile, ctx: SourceFileContext): string {
  return mapName(expression, file, ctx, 'toolkit');
}

/** The connection a tool runs through, from a tool-name expression (for executeTool's `connector`). */
export function connectionForToolText(expression: Node, file: SourceFile, ctx: SourceFileContext): string {
  const value = constantString(expression);
  if (value !== undefined) return quoted(connectionNameForTool(value, ctx.mappings), styleFor(file, ctx.state));
  requireHelper(file, ctx, HELPER_CONNECTION_FOR_TOOL);
  reportRunTimeName(expression, ctx);
  return `${HELPER_CONNECTION_FOR_TOOL}(${expression.getText()})`;
}

/**
 * An array of names: literal arrays mapped element by element, constant arrays at their declaration
 * (unless the constant is shared: exported, or read elsewhere), else `.map(helper)`.
 */
export function nameListText(expression: Node, file: SourceFile, ctx: SourceFileContext, kind: Kind): string {
  const target = resolveConstant(expression);
  const shared = target !== expression && sharedConstant(expression, file, ctx);
  if (!shared && Node.isArrayLiteralExpression(target) && target.getElements().every((e) => literalValue(e) !== undefined)) {
    for (const element of target.getElements()) mapLiteralInPlace(element, ctx, kind);
    return expression.getText();
  }
  const helper = kind === 'tool' ? HELPER_TOOL : HELPER_CONNECTION;
  requireHelper(file, ctx, helper);
  reportRunTimeName(expression, ctx, shared);
  return `${expression.getText()}.map(${helper})`;
}

/** A literal's (or a same-file constant's) string value, without editing anything. */
export function constantString(expression: Node): string | undefined {
  return literalValue(resolveConstant(expression));
}

function mapName(expression: Node, file: SourceFile, ctx: SourceFileContext, kind: Kind): string {
  const target = resolveConstant(expression);
  const shared = target !== expression && sharedConstant(expression, file, ctx);
  if (!shared && literalValue(target) !== undefined) {
    mapLiteralInPlace(target, ctx, kind);
    // a literal at the site is replaced by the edit; a constant keeps its name
    return target === expression ? mapValue(literalValue(target)!, ctx, kind, quoteOf(target)) : expression.getText();
  }
  const helper = kind === 'tool' ? HELPER_TOOL : HELPER_CONNECTION;
  requireHelper(file, ctx, helper);
  reportRunTimeName(expression, ctx, shared);
  return `${helper}(${expression.getText()})`;
}

function mapValue(value: string, ctx: SourceFileContext, kind: Kind, quote: string): string {
  const mapped = kind === 'tool' ? scalekitToolName(value, ctx.mappings) : connectionNameOf(value, ctx.mappings);
  return `${quote}${mapped}${quote}`;
}

function mapLiteralInPlace(literal: Node, ctx: SourceFileContext, kind: Kind): void {
  const value = literalValue(literal);
  if (value === undefined) return;
  ctx.edits.add(literal.getStart(), literal.getEnd(), mapValue(value, ctx, kind, quoteOf(literal)));
}

function quoteOf(literal: Node): string {
  return literal.getText()[0] ?? "'";
}

function literalValue(node: Node): string | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  return undefined;
}

/** One finding per name expression, though a tool slug gives both a tool name and a connector. */
function reportRunTimeName(expression: Node, ctx: SourceFileContext, sharedConstant = false): void {
  const reported = (ctx.state.get('run-time-names-reported') as Set<number> | undefined) ?? new Set<number>();
  ctx.state.set('run-time-names-reported', reported);
  if (reported.has(expression.getStart())) return;
  reported.add(expression.getStart());
  ctx.reportAt(sharedConstant ? 'name-constant-shared' : 'name-mapped-at-run-time', expression, sharedConstant ? `(${expression.getText()})` : undefined);
}

/**
 * Whether a constant of names (or one it reads through) is exported or read elsewhere than in the
 * arguments of Composio calls: mapped in place, its other readers would see Scalekit names
 * (`TOOLKITS.includes(slug.toUpperCase())`), so the call maps it instead.
 */
function sharedConstant(expression: Node, file: SourceFile, ctx: SourceFileContext): boolean {
  let node = expression;
  for (let depth = 0; depth < 5 && Node.isIdentifier(node); depth++) {
    const declaration = valueDeclarationsOf(node).find((d) => Node.isVariableDeclaration(d));
    if (!declaration || !Node.isVariableDeclaration(declaration)) break;
    const name = declaration.getNameNode();
    if (!Node.isIdentifier(name) || isExported(declaration, name.getText())) return true;
    const symbol = symbolOf(name);
    if (!symbol) return true;
    for (const reference of identifiersNamed(file, name.getText())) {
      if (reference === name || !readsSymbol(reference, symbol)) continue;
      // the client calls first (listed already); the calls on sessions only when a reader is in none of them
      if (!inArgumentsOf(reference, clientCallNodes(file, ctx)) && !inArgumentsOf(reference, sessionCallNodes(file, ctx))) return true;
    }
    const init = declaration.getInitializer();
    if (!init) break;
    node = Node.isAsExpression(init) || Node.isSatisfiesExpression(init) ? init.getExpression() : init;
  }
  return false;
}

/** Whether a node stands in the arguments of one of the calls. */
function inArgumentsOf(reference: Node, calls: ReadonlySet<ts.Node>): boolean {
  if (calls.size === 0) return false;
  for (let child: ts.Node = reference.compilerNode; child.parent; child = child.parent) {
    const parent = child.parent;
    if (ts.isCallExpression(parent) && calls.has(parent) && parent.arguments.some((argument) => argument === child)) return true;
  }
  return false;
}

/** The calls on a Composio client of the file (current SDK, legacy toolsets), once per file. */
function clientCallNodes(file: SourceFile, ctx: SourceFileContext): Set<ts.Node> {
  let calls = ctx.state.get('name-constant-client-calls') as Set<ts.Node> | undefined;
  if (!calls) {
    // the legacy toolsets' calls, where the file can hold any (legacy-toolset-to-scalekit's own shortcut)
    const legacy = legacyBindingsFor(file, ctx);
    const hasLegacy = legacy.usesCore() || (ctx.project as ComposioProjectState).legacy.hasExports();
    calls = new Set([...clientCalls(file, bindingsFor(file, ctx)), ...(hasLegacy ? clientCalls(file, legacy) : [])].map((c) => c.call.compilerNode));
    ctx.state.set('name-constant-client-calls', calls);
  }
  return calls;
}

/** The calls on a session of a Composio client (`session.execute(...)`), once per file. */
function sessionCallNodes(file: SourceFile, ctx: SourceFileContext): Set<ts.Node> {
  let calls = ctx.state.get('name-constant-session-calls') as Set<ts.Node> | undefined;
  if (!calls) {
    calls = new Set();
    for (const create of clientCalls(file, bindingsFor(file, ctx)).filter(isSessionCreate)) {
      const session = sessionVariable(create.call);
      for (const reference of session ? referencesOf(session) : []) {
        const access = reference.getParent();
        const call = access?.getParent();
        if (Node.isPropertyAccessExpression(access) && Node.isCallExpression(call) && call.getExpression() === access) calls.add(call.compilerNode);
      }
    }
    ctx.state.set('name-constant-session-calls', calls);
  }
  return calls;
}

/**
 * Whether a variable is exported: `export const`, `export { TOOLKITS }`, `export default TOOLKITS`, or a CommonJS
 * export statement naming it. By name, so a local of the same name counts too (it is then mapped at the call: safe).
 * (isExported() would build a type checker for the file: ~1 ms a file.)
 */
function isExported(declaration: VariableDeclaration, name: string): boolean {
  if (declaration.getVariableStatement()?.hasExportKeyword()) return true;
  const file = declaration.getSourceFile();
  for (const statement of file.getStatements()) {
    if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier() && statement.getNamedExports().some((e) => e.getName() === name)) return true;
    if (Node.isExportAssignment(statement) && statement.getExpression().getText() === name) return true;
    if (Node.isExpressionStatement(statement) && /^(module\.)?exports\b/.test(statement.getText()) && identifiersNamed(file, name).some((id) => id.getStart() >= statement.getStart() && id.getEnd() <= statement.getEnd())) return true;
  }
  return false;
}

/** Follows an identifier to the `const` of this file that holds its value. */
function resolveConstant(expression: Node): Node {
  let node = expression;
  for (let depth = 0; depth < 5 && Node.isIdentifier(node); depth++) {
    const declaration = valueDeclarationsOf(node).find((d) => Node.isVariableDeclaration(d));
    if (!declaration || !Node.isVariableDeclaration(declaration)) break;
    if (declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) break;
    const init = declaration.getInitializer();
    if (!init) break;
    node = Node.isAsExpression(init) || Node.isSatisfiesExpression(init) ? init.getExpression() : init;
  }
  return node;
}

/** The declarations of the value a name reads: for a shorthand `{ toolkits }`, the variable, not the property. */
function valueDeclarationsOf(name: Node): Node[] {
  const parent = name.getParent();
  if (Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === name) return declarationNodes(name.getSourceFile(), valueSymbolOf(parent));
  return declarationsOf(name);
}

/** Adds the generated name functions once, after the file's imports, with the tables they need. */
function requireHelper(file: SourceFile, ctx: SourceFileContext, helper: string): void {
  const needed = (ctx.state.get('name-helpers') as Set<string> | undefined) ?? new Set<string>();
  ctx.state.set('name-helpers', needed);
  if (needed.has(helper)) return;
  needed.add(helper);
  // inline, the tool's connection function calls the toolkit's; imported, the module holds both
  if (helper === HELPER_CONNECTION_FOR_TOOL && !ctx.typed) needed.add(HELPER_CONNECTION);
  if (!ctx.state.has('name-helpers-written')) {
    ctx.state.set('name-helpers-written', true);
    const position = insertionPoint(file);
    const style = styleFor(file, ctx.state);
    if (ctx.typed) {
      // TypeScript: one shared module for the project, imported here
      const module = namesModulePath(file, ctx);
      ctx.createFile(module, namesModuleText(ctx.mappings));
      const specifier = importSpecifier(ctx, module, file);
      ctx.edits.add(position, position, () => renderImport([...needed].sort(), specifier, style, position === 0));
      return;
    }
    // rendered when the edits are applied, so that every helper asked for by later call sites is in the one block
    ctx.edits.add(position, position, () => renderHelpers(needed, ctx, style, position === 0));
  }
}

/** Beside the shared client module when there is one (`lib/composio.ts` → `lib/scalekit-names.ts`), else beside this file. */
function namesModulePath(file: SourceFile, ctx: SourceFileContext): string {
  return generatedModulePath(ctx, NAMES_MODULE);
}

/** Where a generated module goes: beside the shared client module when there is one, else beside this file. */
export function generatedModulePath(ctx: SourceFileContext, baseName: string): string {
  const clientModules = (ctx.project as ComposioProjectState).clientModules();
  const dir = path.dirname(clientModules[0] ?? ctx.path);
  return path.join(dir, `${baseName}.ts`);
}

/**
 * How this file imports the module: the way it imports the client module when it does through a path
 * alias (`@/lib/composio` → `@/lib/scalekit-names`, `@/lib` → `@/lib/scalekit-names`), else relative;
 * with `.js` where relative imports must name the file (ESM under NodeNext) or already do.
 */
export function importSpecifier(ctx: SourceFileContext, module: string, file: SourceFile): string {
  const known = (ctx.project as ComposioProjectState).clientModules();
  for (const declaration of file.getImportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier.startsWith('.')) continue;
    const resolved = ctx.resolveImport(specifier);
    if (!resolved) continue;
    const aliased = aliasSpecifier(ctx, specifier, resolved, module, [resolved, ...known]);
    if (aliased) return aliased;
  }
  let relative = path.relative(path.dirname(ctx.path), module).split(path.sep).join('/').replace(/\.ts$/, '');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const spelled = ctx.importsNeedExtensions || file.getImportDeclarations().some((d) => /^\.\.?\/.*\.js$/.test(d.getModuleSpecifierValue()));
  return spelled ? `${relative}.js` : relative;
}

/**
 * The module's path under the alias `specifier` uses, from the file or folder the specifier names (a
 * folder when it resolves to its index file: `@/lib` → `lib/index.ts`); kept only when a file of the
 * run beside the module resolves through it the same way (the alias may map one path, not a folder).
 */
function aliasSpecifier(ctx: SourceFileContext, specifier: string, resolved: string, module: string, known: string[]): string | undefined {
  const js = /\.js$/.test(specifier);
  const bare = specifier.replace(/\.js$/, '');
  let named = resolved.replace(/\.[cm]?[jt]sx?$/, '');
  if (path.basename(named) === 'index' && !/(^|\/)index$/.test(bare)) named = path.dirname(named);
  const dir = path.dirname(module);
  const witness = known.find((f) => path.dirname(f) === dir);
  if (!witness) return undefined;
  const toDir = path.relative(named, dir).split(path.sep).join('/');
  const spell = (file: string) => path.posix.normalize(`${bare}/${toDir}/${path.basename(file).replace(/\.[cm]?[jt]sx?$/, '')}`);
  if (spell(witness).startsWith('.') || ctx.resolveImport(spell(witness)) !== witness) return undefined;
  return `${spell(module)}${js ? '.js' : ''}`;
}

export function renderImport(names: string[], specifier: string, style: ReturnType<typeof styleFor>, atTop: boolean): string {
  const statement = `import { ${names.join(', ')} } from ${quoted(specifier, style)}${style.semicolons ? ';' : ''}`;
  return atTop ? `${statement}${style.eol}${style.eol}` : `${style.eol}${statement}`;
}

export function insertionPoint(file: SourceFile): number {
  const imports = file.getStatements().filter((s) => Node.isImportDeclaration(s) || isRequireStatement(s));
  const last = imports[imports.length - 1];
  return last ? last.getEnd() : 0;
}

function isRequireStatement(statement: Node): boolean {
  if (!Node.isVariableStatement(statement)) return false;
  return statement.getDeclarations().some((d) => {
    const init = d.getInitializer();
    return init !== undefined && Node.isCallExpression(init) && init.getExpression().getText() === 'require';
  });
}

function renderHelpers(needed: Set<string>, ctx: SourceFileContext, style: ReturnType<typeof styleFor>, atTop: boolean): string {
  const { eol, indent } = style;
  const typed = ctx.typed;
  const q = (s: string) => quoted(s, style);
  const semi = style.semicolons ? ';' : '';
  const record = (entries: Array<[string, string]>) =>
    entries.length === 0 ? '{}' : `{${eol}${entries.map(([k, v]) => `${indent}${indent}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k)}: ${q(v)},`).join(eol)}${eol}${indent}}`;
  const str = typed ? ': string' : '';
  const lines: string[] = [
    '',
    `// Added by scalekit-migrate: Composio names known only at run time, mapped with the same tables as the literals.`,
  ];
  if (needed.has(HELPER_TOOL)) {
    const renames = Object.entries(ctx.mappings.toolRenames).sort(([a], [b]) => a.localeCompare(b));
    lines.push(
      `function ${HELPER_TOOL}(composioSlug${str})${str} {`,
      `${indent}const renames${typed ? ': Record<string, string>' : ''} = ${record(renames)}${semi}`,
      `${indent}return renames[composioSlug.toUpperCase()] ?? composioSlug.toLowerCase()${semi}`,
      '}',
    );
  }
  if (needed.has(HELPER_CONNECTION)) {
    const connections = new Map<string, string>();
    for (const toolkit of Object.keys(ctx.mappings.toolkitConnectors)) connections.set(toolkit.toLowerCase(), connectionNameOf(toolkit, ctx.mappings));
    for (const [connector, name] of Object.entries(ctx.mappings.connections)) connections.set(connector, name);
    const entries = [...connections].filter(([k, v]) => k !== v).sort(([a], [b]) => a.localeCompare(b));
    lines.push(
      `function ${HELPER_CONNECTION}(composioToolkit${str})${str} {`,
      `${indent}const connections${typed ? ': Record<string, string>' : ''} = ${record(entries)}${semi}`,
      `${indent}return connections[composioToolkit.toLowerCase()] ?? composioToolkit.toLowerCase()${semi}`,
      '}',
    );
  }
  if (needed.has(HELPER_CONNECTION_FOR_TOOL)) {
    const multi = ctx.mappings.multiWordToolkits.map((t) => q(t)).join(', ');
    lines.push(
      `function ${HELPER_CONNECTION_FOR_TOOL}(composioSlug${str})${str} {`,
      `${indent}const slug = composioSlug.toUpperCase()${semi}`,
      `${indent}const toolkit = [${multi}].find((t) => slug.startsWith(t + ${q('_')})) ?? slug.split('_')[0] ?? slug${semi}`,
      `${indent}return ${HELPER_CONNECTION}(toolkit)${semi}`,
      '}',
    );
  }
  const block = lines.join(eol);
  return atTop ? `${block.slice(eol.length)}${eol}${eol}` : `${eol}${block}`;
}

export { connectorOf, SyntaxKind };
