import { Node, type BindingElement, type CallExpression, type ElementAccessExpression, type Identifier, type PropertyAccessExpression } from '../../src/ts-morph.js';
import { identifiersNamedWithin } from './identifiers.js';
import { readsSymbol, symbolOf } from './scopes.js';
import { promiseAllSlot } from './value-uses.js';
import { declaredTypeAt } from './declared-types.js';

/**
 * How the code uses what a call resolves to, so that a transform can rewrite the reads of a
 * response whose shape changed:
 *   (await call).data                     → a read of `data`
 *   const r = await call; ... r.data      → a read of `data` at each reference of `r`
 *   const { data, error } = await call    → one binding per destructured name
 * Anything else that receives the value (returned, passed to a function, stored) is `passed-on`.
 */
export type ResultUse =
  | { kind: 'read'; name: string; access: PropertyAccessExpression | ElementAccessExpression }
  | { kind: 'binding'; name: string; element: BindingElement }
  | { kind: 'passed-on'; node: Node };

export function awaitedResultUses(call: CallExpression): ResultUse[] {
  const promise = outermost(call);
  const slot = promiseAllSlot(promise);
  if (slot) return slot.element ? declaredUses(slot.element.getNameNode(), slot.element, 0) : [];
  const parent = promise.getParent();
  if (Node.isAwaitExpression(parent)) return usesOf(parent, 0);
  if (parent === undefined || Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return [];
  return [{ kind: 'passed-on', node: call }];
}

function usesOf(value: Node, depth: number): ResultUse[] {
  const top = outermost(value);
  const parent = top.getParent();
  if (!parent || Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return [];
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === top) {
    return [{ kind: 'read', name: parent.getName(), access: parent }];
  }
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === top) {
    const key = parent.getArgumentExpression();
    if (key && (Node.isStringLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key))) return [{ kind: 'read', name: key.getLiteralValue(), access: parent }];
    return [{ kind: 'passed-on', node: parent }];
  }
  // a type of the code's own for it (`const run: ToolRun = await ...`): not followed, reported there
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === top) return declaredTypeAt(parent) !== undefined ? [{ kind: 'passed-on', node: parent }] : declaredUses(parent.getNameNode(), top, depth);
  return [{ kind: 'passed-on', node: top }];
}

/** The uses of what a declared name (`r`, `{ data }`) receives; `top`, where it cannot be followed. */
function declaredUses(name: Node, top: Node, depth: number): ResultUse[] {
  if (Node.isIdentifier(name)) return depth < 3 ? references(name).flatMap((ref) => usesOf(ref, depth + 1)) : [{ kind: 'passed-on', node: top }];
  if (Node.isObjectBindingPattern(name)) {
    return name.getElements().map((element): ResultUse => {
      if (element.getDotDotDotToken()) return { kind: 'passed-on', node: element };
      return { kind: 'binding', name: element.getPropertyNameNode()?.getText() ?? element.getName(), element };
    });
  }
  return [{ kind: 'passed-on', node: top }];
}

/** The node whose parent uses the value: past parentheses, `!` and type assertions. */
function outermost(node: Node): Node {
  let current = node;
  for (let parent = current.getParent(); parent; parent = current.getParent()) {
    if (Node.isParenthesizedExpression(parent) || Node.isNonNullExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent)) current = parent;
    else break;
  }
  return current;
}

/** The other identifiers bound to the same variable, in the scope that declares it. */
function references(name: Identifier): Identifier[] {
  const symbol = symbolOf(name);
  if (!symbol) return [];
  const scope = name.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a)) ?? name.getSourceFile();
  return identifiersNamedWithin(scope, name.getText()).filter((id) => {
    if (id === name || id.getText() !== name.getText()) return false;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
    return readsSymbol(id, symbol);
  });
}
