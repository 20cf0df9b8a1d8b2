import path from 'node:path';
import { Node, SyntaxKind, VariableDeclarationKind, type SourceFile, type VariableDeclaration, ts } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { styleFor, quoted } from './code-style.js';
import { bindingsFor, legacyBindingsFor } from './analyze-exports.js';
import { clientCalls, declarationsOf } from './composio-bindings.js';
import { identifiersNamed } from './identifiers.js';
import { declarationNodes, readsSymbol, symbolOf, valueSymbolOf } from './scopes.js';
import { connectionNameForTool, connectorOf, isWritable, metaToolRule, resolveTool, resolveToolkit, type ToolResolution } from './names.js';
import type { Mappings } from '../../src/mappings/load.js';
import { NAMES_MODULE, namesModuleFile, namesModuleText, type NamesModuleLanguage } from './names-module.js';
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
    // a meta tool in a list of tools is the caller's to drop (tools-get-to-list-scoped-tools): never mapped
    for (const element of target.getElements()) if (kind !== 'tool' || !metaToolRule(literalValue(element)!)) mapLiteralInPlace(element, ctx, kind);
    return expression.getText();
  }
  const helper = kind === 'tool' ? HELPER_TOOL : HELPER_CONNECTION;
  requireHelper(file, ctx, helper);
  reportRunTimeName(expression, ctx, shared);
  // `toolkits?: string[]`: the filter takes undefined as Composio's did, and so does the mapped list
  return `${expression.getText()}${mayBeUndefined(expression) ? '?.' : '.'}map(${helper})`;
}

/** A name the code declares optional, or typed with undefined or null (`toolkits?: string[]`, `string[] | undefined`). */
function mayBeUndefined(expression: Node): boolean {
  if (!Node.isIdentifier(expression)) return Node.isPropertyAccessExpression(expression) && expression.hasQuestionDotToken();
  return declarationsOf(expression).some((d) => {
    if ((Node.isParameterDeclaration(d) || Node.isPropertySignature(d) || Node.isPropertyDeclaration(d)) && d.hasQuestionToken()) return true;
    const type = Node.isParameterDeclaration(d) || Node.isVariableDeclaration(d) || Node.isPropertySignature(d) || Node.isPropertyDeclaration(d) ? d.getTypeNode() : undefined;
    return type !== undefined && /\b(undefined|null)\b/.test(type.getText());
  });
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
  return `${quote}${writtenName(value, kind, ctx.mappings)}${quote}`;
}

/** The Scalekit name written for a Composio one; a call site checks first (namesUnwritable), so a name the catalogue lacks never gets here. */
export function writtenName(value: string, kind: Kind, mappings: Mappings): string {
  if (kind === 'tool') {
    const resolution = resolveTool(value, mappings);
    if (!isWritable(resolution)) throw new Error(`a tool name no catalogue backs reached the writer: ${value}`);
    return resolution.name;
  }
  const resolution = resolveToolkit(value, mappings);
  if (!resolution.ok) throw new Error(`a toolkit no catalogue backs reached the writer: ${value}`);
  return resolution.connection;
}

/** One name, or a list of them, as a call site hands them to namesUnwritable. */
export type NameKind = Kind | 'tools' | 'toolkits';

/**
 * Reports at `site` every name among `names` known from the code (literals, constants of this file) that the
 * run cannot write, because Scalekit's catalogue does not have it and no table maps it; true when there is one.
 * The call site then leaves the call as it was: the run never writes a made-up tool or connector name.
 * Names known only at run time are the generated names module's to check (it throws on an unknown one).
 */
export function namesUnwritable(site: Node, names: Array<[Node | undefined, NameKind]>, ctx: SourceFileContext): boolean {
  const details = new Map<string, string[]>();
  for (const problem of unwritableNames(names, ctx.mappings)) details.set(problem.rule, [...(details.get(problem.rule) ?? []), problem.detail]);
  for (const [rule, texts] of details) ctx.reportAt(rule, site, `(${[...new Set(texts)].join('; ')})`);
  return details.size > 0;
}

