import { SyntaxKind, ts } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { importedCallee, importedFunctions } from './model/analyze-exports.js';
import type { ComposioProjectState } from './model/project-state.js';
import { compilerNodesOfKind } from './model/identifiers.js';
import { RESULT_SHAPES } from './model/wrapped-results.js';

/**
 * lib/integrations.ts:   export async function startAuth(u, t) { return composio.toolkits.authorize(u, t); }
 * app/connect/route.ts:  const { redirectUrl } = await startAuth(userId, toolkit);
 *   → unchanged; reported with a TODO at the call: startAuth now returns Scalekit's { link, expiry }
 *
 * The wrapper's own call is migrated where it stands; what its callers in other files read of the
 * result (redirectUrl, items, successful) is not followed, so each call is pointed out.
 */
const transform: SourceTransform = {
  id: 'wrapped-results',
  description: "Calls of a local function returning a reshaped Composio result (toolkits.authorize, connectedAccounts.list/get, tools.execute) → reported where its result is read",
  apply(file, ctx) {
    const state = ctx.project as ComposioProjectState;
    if (!state.hasResults()) return;
    const imported = importedFunctions(file, ctx.resolveImport);
    if (imported.functions.size === 0 && imported.namespaces.size === 0) return;
    for (const node of compilerNodesOfKind(file, SyntaxKind.CallExpression) as ts.CallExpression[]) {
      const found = importedCallee(file, node, imported);
      const path = found && state.resultOf(found.target.module, found.target.name);
      if (!found || !path) continue;
      ctx.reportAt('wrapped-result-shape', found.call, `(${found.call.getExpression().getText()}() returns what composio.${path}() returned: now ${RESULT_SHAPES[path]})`);
    }
  },
};

export default transform;
