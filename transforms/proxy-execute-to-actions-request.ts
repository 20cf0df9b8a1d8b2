import { Node, SyntaxKind, VariableDeclarationKind, type CallExpression, type Expression, type ObjectLiteralElementLike, type ObjectLiteralExpression, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { ObjectLiteralEditor, propertyName } from '../src/primitives/object-literal.js';
import { bindingsFor } from './model/analyze-exports.js';
import { awaitedResultUses } from './model/awaited-result.js';
import { migrateCallOptions } from './model/call-options.js';
import { quoted, styleFor } from './model/code-style.js';
import { clientCalls, declarationsOf, matchClientCall, unwrap, type ComposioBindings } from './model/composio-bindings.js';
import { renameClientMembers } from './model/member-path.js';
import { connectionNameText, namesUnwritable, writtenName } from './model/name-expressions.js';
import { propertiesText, removeProperties } from './model/property-list.js';
import { isCertainlyAny } from './model/scopes.js';

/**
 * const { items } = await composio.connectedAccounts.list({ userIds: [userId], toolkitSlugs: ['github'] });
 * composio.tools.proxyExecute({ endpoint: '/user/repos', method: 'GET', connectedAccountId: items[0]!.id,
 *                               parameters: [{ in: 'query', name: 'per_page', value: 50 }] })
 *   → composio.actions.request({ connectionName: 'github', identifier: userId, path: '/user/repos', method: 'GET',
 *                                queryParams: { per_page: 50 } })
 *
 * Scalekit names the account by connection name and identifier where Composio took a connected
 * account id. Both are known when the id is read from an account this code fetched with its
 * user and toolkit written out (`connectedAccounts.list({ userIds: [u], toolkitSlugs: [t] })`,
 * `toolkits.authorize(u, t)`); otherwise the call is kept and reported with what to pass.
 */
const transform: SourceTransform = {
  id: 'proxy-execute-to-actions-request',
  description: 'composio.tools.proxyExecute({ endpoint, connectedAccountId, ... }) → actions.request({ connectionName, identifier, path, ... })',
  // tools.proxyExecute
  precondition: /\bproxyExecute\b/,
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    for (const { call, path } of clientCalls(file, bindings)) {
      if (path.join('.') === 'tools.proxyExecute') migrateProxy(call, file, ctx, bindings);
    }
  },
};

export default transform;

/** The user and toolkit of a connected account, as expressions of the code that fetched it. */
interface Account {
  user: Node;
  toolkit: Node;
}

function migrateProxy(call: CallExpression, file: SourceFile, ctx: SourceFileContext, bindings: ComposioBindings): void {
  const [params, options] = call.getArguments();
  if (!params) return;
  const editor = Node.isObjectLiteralExpression(params) && isReadable(params) ? new ObjectLiteralEditor(params, ctx.edits) : undefined;
  const accountId = editor?.property('connectedAccountId');
  const account = accountId ? accountOfId(valueOf(accountId), bindings, 0) : undefined;
  if (!editor || !account || !visibleAt(account.user, call) || !visibleAt(account.toolkit, call)) {
    const endpoint = editor?.property('endpoint');
    ctx.reportAt('tools-proxy-connection-unknown', call, endpoint ? `(path: ${valueOf(endpoint).getText()})` : undefined);
    return;
  }

  if (namesUnwritable(call, [[account.toolkit, 'toolkit']], ctx)) return;
  renameClientMembers(call, ['actions', 'request'], ctx.edits);
  editor.insert(0, `connectionName: ${connectionText(account.toolkit, file, ctx)}`);
  editor.insert(0, `identifier: ${account.user.getText()}`);
  const removed: ObjectLiteralElementLike[] = [];
  for (const property of (params as ObjectLiteralExpression).getProperties()) {
    const name = propertyName(property)!;
    if (name === 'endpoint') {
      editor.renameKey(property, 'path');
      const value = unwrap(valueOf(property));
      const absolute = (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) && /^https?:\/\//i.test(value.getLiteralValue());
      ctx.reportAt(absolute ? 'tools-proxy-absolute-url' : 'tools-proxy-base-url', property);
    } else if (name === 'parameters') {
      if (!migrateParameters(property, file, ctx)) removed.push(property);
    } else if (name === 'connectedAccountId') {
      ctx.reportAt('tools-connected-account-id', property);
      removed.push(property);
    } else if (name === 'customConnectionData') {
      ctx.reportAt('tools-custom-auth', property, `(${name})`);
    }
  }
  removeProperties(params as ObjectLiteralExpression, removed, ctx.edits);
  migrateCallOptions(options, call, ctx, false);
  migrateResult(call, ctx);
}

/** The fields Composio's ToolProxyParams has, each a plain `key: value` or `key`. */
const PROXY_FIELDS = new Set(['endpoint', 'method', 'body', 'parameters', 'connectedAccountId', 'customConnectionData']);

