import { Node, SyntaxKind, ts } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { bindingsFor } from './model/analyze-exports.js';
import { descendantsOfKind } from './model/identifiers.js';

/**
 * declare global { var __composio: Composio | undefined }   → kept (its type migrated), with a TODO and a finding
 *
 * A client held in a global is read in other files as globalThis.__composio (or __composio) with no
 * import: nothing leads the migration there, so those calls would stay Composio's, silently.
 */
const transform: SourceTransform = {
  id: 'client-in-global',
  description: 'a client declared as a global (declare global { var __composio: Composio }) → finding + TODO',
  apply(file, ctx) {
    const modules = descendantsOfKind(file, SyntaxKind.ModuleDeclaration).filter((m) => (m.compilerNode.flags & ts.NodeFlags.GlobalAugmentation) !== 0);
    if (modules.length === 0) return;
    const bindings = bindingsFor(file, ctx);
    for (const module of modules) {
      for (const statement of module.getStatements()) {
        if (!Node.isVariableStatement(statement)) continue;
        for (const declaration of statement.getDeclarations()) {
          if (bindings.isClientType(declaration.getTypeNode())) ctx.reportAt('client-in-global', declaration, `(${declaration.getName()})`);
        }
      }
    }
  },
};

export default transform;
