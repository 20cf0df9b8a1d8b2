import { Node, type CallExpression } from '../../src/ts-morph.js';
import type { EditList } from '../../src/edits.js';

/**
 * Renames the members after the client in a call on it, one name at a time, so that the client
 * expression and any `?.` stay as written: `this.composio.tools.execute(` → `this.composio.actions.executeTool(`.
 */
export function renameClientMembers(call: CallExpression, members: string[], edits: EditList): void {
  // through the casts and parentheses the code put around a member: `(composio.tools as any).execute(` →
  // `(composio.actions as any).executeTool(`, which runs as it did
  let access: Node = unwrapped(call.getExpression());
  for (let i = members.length - 1; i >= 0 && Node.isPropertyAccessExpression(access); i--) {
    const name = access.getNameNode();
    if (name.getText() !== members[i]) edits.add(name.getStart(), name.getEnd(), members[i]!);
    access = unwrapped(access.getExpression());
  }
}

/** A node without the parentheses, `as`, `satisfies` and `!` around it. */
export function unwrapped(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isNonNullExpression(current) || Node.isTypeAssertion(current)) current = current.getExpression();
  return current;
}

/**
 * Whether a member path after the client (`['triggers', 'subscribe']`) matches a table pattern, where
 * `*` is any one member and a trailing `.*` also matches deeper members (`triggers.*` matches
 * `triggers.subscribe` and `triggers.a.b`). The tables of client-calls.json and legacy-calls.json use it.
 */
export function memberPathMatches(pattern: string, path: string[]): boolean {
  const parts = pattern.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '*' && parts.length - 1 < path.length) return parts.slice(0, -1).every((p, i) => p === '*' || p === path[i]);
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
}
