import { Node, SyntaxKind, type IndexedAccessTypeNode } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { bindingsFor } from './model/analyze-exports.js';
import { descendantsOfKind } from './model/identifiers.js';

/**
 * type Accounts = Awaited<ReturnType<Composio['connectedAccounts']['list']>>   → kept, with a TODO and a finding
 * type Tools = typeof composio.tools                                          → kept, with a TODO and a finding
 *
 * A type read from a member of the Composio client: once the client is a ScalekitClient, the member
 * is not there (the type no longer compiles) or is another one of the same name (`tools`), with
 * another type. What the code now calls is known only to the person reading it: reported, not guessed.
 */
const transform: SourceTransform = {
  id: 'client-member-types',
  description: "types read from a member of the Composio client (Composio['tools'], typeof composio.tools) → finding + TODO",
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    for (const access of descendantsOfKind(file, SyntaxKind.IndexedAccessType)) {
      // reported once, at the access on the class itself: `Composio['connectedAccounts']` of `...['list']`
      if (bindings.isClientType(access.getObjectTypeNode())) ctx.reportAt('client-member-type', access, `(${outermostAccess(access).getText()})`);
    }
    for (const query of descendantsOfKind(file, SyntaxKind.TypeQuery)) {
      let root = query.getExprName();
      if (!Node.isQualifiedName(root)) continue;
      while (Node.isQualifiedName(root)) root = root.getLeft();
      if (bindings.isClient(root)) ctx.reportAt('client-member-type', query, `(${query.getText()})`);
    }
  },
};

export default transform;

function outermostAccess(access: IndexedAccessTypeNode): Node {
  let outer: Node = access;
  for (let parent = outer.getParent(); parent && Node.isIndexedAccessTypeNode(parent) && parent.getObjectTypeNode() === outer; parent = outer.getParent()) outer = parent;
  return outer;
}