/** The same, without reporting: the names that cannot be written, each with its rule and detail. */
export function unwritableNames(names: Array<[Node | undefined, NameKind]>, mappings: Mappings): Array<{ rule: string; detail: string }> {
  const problems: Array<{ rule: string; detail: string }> = [];
  for (const [expression, kind] of names) {
    if (!expression) continue;
    const single = kind === 'tool' || kind === 'toolkit';
    const values = single ? [constantString(expression)] : constantList(expression);
    for (const value of values) {
      if (value === undefined || (kind === 'tools' && metaToolRule(value))) continue;
      const problem = nameProblem(value, single ? kind : kind === 'tools' ? 'tool' : 'toolkit', mappings);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/** A literal array's (or a same-file constant's) string values, when every one is known from the code. */
export function constantStrings(expression: Node): string[] | undefined {
  const target = resolveConstant(expression);
  if (!Node.isArrayLiteralExpression(target)) return undefined;
  const values = target.getElements().map((e) => constantString(e));
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

/** The string values of a literal array, or of a same-file constant holding one (undefined for an element known only at run time). */
function constantList(expression: Node): Array<string | undefined> {
  const target = resolveConstant(expression);
  return Node.isArrayLiteralExpression(target) ? target.getElements().map((e) => constantString(e)) : [];
}

/** Why a name cannot be written: the finding's rule and its detail (shared with Python and the plan). */
export function nameProblem(value: string, kind: Kind, mappings: Mappings): { rule: string; detail: string; resolution?: ToolResolution } | undefined {
  if (kind === 'toolkit') {
    const resolution = resolveToolkit(value, mappings);
    return resolution.ok ? undefined : { rule: 'connector-not-in-catalog', detail: `${value}: no Scalekit connector '${resolution.connector}'` };
  }
  const resolution = resolveTool(value, mappings);
  switch (resolution.kind) {
    case 'no-connector':
      return { rule: 'connector-not-in-catalog', detail: `${value}: toolkit ${resolution.toolkit}, no Scalekit connector '${resolution.connector}'`, resolution };
    case 'no-counterpart':
      return { rule: 'tool-no-counterpart', detail: `${value}: ${resolution.entry.why ?? 'no counterpart'}${closestText(resolution.closest, resolution.connector)}`, resolution };
    case 'not-in-catalog':
      return {
        rule: 'tool-not-in-catalog',
        detail: `${value}: no tool '${value.toLowerCase()}' in connector ${resolution.connector}${resolution.closest.length > 0 ? closestText(resolution.closest, resolution.connector) : `; no ${resolution.connector} tool is named alike`}`,
        resolution,
      };
    default:
      return undefined;
  }
}

function closestText(closest: string[], connector: string): string {
  return closest.length > 0 ? `; closest ${connector} tools: ${closest.join(', ')}` : '';
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
export function resolveConstant(expression: Node): Node {
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

/**
 * Imports a generated name function, from the project's names module (created once, beside the shared client
 * module): `scalekit-names.ts` for TypeScript, `.mjs` for a JavaScript ES module, `.cjs` (through require) for
 * CommonJS. One import statement a file, after its imports, rendered when the edits are applied so that it
 * names every function the file's call sites asked for.
 */
function requireHelper(file: SourceFile, ctx: SourceFileContext, helper: string): void {
  const needed = (ctx.state.get('name-helpers') as Set<string> | undefined) ?? new Set<string>();
  ctx.state.set('name-helpers', needed);
  if (needed.has(helper)) return;
  needed.add(helper);
  if (ctx.state.has('name-helpers-written')) return;
  ctx.state.set('name-helpers-written', true);
  const position = insertionPoint(file);
  const style = styleFor(file, ctx.state);
  const language: NamesModuleLanguage = ctx.typed ? 'typescript' : isCommonJs(file, ctx) ? 'commonjs' : 'esm';
  const module = generatedModulePath(ctx, NAMES_MODULE).replace(/\.ts$/, path.extname(namesModuleFile(language)));
  ctx.createFile(module, namesModuleText(ctx.mappings, language, (ctx.project as ComposioProjectState).mentionedToolkits));
  if (language === 'typescript') {
    const specifier = importSpecifier(ctx, module, file);
    ctx.edits.add(position, position, () => renderImport([...needed].sort(), specifier, style, position === 0));
    return;
  }
  const specifier = javascriptSpecifier(ctx, module);
  ctx.edits.add(position, position, () =>
    language === 'esm' ? renderImport([...needed].sort(), specifier, style, position === 0) : renderRequire([...needed].sort(), specifier, style, position === 0),
  );
}

/** How a JavaScript file names a generated module: its file in full, since Node resolves neither extension nor module kind for it. */
export function javascriptSpecifier(ctx: SourceFileContext, module: string): string {
  const specifier = path.relative(path.dirname(ctx.path), module).split(path.sep).join('/');
  return specifier.startsWith('.') ? specifier : `./${specifier}`;
}

/** A JavaScript file written as CommonJS: `.cjs`, or `require(...)` with no `import` statement. */
export function isCommonJs(file: SourceFile, ctx: SourceFileContext): boolean {
  if (/\.cjs$/.test(ctx.path)) return true;
  if (/\.mjs$/.test(ctx.path)) return false;
  return file.getImportDeclarations().length === 0 && file.getStatements().some(isRequireStatement);
}

export function renderRequire(names: string[], specifier: string, style: ReturnType<typeof styleFor>, atTop: boolean): string {
  const statement = `const { ${names.join(', ')} } = require(${quoted(specifier, style)})${style.semicolons ? ';' : ''}`;
  return atTop ? `${statement}${style.eol}${style.eol}` : `${style.eol}${statement}`;
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

export { connectorOf, SyntaxKind };
