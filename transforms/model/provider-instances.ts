import { Node, SyntaxKind, ts, type CallExpression, type Identifier, type SourceFile } from '../../src/ts-morph.js';
import type { Mappings } from '../../src/mappings/load.js';
import { COMPOSIO_CORE, declarationsOf, moduleOfCall, unwrap, type ComposioBindings } from './composio-bindings.js';
import { PROVIDER_CLASSES } from './providers.js';
import { descendantsOfKindWhere, identifiersNamed } from './identifiers.js';
import { isBoundTo, symbolOf, valueSymbolOf } from './scopes.js';

/**
 * What a Composio provider is in the code: the framework packages (`@composio/vercel`...), the
 * provider classes they and `@composio/core` export, the instances of those classes (a variable,
 * a field, a parameter typed with one, or `composio.provider`), and the calls on an instance
 * that run a model's tool calls. Reading only: nothing here edits.
 */

/** The helpers of non-agentic providers that execute a model's tool calls through Composio. */
export const TOOL_CALL_HELPERS = new Set(['handleToolCalls', 'executeToolCall', 'handleAssistantMessage', 'waitAndHandleAssistantToolCalls', 'handleResponse']);

/** The provider packages, from the packages table: the ones its `provider-package` rule removes. */
export function providerPackages(mappings: Mappings): Set<string> {
  return new Set(Object.entries(mappings.packages).filter(([, entry]) => entry.rule === 'provider-package').map(([name]) => name));
}

/** The module a provider import or require names, if it is a provider package. */
export function isProviderModule(specifier: string | undefined, mappings: Mappings): boolean {
  return specifier !== undefined && providerPackages(mappings).has(specifier);
}

/** Whether a node names a provider class: imported (or required) from a provider package or `@composio/core`, or `ns.OpenAIProvider`. */
export function isProviderClass(node: Node, mappings: Mappings): boolean {
  const target = unwrap(node);
  const fromProviderModule = (specifier: string | undefined) => specifier === COMPOSIO_CORE || isProviderModule(specifier, mappings);
  if (Node.isIdentifier(target)) {
    return declarationsOf(target).some((d) => {
      if (Node.isImportSpecifier(d)) return PROVIDER_CLASSES.has(d.getNameNode().getText()) && fromProviderModule(d.getImportDeclaration().getModuleSpecifierValue());
      if (Node.isBindingElement(d)) {
        const variable = d.getParent()?.getParent();
        const imported = d.getPropertyNameNode()?.getText() ?? d.getName();
        return PROVIDER_CLASSES.has(imported) && Node.isVariableDeclaration(variable) && fromProviderModule(requiredModule(variable.getInitializer()));
      }
      return false;
    });
  }
  if (Node.isPropertyAccessExpression(target) || Node.isQualifiedName(target)) {
    const [left, name] = Node.isPropertyAccessExpression(target) ? [target.getExpression(), target.getName()] : [target.getLeft(), target.getRight().getText()];
    return PROVIDER_CLASSES.has(name) && fromProviderModule(namespaceModule(left));
  }
  return false;
}

/** The module a namespace import, `require(...)` or `await import(...)` (or a variable holding one) stands for. */
export function namespaceModule(node: Node): string | undefined {
  const target = unwrap(node);
  const direct = requiredModule(target);
  if (direct !== undefined) return direct;
  if (!Node.isIdentifier(target)) return undefined;
  for (const d of declarationsOf(target)) {
    if (Node.isNamespaceImport(d)) return d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
    if (Node.isVariableDeclaration(d)) return requiredModule(d.getInitializer());
  }
  return undefined;
}

function requiredModule(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const target = unwrap(node);
  return Node.isCallExpression(target) ? moduleOfCall(target) : undefined;
}

/**
 * Whether an expression holds a provider instance: `new OpenAIProvider()`, `composio.provider`,
 * or a variable, parameter or field initialized with one or typed with a provider class.
 */
export function isProviderInstance(expression: Node, bindings: ComposioBindings, mappings: Mappings, depth = 0): boolean {
  if (depth > 5) return false;
  const node = unwrap(expression);
  if (Node.isNewExpression(node)) return isProviderClass(node.getExpression(), mappings);
  if (isClientProvider(node, bindings)) return true;
  const name = Node.isIdentifier(node) ? node : Node.isPropertyAccessExpression(node) && Node.isThisExpression(node.getExpression()) ? node.getNameNode() : undefined;
  if (!name) return false;
  return declarationsOf(name).some((d) => {
    if (!(Node.isVariableDeclaration(d) || Node.isParameterDeclaration(d) || Node.isPropertyDeclaration(d))) return false;
    const type = d.getTypeNode();
    if (type && Node.isTypeReference(type) && isProviderClass(type.getTypeName(), mappings)) return true;
    const init = d.getInitializer();
    return init !== undefined && isProviderInstance(init, bindings, mappings, depth + 1);
  });
}

/** `composio.provider`: the provider a client was built with. */
export function isClientProvider(node: Node, bindings: ComposioBindings): boolean {
  return Node.isPropertyAccessExpression(node) && node.getName() === 'provider' && bindings.isClient(node.getExpression());
}

/** A call of a tool-call helper on a provider instance: `provider.handleToolCalls(userId, completion)`. */
export function providerHelperCalls(file: SourceFile, bindings: ComposioBindings, mappings: Mappings): CallExpression[] {
  const helperCallee = (node: ts.Node) => {
    const callee = (node as ts.CallExpression).expression;
    return ts.isPropertyAccessExpression(callee) && TOOL_CALL_HELPERS.has(callee.name.text);
  };
  return descendantsOfKindWhere(file, SyntaxKind.CallExpression, helperCallee).filter((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && TOOL_CALL_HELPERS.has(callee.getName()) && isProviderInstance(callee.getExpression(), bindings, mappings);
  });
}

/** A superset of the calls moduleOfCall reads: `require(...)` and `import(...)` (on the compiler node, before wrapping). */
export function isRequireOrImportCall(node: ts.Node): boolean {
  const callee = (node as ts.CallExpression).expression;
  return callee.kind === SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}

/** Every identifier bound to the same symbol as a declared name (shorthand `{ name }` included), the declaration left out. */
export function referencesOf(name: Identifier): Identifier[] {
  const symbol = symbolOf(name);
  if (!symbol) return [];
  return identifiersNamed(name.getSourceFile(), name.getText())
    .filter((id) => {
      if (id === name || id.getText() !== name.getText()) return false;
      const parent = id.getParent();
      if (Node.isShorthandPropertyAssignment(parent)) return valueSymbolOf(parent) === symbol;
      if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
      if ((Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === id) return false;
      if (Node.isBindingElement(parent) && parent.getPropertyNameNode() === id) return false;
      return isBoundTo(id, symbol);
    });
}
