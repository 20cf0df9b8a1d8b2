import { Node, type CallExpression } from 'ts-morph';
import type { EditList } from '../../src/edits.js';

/**
 * Renames the members after the client in a call on it, one name at a time, so that the client
 * expression and any `?.` stay as written: `this.composio.tools.execute(` → `this.composio.actions.executeTool(`.
 */
export function renameClientMembers(call: CallExpression, members: string[], edits: EditList): void {
  let access: Node = call.getExpression();
  for (let i = members.length - 1; i >= 0 && Node.isPropertyAccessExpression(access); i--) {
    const name = access.getNameNode();
    if (name.getText() !== members[i]) edits.add(name.getStart(), name.getEnd(), members[i]!);
    access = access.getExpression();
  }
}
