import { Node, SyntaxKind, type CallExpression, type Expression, type SourceFile, type Statement } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { insertLinesBefore } from '../src/primitives/statements.js';
import { propertyName } from '../src/primitives/object-literal.js';
import { bindingsFor } from './model/analyze-exports.js';
import { resolveAuthConfig } from './model/auth-configs.js';
import { property, replaceAfterClient } from './model/call-site.js';
import { quoted, styleFor } from './model/code-style.js';
import { clientCalls } from './model/composio-bindings.js';
import { connectionNameText, namesUnwritable, writtenName } from './model/name-expressions.js';
import { connectorOf, resolveToolkit } from './model/names.js';
import { awaitedUsesOf, climbTransparent } from './model/value-uses.js';

/**
 * const req = await composio.toolkits.authorize(userId, 'github');
 * const req = await composio.connectedAccounts.initiate(userId, process.env.GITHUB_AUTH_CONFIG_ID!, { callbackUrl });
 *   → await composio.actions.getOrCreateConnectedAccount({ connectionName: 'github', identifier: userId });
 *     const req = await composio.actions.getAuthorizationLink({ connectionName: 'github', identifier: userId });
 *     (`req.redirectUrl` → `req.link`)
 *
 * Where no line can go before the call (an arrow's body, one branch of a condition), the two
 * calls are chained: `getOrCreateConnectedAccount(...).then(() => getAuthorizationLink(...))`.
 * An auth config id is resolved to its toolkit (mappings, or the variable's name); one that
 * cannot be is kept and reported. callbackUrl, user-supplied credentials, the request's id,
 * status and waitForConnection have no Scalekit equivalent and are reported.
 */
const transform: SourceTransform = {
  id: 'authorize-to-authorization-link',
  description: 'toolkits.authorize / connectedAccounts.initiate / link → actions.getOrCreateConnectedAccount + actions.getAuthorizationLink',
  // toolkits.authorize, connectedAccounts.initiate, connectedAccounts.link
  precondition: /\b(authorize|initiate|link)\b/,
  apply(file, ctx) {
    for (const { call, client, path } of clientCalls(file, bindingsFor(file, ctx))) {
      const member = path.join('.');
      if (member === 'toolkits.authorize') migrateAuthorize(call, client, file, ctx);
      else if (member === 'connectedAccounts.initiate' || member === 'connectedAccounts.link') migrateInitiate(call, client, file, ctx);
    }
  },
};

export default transform;

/** `toolkits.authorize(userId, toolkit, authConfigId?)`: the toolkit names the connection. */
function migrateAuthorize(call: CallExpression, client: Expression, file: SourceFile, ctx: SourceFileContext): void {
  const [userId, toolkit, authConfigId, requestOptions] = call.getArguments();
  if (!userId || !toolkit) return;
  if (namesUnwritable(call, [[toolkit, 'toolkit']], ctx)) return;
  const connection = Node.isStringLiteral(toolkit) || Node.isNoSubstitutionTemplateLiteral(toolkit)
    ? quoted(writtenName(toolkit.getLiteralValue(), 'toolkit', ctx.mappings), styleFor(file, ctx.state))
    : connectionNameText(toolkit, file, ctx);
  if (!rewrite(call, client, connection, isSimple(toolkit), userId, file, ctx)) return;
  if (authConfigId) ctx.reportAt('authorization-option-dropped', authConfigId, '(authConfigId: Scalekit picks the connection by name)');
  if (requestOptions) ctx.reportAt('authorization-option-dropped', requestOptions, '(request options)');
}

/** `connectedAccounts.initiate|link(userId, authConfigId, options?)`: the auth config names the connection. */
function migrateInitiate(call: CallExpression, client: Expression, file: SourceFile, ctx: SourceFileContext): void {
  const [userId, authConfigId, options, requestOptions] = call.getArguments();
  if (!userId || !authConfigId) return;
  const resolved = resolveAuthConfig(authConfigId, ctx.mappings);
  if (!resolved) {
    ctx.reportAt('auth-config-unresolved', call, `(${authConfigId.getText()})`);
    return;
  }
  if (!resolveToolkit(resolved.toolkit, ctx.mappings).ok) {
    ctx.reportAt('connector-not-in-catalog', call, `(${resolved.toolkit}, from ${resolved.via}: no Scalekit connector '${connectorOf(resolved.toolkit, ctx.mappings)}')`);
    return;
  }
  const connection = quoted(writtenName(resolved.toolkit, 'toolkit', ctx.mappings), styleFor(file, ctx.state));
  if (!rewrite(call, client, connection, true, userId, file, ctx)) return;
  ctx.reportAt('auth-config-resolved', authConfigId, `(${resolved.via} → ${resolved.toolkit})`);
  if (options) reportOptions(call, options, ctx);
  if (requestOptions) ctx.reportAt('authorization-option-dropped', requestOptions, '(request options)');
}

