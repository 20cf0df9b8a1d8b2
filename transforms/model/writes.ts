import { Node, SyntaxKind, ts, type Identifier } from '../../src/ts-morph.js';
import { symbolOf, valueSymbolOf } from './scopes.js';

/**
 * Whether a name or member access stands where a value is written: assignments of every operator,
 * `++`/`--`, the variable of a for-in/of loop, and destructuring assignments (`({ id } = other)`,
 * `[id] = other`).
 */
export function isWriteTarget(node: Node): boolean {
  if (!mayBeWritten(node.compilerNode)) return false;
  const parent = node.getParentOrThrow();
  if (!(Node.isShorthandPropertyAssignment(parent) || Node.isPropertyAssignment(parent) || Node.isArrayLiteralExpression(parent))) return true;
  // `({ id } = other)` and `[id] = other`: a literal's element is written only where the literal is assigned to
  let literal: Node | undefined = Node.isArrayLiteralExpression(parent) ? parent : parent.getParent();
  while (literal && (Node.isObjectLiteralExpression(literal) || Node.isArrayLiteralExpression(literal)) && !isAssignedTo(literal)) {
    const up: Node | undefined = literal.getParent();
    literal = up && (Node.isPropertyAssignment(up) || Node.isSpreadElement(up)) ? up.getParent() : up;
  }
  return literal !== undefined && (Node.isObjectLiteralExpression(literal) || Node.isArrayLiteralExpression(literal)) && isAssignedTo(literal);
}

function isAssignedTo(literal: Node): boolean {
  const parent = literal.getParent();
  return Node.isBinaryExpression(parent) && parent.getLeft() === literal && parent.compilerNode.operatorToken.kind === SyntaxKind.EqualsToken;
}

/**
 * The parents a written node stands under, on a compiler node (no wrapper needed): the left of an
 * assignment, `++`/`--`, a for-in/of variable, or an element of an object or array literal, which
 * isWriteTarget then checks is itself assigned to.
 */
export function mayBeWritten(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isBinaryExpression(parent)) return parent.left === node && parent.operatorToken.kind >= SyntaxKind.FirstAssignment && parent.operatorToken.kind <= SyntaxKind.LastAssignment;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return parent.operator === SyntaxKind.PlusPlusToken || parent.operator === SyntaxKind.MinusMinusToken;
  if (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) return parent.initializer === node;
  return ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === node) || ts.isArrayLiteralExpression(parent);
}

/** The variable an identifier reads or writes: a shorthand property's name (`{ id }`) is bound to the property, its value to the variable. */
export function variableSymbolOf(id: Identifier): ts.Symbol | undefined {
  const parent = id.getParent();
  return Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === id ? valueSymbolOf(parent) : symbolOf(id);
}
