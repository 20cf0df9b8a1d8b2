import { Node, type CallExpression, type Expression } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';

/**
 * The part of a client call that a rewrite replaces: what comes after the client expression
 * (`toolkits.authorize(userId, 'github')` in `this.composio.toolkits.authorize(...)`), so the
 * client, whatever it is (`getComposio()`, `this.composio`), stays as the user wrote it.
 */
export function memberSpanStart(client: Expression): number {
  const member = client.getParentOrThrow();
  if (!Node.isPropertyAccessExpression(member)) throw new Error('a client call starts with a member access');
  return member.getNameNode().getStart();
}

/** `<client>.toolkits.authorize(...)` → `<client>.` + `text`, arguments included. */
export function replaceAfterClient(call: CallExpression, client: Expression, text: string, ctx: SourceFileContext): boolean {
  const { start, prefix } = memberSpan(call, client);
  return ctx.edits.add(start, call.getEnd(), `${prefix}${text}`);
}

/** `<client>.connectedAccounts.get(id)` → `<client>.` + `text` + `(id)`: the arguments are edited apart. */
export function replaceCallee(call: CallExpression, client: Expression, text: string, ctx: SourceFileContext): boolean {
  const { start, prefix } = memberSpan(call, client);
  return ctx.edits.add(start, call.getExpression().getEnd(), `${prefix}${text}`);
}

/**
 * Where a rewrite of the members after the client starts. Where the code wrapped a Composio member in parentheses or
 * a cast (`(composio.connectedAccounts as any).delete(id)`), the wrapper goes with the member it typed: the rewrite
 * starts at the callee, and writes the client again (`composio.actions.deleteConnectedAccount(...)`).
 */
function memberSpan(call: CallExpression, client: Expression): { start: number; prefix: string } {
  for (let node: Node | undefined = client.getParent(); node && node !== call; node = node.getParent()) {
    if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isNonNullExpression(node) || Node.isTypeAssertion(node)) {
      return { start: call.getExpression().getStart(), prefix: `${client.getText()}.` };
    }
  }
  return { start: memberSpanStart(client), prefix: '' };
}

/** Arguments past the ones Scalekit takes (request options, an AbortSignal): removed and reported. */
export function dropArgumentsAfter(call: CallExpression, keep: number, ctx: SourceFileContext): void {
  const args = call.getArguments();
  if (args.length <= keep) return;
  const first = args[keep]!;
  ctx.reportAt('authorization-option-dropped', first, '(request options)');
  ctx.edits.add(keep === 0 ? first.getStart() : args[keep - 1]!.getEnd(), args[args.length - 1]!.getEnd(), '');
}

/** `{ key: value }`, or `{ key }` when the value is a variable of that name. */
export function property(key: string, value: string): string {
  return value === key ? key : `${key}: ${value}`;
}