/**
 * Writes the two Scalekit calls and follows the result. Reported options are reported on the
 * call itself, after the rewrite, so their TODO lands above the statement and not inside the
 * text that was replaced.
 */
function rewrite(call: CallExpression, client: Expression, connection: string, connectionIsSimple: boolean, userId: Node, file: SourceFile, ctx: SourceFileContext): boolean {
  const style = styleFor(file, ctx.state);
  const semi = style.semicolons ? ';' : '';
  const clientText = client.getText();
  const args = `{ ${property('connectionName', connection)}, ${property('identifier', userId.getText())} }`;
  const statement = connectionIsSimple && isSimple(userId) ? statementForLineBefore(call) : undefined;
  // a client reached through `await` can only be written again inside an async callback
  const async = /\bawait\b/.test(clientText) ? 'async ' : '';
  let done: boolean;
  if (statement) {
    done = replaceAfterClient(call, client, `actions.getAuthorizationLink(${args})`, ctx);
    if (done) insertLinesBefore(statement, [`await ${clientText}.actions.getOrCreateConnectedAccount(${args})${semi}`], ctx.edits);
  } else if (connectionIsSimple && isSimple(userId)) {
    done = replaceAfterClient(call, client, `actions.getOrCreateConnectedAccount(${args}).then(${async}() => ${clientText}.actions.getAuthorizationLink(${args}))`, ctx);
  } else {
    // the user id (or toolkit) is computed: evaluate it once, and ask the link for the account just created
    done = replaceAfterClient(
      call,
      client,
      `actions.getOrCreateConnectedAccount(${args}).then(${async}({ connectedAccount }) => ${clientText}.actions.getAuthorizationLink({ connectedAccountId: connectedAccount?.id }))`,
      ctx,
    );
  }
  if (done) followRequest(call, ctx);
  return done;
}

function reportOptions(call: CallExpression, options: Node, ctx: SourceFileContext): void {
  if (!Node.isObjectLiteralExpression(options)) {
    ctx.reportAt('authorization-option-dropped', options, `(${options.getText()} was not read: check it for callbackUrl and config)`);
    return;
  }
  for (const option of options.getProperties()) {
    const name = propertyName(option);
    if (name === 'callbackUrl') {
      // the URL is named in the finding, since the migrated call no longer holds it
      const value = Node.isPropertyAssignment(option) ? option.getInitializerOrThrow().getText() : 'callbackUrl';
      ctx.reportAt('authorization-callback-url', call, `(callbackUrl: ${value.length > 120 ? `${value.slice(0, 117)}...` : value})`);
    } else if (name === 'config') {
      const value = Node.isPropertyAssignment(option) ? option.getInitializer() : undefined;
      const scheme = value && Node.isCallExpression(value) ? value.getExpression().getText() : 'config';
      ctx.reportAt('authorization-user-credentials', call, `(${scheme})`);
    } else {
      ctx.reportAt('authorization-option-dropped', option, name ? `(${name})` : undefined);
    }
  }
}

/** What the code reads of Composio's ConnectionRequest: `redirectUrl` becomes `link`; the rest is reported. */
export function followRequest(call: CallExpression, ctx: SourceFileContext): void {
  for (const use of awaitedUsesOf(call)) {
    if (use.kind === 'member') {
      const name = use.node.getNameNode();
      if (use.name === 'redirectUrl') ctx.edits.add(name.getStart(), name.getEnd(), 'link');
      else if (use.name === 'waitForConnection' || use.name === 'waitUntilActive') ctx.reportAt('wait-for-connection', use.node.getParent() ?? use.node);
      else ctx.reportAt('connection-request-field', name, `(${use.name})`);
    } else if (use.kind === 'binding') {
      const key = use.node.getPropertyNameNode();
      if (use.name !== 'redirectUrl') ctx.reportAt(use.name === 'waitForConnection' || use.name === 'waitUntilActive' ? 'wait-for-connection' : 'connection-request-field', use.node, `(${use.name})`);
      else if (key) ctx.edits.add(key.getStart(), key.getEnd(), 'link');
      else ctx.edits.add(use.node.getNameNode().getStart(), use.node.getNameNode().getEnd(), `link: ${use.node.getName()}`);
    } else if (use.kind !== 'test') {
      ctx.reportAt('connection-request-shape', use.node);
    }
  }
}

