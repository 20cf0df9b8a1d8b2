import { Node, SyntaxKind, type TypeNode } from '../../src/ts-morph.js';
import { declarationsOf } from './composio-bindings.js';

/**
 * The type the code declares for the place a value goes, when it wrote one: the variable it initializes
 * (`const accounts: MyConnection[] = list.items`), the parameter it is passed to (`logRun(result)` with
 * `logRun(result: ToolRun)`), the function it is returned from (`Promise<ConnectedAccountDeleteResult>`), a callback
 * parameter (`(a: ConnectedAccount) => ...`), or, for a property of an object literal, the object's place. A
 * migrated Composio result there no longer has the type the code modelled it on; `any` and `unknown` accept it. A
 * cast (`value as MyTool[]`) is a declared type of its own.
 */
export function declaredTypeAt(value: Node): string | undefined {
  if (Node.isAsExpression(value) || Node.isSatisfiesExpression(value) || Node.isTypeAssertion(value)) return typeText(value.getTypeNode());
  if (Node.isVariableDeclaration(value) || Node.isParameterDeclaration(value)) return typeText(value.getTypeNode());
  if (Node.isBindingElement(value)) {
    let root: Node | undefined = value;
    while (root && (Node.isBindingElement(root) || Node.isObjectBindingPattern(root) || Node.isArrayBindingPattern(root))) root = root.getParent();
    return root && (Node.isVariableDeclaration(root) || Node.isParameterDeclaration(root)) ? typeText(root.getTypeNode()) : undefined;
  }
  const node = climb(value);
  const parent = node.getParent();
  if (!parent) return undefined;
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === node) return typeText(parent.getTypeNode());
  if ((Node.isCallExpression(parent) || Node.isNewExpression(parent)) && (parent.getArguments() as Node[]).includes(node)) {
    return parameterType(parent.getExpression(), (parent.getArguments() as Node[]).indexOf(node));
  }
  if (Node.isReturnStatement(parent)) {
    const fn = parent.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a));
    return fn ? returnType(fn) : undefined;
  }
  if (Node.isArrowFunction(parent) && parent.getBody() === node) return returnType(parent);
  if ((Node.isPropertyAssignment(parent) && parent.getInitializer() === node) || Node.isShorthandPropertyAssignment(parent)) {
    const object = parent.getParent();
    return object && Node.isObjectLiteralExpression(object) ? declaredTypeAt(object) : undefined;
  }
  if (Node.isAwaitExpression(parent)) return declaredTypeAt(parent);
  return undefined;
}

function climb(node: Node): Node {
  let current = node;
  for (let parent = current.getParent(); parent && (Node.isParenthesizedExpression(parent) || Node.isNonNullExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent)); parent = current.getParent()) {
    // a cast is a declared type of its own: `value as MyType`
    if (Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent)) return current;
    current = parent;
  }
  return current;
}

function typeText(type: TypeNode | undefined): string | undefined {
  if (!type) return undefined;
  const text = type.getText().replace(/\s+/g, ' ');
  return /^(any|unknown|void|never|const)$/.test(text) ? undefined : text;
}

/** A function's declared return type, out of its Promise (`Promise<T>` → `T`). */
function returnType(fn: Node): string | undefined {
  if (!(Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  const type = fn.getReturnTypeNode();
  if (!type) return undefined;
  if (Node.isTypeReference(type) && type.getTypeName().getText() === 'Promise') return typeText(type.getTypeArguments()[0]);
  return typeText(type);
}

/** The declared type of the `index`th parameter of a function the file declares (`f(x)`, `this.f(x)`). */
function parameterType(callee: Node, index: number): string | undefined {
  let fn: Node | undefined;
  if (Node.isIdentifier(callee)) {
    const declaration = declarationsOf(callee).find((d) => Node.isFunctionDeclaration(d) || Node.isVariableDeclaration(d));
    fn = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : declaration;
  } else if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword) {
    const cls = callee.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
    fn = cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls)) ? cls.getMethod(callee.getName()) : undefined;
  }
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  const parameter = fn.getParameters()[index];
  return parameter && !parameter.getDotDotDotToken() ? typeText(parameter.getTypeNode()) : undefined;
}
