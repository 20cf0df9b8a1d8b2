import { Node, ts, type CallExpression, type SourceFile } from '../../src/ts-morph.js';
import { declarationsOf, matchClientCall, unwrapCompiler, type ComposioBindings } from './composio-bindings.js';
import { returnedValuesOf, wrap } from './identifiers.js';

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

/**
 * Phase 1: the exported functions of a file that return the result of such a call, as it is
 *   export async function startAuth(u, t) { return composio.toolkits.authorize(u, t); }
 *   export const listAccounts = async (u) => { const r = await composio.connectedAccounts.list(...); return r; };
 * → export name → the call's path on the client (`toolkits.authorize`).
 */
export function resultExports(file: SourceFile, bindings: ComposioBindings): Map<string, string> {
  const results = new Map<string, string>();
  for (const statement of file.getStatements()) {
    if (Node.isFunctionDeclaration(statement) && statement.hasExportKeyword()) {
      const path = returnedResult(statement, bindings);
      if (path) results.set(statement.isDefaultExport() ? 'default' : (statement.getName() ?? 'default'), path);
    } else if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        const fn = init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) ? init : undefined;
        const path = fn && returnedResult(fn, bindings);
        if (path && Node.isIdentifier(declaration.getNameNode())) results.set(declaration.getName(), path);
      }
    }
  }
  return results;
}

/** The path of the Composio call a function returns the result of (directly, or through one local), else undefined. */
function returnedResult(fn: Node, bindings: ComposioBindings): string | undefined {
  // on compiler nodes: every exported function of phase 1 comes here, and most return something else
  const file = fn.getSourceFile();
  for (const expression of returnedValuesOf(fn)) {
    if (!expression) continue;
    let value = unwrapCompiler(expression);
    if (ts.isIdentifier(value)) {
      const declaration = declarationsOf(wrap(file, value)).find((d) => Node.isVariableDeclaration(d));
      const init = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
      if (!init) continue;
      value = unwrapCompiler(init.compilerNode);
    }
    if (!ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression)) continue;
    const path = matchClientCall(wrap<CallExpression>(file, value), bindings)?.path.join('.');
    if (path && path in RESULT_SHAPES) return path;
  }
  return undefined;
}