/**
 * The statement a line can go before so that `await getOrCreateConnectedAccount(...)` runs
 * exactly when the call did: the call is evaluated whenever its statement is (not in a
 * callback, one branch of a condition, or an optional chain), the statement stands on its own
 * line in a block, and an `await` is allowed there.
 */
export function statementForLineBefore(call: CallExpression): Statement | undefined {
  let node: Node = call;
  let parent = node.getParent();
  while (parent && !Node.isStatement(parent)) {
    if (Node.isFunctionLikeDeclaration(parent) || Node.isArrowFunction(parent) || Node.isFunctionExpression(parent) || Node.isClassExpression(parent)) return undefined;
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== node) return undefined;
    if (Node.isBinaryExpression(parent) && parent.getRight() === node && SHORT_CIRCUIT.has(parent.compilerNode.operatorToken.kind)) return undefined;
    if ((Node.isCallExpression(parent) || Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && isInOptionalChain(parent) && parent.getExpression() !== node) return undefined;
    node = parent;
    parent = node.getParent();
  }
  if (!parent) return undefined;
  const evaluatedFirst =
    Node.isVariableStatement(parent) ||
    Node.isExpressionStatement(parent) ||
    Node.isReturnStatement(parent) ||
    Node.isThrowStatement(parent) ||
    ((Node.isIfStatement(parent) || Node.isSwitchStatement(parent)) && parent.getExpression() === node);
  if (!evaluatedFirst) return undefined;
  const container = parent.getParent();
  if (!(Node.isBlock(container) || Node.isSourceFile(container) || Node.isCaseClause(container) || Node.isDefaultClause(container) || Node.isModuleBlock(container))) return undefined;
  if (!startsItsLine(parent) || !awaitAllowed(call)) return undefined;
  return parent;
}

const SHORT_CIRCUIT = new Set([
  SyntaxKind.AmpersandAmpersandToken,
  SyntaxKind.BarBarToken,
  SyntaxKind.QuestionQuestionToken,
  SyntaxKind.AmpersandAmpersandEqualsToken,
  SyntaxKind.BarBarEqualsToken,
  SyntaxKind.QuestionQuestionEqualsToken,
]);

function isInOptionalChain(node: Node): boolean {
  for (let current: Node | undefined = node; current && (Node.isCallExpression(current) || Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current)); current = current.getExpression()) {
    if (current.hasQuestionDotToken()) return true;
  }
  return false;
}

/** Inside an async function, or at the top level of a module that already awaits the call. */
function awaitAllowed(call: CallExpression): boolean {
  const fn = call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a));
  if (fn) return (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) && fn.isAsync();
  return Node.isAwaitExpression(climbTransparent(call).getParent());
}

function startsItsLine(node: Node): boolean {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart() - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, node.getStart()));
}

/** An expression that can be written twice without running anything twice: names, members, literals. */
export function isSimple(node: Node): boolean {
  if (Node.isIdentifier(node) || Node.isThisExpression(node) || Node.isStringLiteral(node) || Node.isNumericLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return true;
  if (Node.isPropertyAccessExpression(node)) return isSimple(node.getExpression());
  if (Node.isElementAccessExpression(node)) {
    const argument = node.getArgumentExpression();
    return argument !== undefined && (Node.isStringLiteral(argument) || Node.isNumericLiteral(argument)) && isSimple(node.getExpression());
  }
  if (Node.isNonNullExpression(node) || Node.isParenthesizedExpression(node) || Node.isAsExpression(node)) return isSimple(node.getExpression());
  if (Node.isTemplateExpression(node)) return node.getTemplateSpans().every((span) => isSimple(span.getExpression()));
  return false;
}
