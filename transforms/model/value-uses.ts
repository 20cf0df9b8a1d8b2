import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  type BindingElement,
  type ElementAccessExpression,
  type Identifier,
  type ParameterDeclaration,
  type PropertyAccessExpression,
  type VariableDeclaration,
} from '../../src/ts-morph.js';
import { identifiersNamed, identifiersNamedWithin, symbolScope } from './identifiers.js';
import { readsSymbol, symbolOf } from './scopes.js';
import { isWriteTarget, variableSymbolOf } from './writes.js';
import { declaredTypeAt } from './declared-types.js';

/**
 * Where a value goes within its file: the member reads, destructurings, iterations and
 * truthiness tests that consume it, following the variables it is stored in. Anything else
 * (returned, passed on, put in an object) is an escape: the code there is not followed.
 */
export type ValueUse =
  | { kind: 'member'; node: PropertyAccessExpression; name: string }
  | { kind: 'index'; node: ElementAccessExpression }
  /** `const { name } = value` / `const { name: local } = value`; `name` is the property read. */
  | { kind: 'binding'; node: BindingElement; name: string }
  /** `const [first] = value`. */
  | { kind: 'element'; node: BindingElement }
  /** `for (const x of value)`. */
  | { kind: 'iteration'; node: VariableDeclaration }
  | { kind: 'test'; node: Node }
  | { kind: 'escape'; node: Node };

/** The uses of what a call resolves to: awaited, or handed to `.then(value => ...)`; a discarded one has none. */
export function awaitedUsesOf(call: Node): ValueUse[] {
  const holder = climbTransparent(call);
  const slot = promiseAllSlot(holder);
  if (slot) return slot.element ? usesOfDeclaration(slot.element) : [];
  const parent = holder.getParent();
  if (Node.isAwaitExpression(parent)) return usesOf(parent);
  if (Node.isPropertyAccessExpression(parent) && parent.getName() === 'then') {
    const then = parent.getParent();
    const callback = Node.isCallExpression(then) && then.getExpression() === parent ? then.getArguments()[0] : undefined;
    const [parameter] = callback && (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) ? callback.getParameters() : [];
    if (parameter) return usesOfDeclaration(parameter);
  }
  if (Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return [];
  return [{ kind: 'escape', node: holder }];
}

/**
 * `const [tools, accounts] = await Promise.all([composio.tools.get(...), composio.connectedAccounts.list(...)])`: the
 * element of the array pattern at the call's index receives what the call resolves to (none: the value is dropped).
 * undefined when the call is not an element of an awaited Promise.all destructured so.
 */
export function promiseAllSlot(holder: Node): { element?: BindingElement } | undefined {
  const array = holder.getParent();
  if (!Node.isArrayLiteralExpression(array)) return undefined;
  const elements = array.getElements();
  const index = elements.indexOf(holder as (typeof elements)[number]);
  if (index < 0 || elements.slice(0, index).some((element) => Node.isSpreadElement(element))) return undefined;
  const all = climbTransparent(array).getParent();
  if (!Node.isCallExpression(all) || all.getExpression().getText() !== 'Promise.all' || all.getArguments()[0] !== climbTransparent(array)) return undefined;
  const awaited = climbTransparent(all).getParent();
  if (!Node.isAwaitExpression(awaited)) return undefined;
  const declaration = climbTransparent(awaited).getParent();
  if (!Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== climbTransparent(awaited)) return undefined;
  const pattern = declaration.getNameNode();
  if (!Node.isArrayBindingPattern(pattern)) return undefined;
  const slots = pattern.getElements();
  if (slots.slice(0, index + 1).some((slot) => Node.isBindingElement(slot) && slot.getDotDotDotToken())) return undefined;
  const slot = slots[index];
  return { element: slot && Node.isBindingElement(slot) ? slot : undefined };
}

/** The uses of the value of an expression. */
export function usesOf(expression: Node): ValueUse[] {
  // `value as MyTool[]`: from there on the code works with its own type, not followed (as for a declared variable)
  const cast = castToDeclaredType(expression);
  if (cast) return [{ kind: 'escape', node: cast }];
  const node = climbTransparent(expression);
  const parent = node.getParent();
  if (!parent) return [];
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === node) return [{ kind: 'member', node: parent, name: parent.getName() }];
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === node) return [{ kind: 'index', node: parent }];
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === node) return usesOfDeclaration(parent);
  if (Node.isForOfStatement(parent) && parent.getExpression() === node) {
    const list = parent.getInitializer();
    const declaration = Node.isVariableDeclarationList(list) ? list.getDeclarations()[0] : undefined;
    return declaration ? [{ kind: 'iteration', node: declaration }] : [{ kind: 'escape', node }];
  }
  if (Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return [];
  if (isTest(node, parent)) return [{ kind: 'test', node }];
  // `cond ? null : value`, `value ?? fallback`: the whole expression may hold the value
  if (Node.isConditionalExpression(parent) && parent.getCondition() !== node) return usesOf(parent);
  if (Node.isBinaryExpression(parent) && [SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken].includes(parent.compilerNode.operatorToken.kind)) return usesOf(parent);
  if (Node.isBinaryExpression(parent) && parent.compilerNode.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken && parent.getRight() === node) return usesOf(parent);
  return [{ kind: 'escape', node }];
}

