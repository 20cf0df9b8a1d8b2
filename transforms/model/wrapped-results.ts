import { Node, ts, type CallExpression, type SourceFile } from '../../src/ts-morph.js';
import { declarationsOf, matchClientCall, unwrapCompiler, type ComposioBindings } from './composio-bindings.js';
import { returnedValuesOf, wrap } from './identifiers.js';
import { memberPathMatches } from './member-path.js';
import type { Mappings } from '../../src/mappings/load.js';

/**
 * Composio calls whose result the migration rewrites into Scalekit's, of another shape: what a caller
 * reads of it (redirectUrl, items, successful...) is no longer there. Path on the client → what it returns now.
 */
export const RESULT_SHAPES: Record<string, string> = {
  'toolkits.authorize': "Scalekit's authorization link response ({ link, expiry }: redirectUrl is link)",
  'connectedAccounts.initiate': "Scalekit's authorization link response ({ link, expiry }: redirectUrl is link)",
  'connectedAccounts.link': "Scalekit's authorization link response ({ link, expiry }: redirectUrl is link)",
  'connectedAccounts.list': "Scalekit's listConnectedAccounts response (connectedAccounts, not items; connector; status as ConnectorStatus)",
  'connectedAccounts.get': "Scalekit's getConnectedAccount response (connectedAccount; connector; status as ConnectorStatus)",
  'tools.execute': "Scalekit's executeTool response (data; no successful or error: a failure throws)",
};

/** The fields of a reshaped result that Scalekit's response still has under the same name (read as before). */
export const SHARED_FIELDS: Record<string, ReadonlySet<string>> = { 'tools.execute': new Set(['data']) };

/** Calls the migration keeps as they were (no Scalekit equivalent), whose result is untyped on a ScalekitClient. */
export const KEPT_RESULT = 'kept';

/**
 * The path of a call the migration keeps: a session (`create`, `use`), or a call `mappings/client-calls.json` reports
 * (triggers, MCP, auth configs...). What a function returning its result returns is nothing Scalekit gives.
 */
export function isKeptPath(path: string, mappings: Mappings): boolean {
  if (path === 'create' || path === 'use') return true;
  if (path in RESULT_SHAPES || MIGRATED_PATHS.has(path)) return false;
  // the table's own entries, not its catch-alls (`*`, `*.*`: a call of a member the SDK may not have)
  return mappings.clientCalls.some((entry) => !/^\*(\.\*)*$/.test(entry.path) && memberPathMatches(entry.path, path.split('.')));
}

/** Calls a transform rewrites into Scalekit's, whose result keeps its use (or is followed where it is read). */
const MIGRATED_PATHS = new Set(['tools.get', 'tools.execute', 'tools.proxyExecute', 'provider.handleToolCalls', 'connectedAccounts.delete']);

/**
 * Phase 1: the exported functions of a file that return the result of such a call, as it is
 *   export async function startAuth(u, t) { return composio.toolkits.authorize(u, t); }
 *   export const listAccounts = async (u) => { const r = await composio.connectedAccounts.list(...); return r; };
 * → export name → the call's path on the client (`toolkits.authorize`).
 */
export function resultExports(file: SourceFile, bindings: ComposioBindings, mappings: Mappings): Map<string, string> {
  const results = new Map<string, string>();
  for (const statement of file.getStatements()) {
    if (Node.isFunctionDeclaration(statement) && statement.hasExportKeyword()) {
      const path = returnedResult(statement, bindings, mappings);
      if (path) results.set(statement.isDefaultExport() ? 'default' : (statement.getName() ?? 'default'), path);
    } else if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        const fn = init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) ? init : undefined;
        const path = fn && returnedResult(fn, bindings, mappings);
        if (path && Node.isIdentifier(declaration.getNameNode())) results.set(declaration.getName(), path);
      }
    }
  }
  return results;
}

/** The expression a chain of member reads and calls starts from: `active` of `active.items.map(...)`. */
function chainRoot(node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    const inner = unwrapCompiler(current);
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isCallExpression(inner)) current = inner.expression;
    else return inner;
  }
}

/** The path of the client call a local variable was initialized with (`const active = await composio.triggers.listActive()`). */
function initializerPath(name: ts.Identifier, file: SourceFile, bindings: ComposioBindings): string | undefined {
  const declaration = declarationsOf(wrap(file, name)).find((d) => Node.isVariableDeclaration(d));
  const init = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  const value = init && unwrapCompiler(init.compilerNode);
  if (!value || !ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression)) return undefined;
  return matchClientCall(wrap<CallExpression>(file, value), bindings)?.path.join('.');
}

/**
 * The path of the Composio call a function returns the result of (directly, or through one local), else undefined:
 * a call whose result the migration reshapes (RESULT_SHAPES), or one it keeps (isKeptPath).
 */
export function returnedResult(fn: Node, bindings: ComposioBindings, mappings: Mappings): string | undefined {
  // on compiler nodes: every exported function of phase 1 comes here, and most return something else
  const file = fn.getSourceFile();
  for (const expression of returnedValuesOf(fn)) {
    if (!expression) continue;
    let value = unwrapCompiler(expression);
    // `return active.items.map(...)` after `const active = await composio.triggers.listActive()`: derived from a kept
    // call's result, untyped as well (a reshaped result read so is the reader's own shape: not this)
    const direct = ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) ? matchClientCall(wrap<CallExpression>(file, value), bindings) : undefined;
    const root = direct ? value : chainRoot(value);
    if (root !== value && ts.isIdentifier(root)) {
      const path = initializerPath(root, file, bindings);
      if (path && isKeptPath(path, mappings)) return path;
      continue;
    }
    if (ts.isIdentifier(value)) {
      const declaration = declarationsOf(wrap(file, value)).find((d) => Node.isVariableDeclaration(d));
      const init = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
      if (!init) continue;
      value = unwrapCompiler(init.compilerNode);
    }
    if (!ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression)) continue;
    const path = matchClientCall(wrap<CallExpression>(file, value), bindings)?.path.join('.');
    if (path && (path in RESULT_SHAPES || isKeptPath(path, mappings))) return path;
  }
  return undefined;
}
