import { Node, SyntaxKind, ts, type CallExpression, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { bindingsFor, importedCallee, importedFunctions } from './model/analyze-exports.js';
import type { ComposioProjectState } from './model/project-state.js';
import { compilerNodesOfKind, wrap } from './model/identifiers.js';
import { isKeptPath, RESULT_SHAPES, returnedResult, SHARED_FIELDS } from './model/wrapped-results.js';
import { awaitedUsesOf, type ValueUse } from './model/value-uses.js';

/**
 * lib/integrations.ts:   export async function startAuth(u, t) { return composio.toolkits.authorize(u, t); }
 * app/connect/route.ts:  const { redirectUrl } = await startAuth(userId, toolkit);
 *   → unchanged; reported with a TODO at the call: startAuth now returns Scalekit's { link, expiry }
 *
 * lib/session.ts:        export async function getSession(u) { return composio.create(u, { toolkits }); }
 *                        const session = await getSession(u); const { items } = await session.toolkits();
 *   → unchanged; reported at the call and at each use of what it returns, in this file and in others: the
 *     Composio call it wraps is kept (no Scalekit equivalent), so its result is untyped on a ScalekitClient
 *
 * The wrapper's own call is migrated (or reported) where it stands; what its callers read of the result
 * (redirectUrl, items, successful) is not followed, so each call is pointed out.
 */
const transform: SourceTransform = {
  id: 'wrapped-results',
  description: 'Calls of a local function returning a reshaped Composio result (toolkits.authorize, connectedAccounts.list/get, tools.execute), or one the migration keeps (sessions, triggers...) → reported where its result is read',
  apply(file, ctx) {
    const state = ctx.project as ComposioProjectState;
    const imported = state.hasResults() ? importedFunctions(file, ctx.resolveImport) : undefined;
    const local = localResults(file, ctx);
    if (local.size === 0 && (!imported || (imported.functions.size === 0 && imported.namespaces.size === 0))) return;
    for (const node of compilerNodesOfKind(file, SyntaxKind.CallExpression) as ts.CallExpression[]) {
      const found = imported && importedCallee(file, node, imported);
      const path = found ? state.resultOf(found.target.module, found.target.name) : ts.isIdentifier(node.expression) ? local.get(node.expression.text) : undefined;
      if (!path) continue;
      const call = found ? (found.call as CallExpression) : wrap<CallExpression>(file, node);
      const name = call.getExpression().getText();
      if (path in RESULT_SHAPES) {
        // a reshaped result of a function of this file: its readers here were not followed either, but the wrapper's
        // own call is migrated in place, so only other files' calls are reported (as before)
        if (!found) continue;
        const detail = `(${name}() returns what composio.${path}() returned: now ${RESULT_SHAPES[path]})`;
        ctx.reportAt('wrapped-result-shape', call, detail);
        reportReads(awaitedUsesOf(call), path, name, ctx);
        continue;
      }
      const detail = `(${name}() returns what composio.${path}() returned, and that call has no Scalekit equivalent)`;
      ctx.reportAt('wrapped-result-kept', call, detail);
      reportUses(awaitedUsesOf(call), detail, ctx);
    }
  },
};

export default transform;

/** The functions of this file (top level) that return a kept Composio call's result, by name. */
function localResults(file: SourceFile, ctx: SourceFileContext): Map<string, string> {
  const results = new Map<string, string>();
  if (!ctx.text.includes('return')) return results;
  const bindings = bindingsFor(file, ctx);
  for (const statement of file.getStatements()) {
    const fns: Array<[string, Node]> = [];
    if (Node.isFunctionDeclaration(statement) && statement.getName()) fns.push([statement.getName()!, statement]);
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) && Node.isIdentifier(declaration.getNameNode())) fns.push([declaration.getName(), init]);
      }
    }
    for (const [name, fn] of fns) {
      const path = returnedResult(fn, bindings, ctx.mappings);
      if (path && isKeptPath(path, ctx.mappings)) results.set(name, path);
    }
  }
  return results;
}

/**
 * Each place a reshaped result is read here, where the read breaks: `accounts.items`, `const { redirectUrl } = ...`,
 * `for (const a of accounts)` (a field Scalekit's response still has, such as an execute result's data, is not reported).
 */
function reportReads(uses: ValueUse[], path: string, name: string, ctx: SourceFileContext): void {
  const shared = SHARED_FIELDS[path];
  for (const use of uses) {
    const field = use.kind === 'member' || use.kind === 'binding' ? use.name : undefined;
    if (use.kind === 'test' || use.kind === 'escape' || (field !== undefined && shared?.has(field))) continue;
    if (ctx.edits.touches(use.node.getStart(), use.node.getEnd())) continue;
    const what = field !== undefined ? `.${field}` : use.kind === 'iteration' ? 'for...of' : '[index]';
    ctx.reportAt('wrapped-result-shape', use.node, `(${what} of what ${name}() returns: now ${RESULT_SHAPES[path]})`);
  }
}

/** Each place the kept result is read here: what it reads is Composio's, and fails on what Scalekit returned. */
function reportUses(uses: ValueUse[], detail: string, ctx: SourceFileContext): void {
  for (const use of uses) {
    if (use.kind === 'test') continue;
    if (ctx.edits.touches(use.node.getStart(), use.node.getEnd())) continue;
    ctx.reportAt('wrapped-result-kept', use.node, detail);
  }
}