function isReadable(params: ObjectLiteralExpression): boolean {
  return params.getProperties().every((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && PROXY_FIELDS.has(propertyName(p) ?? ''));
}

function valueOf(property: ObjectLiteralElementLike): Node {
  if (Node.isPropertyAssignment(property)) return property.getInitializerOrThrow();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return property;
}

/** The toolkit as a Scalekit connection name; a literal of another call is read, not edited (that call is another transform's). */
function connectionText(toolkit: Node, file: SourceFile, ctx: SourceFileContext): string {
  if (Node.isStringLiteral(toolkit) || Node.isNoSubstitutionTemplateLiteral(toolkit)) {
    return quoted(writtenName(toolkit.getLiteralValue(), 'toolkit', ctx.mappings), styleFor(file, ctx.state));
  }
  return connectionNameText(toolkit, file, ctx);
}

/**
 * `parameters: [{ in: 'query', name: 'per_page', value: 50 }, { in: 'header', name: 'X-Trace', value: id }]`
 *   → `queryParams: { per_page: 50 }, headers: { 'X-Trace': String(id) }` (Scalekit headers are strings).
 * Returns false when nothing takes the property's place (an empty list), so that it is removed.
 */
function migrateParameters(property: ObjectLiteralElementLike, file: SourceFile, ctx: SourceFileContext): boolean {
  const style = styleFor(file, ctx.state);
  const list = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  const query: string[] = [];
  const headers: string[] = [];
  const readable =
    list !== undefined &&
    Node.isArrayLiteralExpression(list) &&
    list.getElements().every((element) => {
      if (!Node.isObjectLiteralExpression(element)) return false;
      const field = (name: string) => {
        const p = element.getProperty(name);
        return Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
      };
      const [where, name, value] = [field('in'), field('name'), field('value')];
      if (!where || !name || !value || element.getProperties().length !== 3 || !Node.isStringLiteral(where)) return false;
      const key = Node.isStringLiteral(name) ? keyText(name.getLiteralValue(), style) : `[${name.getText()}]`;
      if (where.getLiteralValue() === 'query') query.push(`${key}: ${value.getText()}`);
      else if (where.getLiteralValue() === 'header') headers.push(`${key}: ${isString(value) ? value.getText() : `String(${value.getText()})`}`);
      else return false;
      return true;
    });
  if (!readable) {
    ctx.reportAt('tools-proxy-parameters-not-literal', property);
    return true;
  }
  const fields = [query.length > 0 ? `queryParams: { ${query.join(', ')} }` : '', headers.length > 0 ? `headers: { ${headers.join(', ')} }` : ''].filter(Boolean);
  if (fields.length === 0) return false;
  ctx.edits.add(property.getStart(), property.getEnd(), propertiesText(property.getParent() as ObjectLiteralExpression, property, fields));
  return true;
}

function isString(value: Node): boolean {
  if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return true;
  if (isCertainlyAny(value)) return false; // the type checker is built only where the type could be a string
  const type = value.getType();
  return type.isString() || type.isStringLiteral();
}

function keyText(name: string, style: ReturnType<typeof styleFor>): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoted(name, style);
}

/** Composio's ToolProxyResponse is `{ status, data?, headers?, binary_data? }`; Scalekit returns an axios response and throws outside 2xx. */
function migrateResult(call: CallExpression, ctx: SourceFileContext): void {
  for (const use of awaitedResultUses(call)) {
    const name = use.kind === 'passed-on' ? undefined : use.name;
    const node = use.kind === 'read' ? use.access : use.kind === 'binding' ? use.element : use.node;
    if (name === 'binary_data') ctx.reportAt('tools-proxy-binary-data', node);
    else if (name === 'status' && (use.kind === 'binding' || isStatusCheck(node))) ctx.reportAt('tools-proxy-status', node);
  }
}

const COMPARISONS = new Set([
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.LessThanToken,
  SyntaxKind.LessThanEqualsToken,
  SyntaxKind.GreaterThanToken,
  SyntaxKind.GreaterThanEqualsToken,
]);

/** `res.status !== 200`, `res.status >= 400`, `if (res.status)`: checks that a throwing call never reaches with an error status. */
function isStatusCheck(read: Node): boolean {
  const parent = read.getParent();
  if (Node.isBinaryExpression(parent)) return COMPARISONS.has(parent.compilerNode.operatorToken.kind);
  return (Node.isIfStatement(parent) && parent.getExpression() === read) || Node.isSwitchStatement(parent) || (Node.isPrefixUnaryExpression(parent) && parent.getOperatorToken() === SyntaxKind.ExclamationToken);
}

/** Where a connected account id comes from: `account.id`, `const id = account.id`, `const { id } = account`. */
function accountOfId(expression: Node, bindings: ComposioBindings, depth: number): Account | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(expression);
  if (Node.isPropertyAccessExpression(node) && node.getName() === 'id') return accountOf(node.getExpression(), bindings, depth + 1);
  const declaration = constDeclarationOf(node);
  if (Node.isVariableDeclaration(declaration)) return accountOfId(declaration.getInitializerOrThrow(), bindings, depth + 1);
  if (Node.isBindingElement(declaration) && Node.isObjectBindingPattern(declaration.getParent())) {
    const property = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
    const source = declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer();
    if (property === 'id' && source && declaration.getParent()?.getParent() === source.getParent()) return accountOf(source, bindings, depth + 1);
  }
  return undefined;
}

