import { SyntaxKind, ts, type Node } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import type { ComposioProjectState } from './model/project-state.js';
import { identifiersNamed } from './model/identifiers.js';
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
    for (const statement of file.compilerNode.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const module = ctx.resolveImport(statement.moduleSpecifier.text);
      if (!module) continue;
      const imported: Array<[string, string]> = [];
      if (clause.name) imported.push([clause.name.text, 'default']);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const specifier of clause.namedBindings.elements) if (!specifier.isTypeOnly) imported.push([specifier.name.text, (specifier.propertyName ?? specifier.name).text]);
      }
      for (const [local, exported] of imported) {
        const path = state.resultOf(module, exported);
        if (!path) continue;
        for (const identifier of identifiersNamed(file, local)) {
          const call = identifier.getParent();
          if (call?.getKind() !== SyntaxKind.CallExpression || (call.compilerNode as ts.CallExpression).expression !== identifier.compilerNode) continue;
          ctx.reportAt('wrapped-result-shape', call as Node, `(${local}() returns what composio.${path}() returned: now ${RESULT_SHAPES[path]})`);
        }
      }
    }
  },
};

export default transform;