/** The uses of what a variable, a parameter or a binding element holding one value stores. */
export function usesOfDeclaration(declaration: VariableDeclaration | BindingElement | ParameterDeclaration): ValueUse[] {
  // a type of the code's own (`const accounts: MyConnection[] = ...`, `(a: ConnectedAccount) => ...`): what the code does
  // with the value is written against that type, not followed (the escape is reported, with the type, where it is declared)
  if (declaredTypeAt(declaration) !== undefined) return [{ kind: 'escape', node: declaration }];
  const name = declaration.getNameNode();
  if (Node.isIdentifier(name)) {
    // written again: the escape is the declared name itself (isWrittenAgainEscape)
    if (!isFollowable(declaration, name)) return [{ kind: 'escape', node: name }];
    return referencesOf(name).flatMap((reference) => usesOf(reference));
  }
  if (Node.isObjectBindingPattern(name)) {
    return name.getElements().map((element): ValueUse => {
      if (element.getDotDotDotToken()) return { kind: 'escape', node: element };
      const property = element.getPropertyNameNode();
      return { kind: 'binding', node: element, name: property ? propertyNameText(property) : element.getName() };
    });
  }
  if (Node.isArrayBindingPattern(name)) {
    return name
      .getElements()
      .filter((element): element is BindingElement => Node.isBindingElement(element))
      .map((element): ValueUse => (element.getDotDotDotToken() ? { kind: 'escape', node: element } : { kind: 'element', node: element }));
  }
  return [];
}

/** Every identifier of the file bound to the same symbol as a declared name, the declaration left out. */
export function referencesOf(name: Identifier): Identifier[] {
  const symbol = symbolOf(name);
  if (!symbol) return [];
  return identifiersNamedWithin(symbolScope(name.getSourceFile(), symbol), name.getText()).filter((id) => {
    // `{ accounts }` counts: readsSymbol reads its value symbol
    return id !== name && !isMemberName(id) && readsSymbol(id, symbol);
  });
}

/** Parentheses, `!`, `as`, `satisfies`: they do not change the value. */
/** The cast to a type of the code's own (`as MyTool[]`; not `as any`, `as unknown`, `as const`) wrapping the expression, if any. */
function castToDeclaredType(expression: Node): Node | undefined {
  for (let current = expression, parent = current.getParent(); parent && parent !== current; current = parent, parent = current.getParent()) {
    if (Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent) || Node.isTypeAssertion(parent)) {
      if (declaredTypeAt(parent) !== undefined) return parent;
    } else if (!Node.isParenthesizedExpression(parent) && !Node.isNonNullExpression(parent)) {
      return undefined;
    }
  }
  return undefined;
}

export function climbTransparent(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = current.getParent();
    if (
      parent &&
      (Node.isParenthesizedExpression(parent) || Node.isNonNullExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent) || Node.isTypeAssertion(parent))
    ) {
      current = parent;
    } else {
      return current;
    }
  }
}

/** Whether an escape is the one usesOfDeclaration reports for a variable written again: its declared name. */
export function isWrittenAgainEscape(node: Node): boolean {
  const parent = node.getParent();
  return Node.isIdentifier(node) && (Node.isVariableDeclaration(parent) || Node.isBindingElement(parent) || Node.isParameterDeclaration(parent)) && parent.getNameNode() === node;
}

/**
 * A `const`, or a variable never written again (no assignment of any operator, `++`/`--`, loop
 * variable or destructuring assignment names it): what it holds is what it was initialized with.
 */
export function isFollowable(declaration: VariableDeclaration | BindingElement | ParameterDeclaration, name: Identifier): boolean {
  let root: Node = declaration;
  while (Node.isBindingElement(root) || Node.isObjectBindingPattern(root) || Node.isArrayBindingPattern(root)) root = root.getParentOrThrow();
  if (Node.isVariableDeclaration(root) && root.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const) return true;
  const symbol = symbolOf(name);
  return !identifiersNamed(name.getSourceFile(), name.getText()).some((id) => id !== name && isWriteTarget(id) && variableSymbolOf(id) === symbol);
}

/** `if (value)`, `!value`, `value && ...`, `value === undefined`: the value is only tested. */
function isTest(node: Node, parent: Node): boolean {
  if (Node.isPrefixUnaryExpression(parent) && parent.getOperatorToken() === SyntaxKind.ExclamationToken) return true;
  if ((Node.isIfStatement(parent) || Node.isWhileStatement(parent) || Node.isDoStatement(parent)) && parent.getExpression() === node) return true;
  if (Node.isConditionalExpression(parent) && parent.getCondition() === node) return true;
  if (Node.isBinaryExpression(parent)) {
    const operator = parent.compilerNode.operatorToken.kind;
    if ((operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.BarBarToken) && parent.getLeft() === node) return true;
    const equality = [SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken];
    if (equality.includes(operator)) {
      const other = parent.getLeft() === node ? parent.getRight() : parent.getLeft();
      return other.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(other) && other.getText() === 'undefined');
    }
  }
  return false;
}

function isMemberName(id: Identifier): boolean {
  const parent = id.getParent();
  return (
    (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) ||
    (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) ||
    (Node.isBindingElement(parent) && parent.getPropertyNameNode() === id)
  );
}

function propertyNameText(name: Node): string {
  return Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) ? name.getLiteralValue() : name.getText();
}