/** An account: `await composio.toolkits.authorize(u, t)`, or an item of a list of one user's accounts of one toolkit. */
function accountOf(expression: Node, bindings: ComposioBindings, depth: number): Account | undefined {
  if (depth > 6) return undefined;
  const node = unwrap(expression);
  if (Node.isCallExpression(node)) {
    const match = matchClientCall(node, bindings);
    if (match?.path.join('.') === 'toolkits.authorize') {
      const [user, toolkit] = node.getArguments();
      return user && toolkit ? { user, toolkit } : undefined;
    }
    // items.at(i), items.find(...)
    const callee = node.getExpression();
    if (Node.isPropertyAccessExpression(callee) && (callee.getName() === 'at' || callee.getName() === 'find')) return listOfItems(callee.getExpression(), bindings, depth + 1);
    return undefined;
  }
  if (Node.isElementAccessExpression(node)) return listOfItems(node.getExpression(), bindings, depth + 1);
  const declaration = constDeclarationOf(node);
  if (Node.isVariableDeclaration(declaration)) return accountOf(declaration.getInitializerOrThrow(), bindings, depth + 1);
  if (Node.isBindingElement(declaration) && Node.isArrayBindingPattern(declaration.getParent()) && !declaration.getDotDotDotToken()) {
    const source = declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer();
    return source ? listOfItems(source, bindings, depth + 1) : undefined;
  }
  return undefined;
}

/** `list.items`, or `items` destructured from a list, where the list is one user's accounts of one toolkit. */
function listOfItems(expression: Node, bindings: ComposioBindings, depth: number): Account | undefined {
  const node = unwrap(expression);
  if (Node.isPropertyAccessExpression(node) && node.getName() === 'items') return listOf(node.getExpression(), bindings, depth + 1);
  const declaration = constDeclarationOf(node);
  if (Node.isVariableDeclaration(declaration)) return listOfItems(declaration.getInitializerOrThrow(), bindings, depth + 1);
  if (Node.isBindingElement(declaration) && Node.isObjectBindingPattern(declaration.getParent())) {
    const property = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
    const source = declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer();
    if (property === 'items' && source) return listOf(source, bindings, depth + 1);
  }
  return undefined;
}

/** `await composio.connectedAccounts.list({ userIds: [u], toolkitSlugs: [t] })`, held in a `const` or not. */
function listOf(expression: Node, bindings: ComposioBindings, depth: number): Account | undefined {
  if (depth > 8) return undefined;
  const node = unwrap(expression);
  const declaration = constDeclarationOf(node);
  if (Node.isVariableDeclaration(declaration)) return listOf(declaration.getInitializerOrThrow(), bindings, depth + 1);
  if (!Node.isCallExpression(node) || matchClientCall(node, bindings)?.path.join('.') !== 'connectedAccounts.list') return undefined;
  const [query] = node.getArguments();
  if (!query || !Node.isObjectLiteralExpression(query)) return undefined;
  const single = (name: string): Node | undefined => {
    const property = query.getProperty(name);
    const value = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
    return value && Node.isArrayLiteralExpression(value) && value.getElements().length === 1 ? value.getElements()[0] : undefined;
  };
  const user = single('userIds');
  const toolkit = single('toolkitSlugs');
  return user && toolkit ? { user, toolkit } : undefined;
}

/** The `const` declaration (or destructured binding of one) an identifier reads, with an initializer. */
function constDeclarationOf(node: Node): Node | undefined {
  if (!Node.isIdentifier(node)) return undefined;
  const declaration = declarationsOf(node)[0];
  const variable = Node.isVariableDeclaration(declaration) ? declaration : declaration?.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  if (!variable || !variable.getInitializer() || variable.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  return Node.isVariableDeclaration(declaration) || Node.isBindingElement(declaration) ? declaration : undefined;
}

/**
 * Whether an expression written at the account's source means the same at the proxy call: a
 * literal, or a name (or `name.member`) bound to a parameter, import or `const` in scope there.
 */
function visibleAt(expression: Node, site: Node): boolean {
  const node = unwrap(expression) as Expression;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return true;
  if (Node.isPropertyAccessExpression(node)) return visibleAt(node.getExpression(), site);
  if (!Node.isIdentifier(node)) return false;
  const declaration = declarationsOf(node)[0];
  if (!declaration) return false;
  if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration)) return true;
  if (Node.isParameterDeclaration(declaration)) return isInside(site, declaration.getParentOrThrow());
  const variable = Node.isVariableDeclaration(declaration) ? declaration : declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  if (!variable || variable.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return false;
  const scope = variable.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a) || Node.isModuleBlock(a));
  return scope !== undefined && isInside(site, scope) && variable.getEnd() <= site.getStart();
}

function isInside(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}
