import { Node, SyntaxKind, ts, type Identifier } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { bindingsFor } from './model/analyze-exports.js';
import { clientMemberReads } from './model/composio-bindings.js';
import { descendantsOfKindWhere } from './model/identifiers.js';
import { climbTransparent, referencesOf } from './model/value-uses.js';

/**
 * const tools = composio.tools;              → kept, with a TODO and a finding, and so is each use:
 * await tools.execute('GITHUB_STAR_A_REPO')  → kept, with a TODO and a finding
 * const { connectedAccounts } = composio;    → the same, for each name it declares
 * useAccounts(composio.connectedAccounts)    → kept, with a TODO and a finding
 *
 * A member of the client held, passed or returned as a value: the calls made through it are not
 * calls on the client, so no transform migrates or reports them, and the Scalekit client's members
 * are others. Reported where the member leaves the client, and where a variable holding it is used.
 */
const transform: SourceTransform = {
  id: 'client-member-values',
  description: 'members of the Composio client held or passed as values (const tools = composio.tools), and their uses → finding + TODO',
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    for (const { access, path } of clientMemberReads(file, bindings)) {
      if (ctx.edits.touches(access.getStart(), access.getEnd())) continue;
      ctx.reportAt('client-member-value', access, `(${path.join('.')})`);
      const holder = climbTransparent(access).getParent();
      if (Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode())) reportUses(holder.getNameNode() as Identifier, path, ctx);
    }
    const destructured = (node: ts.Node) => ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer !== undefined;
    for (const declaration of descendantsOfKindWhere(file, SyntaxKind.VariableDeclaration, destructured)) {
      const pattern = declaration.getNameNode();
      const initializer = declaration.getInitializer();
      if (!Node.isObjectBindingPattern(pattern) || !initializer || !bindings.isClient(initializer)) continue;
      if (ctx.edits.touches(declaration.getStart(), declaration.getEnd())) continue;
      for (const element of pattern.getElements()) {
        const member = (element.getPropertyNameNode() ?? element.getNameNode()).getText();
        ctx.reportAt('client-member-value', element, `(${member})`);
        const name = element.getNameNode();
        if (Node.isIdentifier(name)) reportUses(name, [member], ctx);
      }
    }
  },
};

export default transform;

/** Each use of a variable holding a client member: `tools.execute(...)` → reported as `tools.execute`. */
function reportUses(name: Identifier, path: string[], ctx: SourceFileContext): void {
  for (const reference of referencesOf(name)) {
    const members = [...path];
    let use: Node = reference;
    for (let parent = use.getParent(); Node.isPropertyAccessExpression(parent) && parent.getExpression() === use; parent = use.getParent()) {
      members.push(parent.getName());
      use = parent;
    }
    if (ctx.edits.touches(use.getStart(), use.getEnd())) continue;
    ctx.reportAt('client-member-value', use, `(${members.join('.')})`);
  }
}
