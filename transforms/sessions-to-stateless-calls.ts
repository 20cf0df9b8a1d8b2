import { Node, SyntaxKind, type BindingElement, type CallExpression, type Expression, type ObjectLiteralElementLike, type ObjectLiteralExpression, type PropertyAccessExpression, type SourceFile, type Statement, type VariableDeclaration, type VariableStatement } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { ObjectLiteralEditor, propertyName } from '../src/primitives/object-literal.js';
import { insertLinesBefore } from '../src/primitives/statements.js';
import { bindingsFor } from './model/analyze-exports.js';
import { quoted, styleFor, type CodeStyle } from './model/code-style.js';
import { clientCalls, type ClientCall } from './model/composio-bindings.js';
import { adapterFor, useAdapter } from './model/framework-adapters.js';
import { migrateToolInput } from './model/tool-input.js';
import { reportArrayUses } from './tools-get-to-list-scoped-tools.js';
import { connectionForToolText, connectionNameText, constantStrings, nameListText, namesUnwritable, toolNameText, writtenName } from './model/name-expressions.js';
import { configText, sessionConfig } from './model/mcp-configs.js';
import {
  destructuredRule,
  functionOf,
  isFunction,
  isSessionById,
  isSessionCreate,
  outermostWrapper,
  referencesOf,
  sessionUse,
  sessionVariable,
  unboundReason,
  whyNotRepeatable,
  type SessionUse,
} from './model/sessions.js';

/**
 * const session = await composio.create(userId, { toolkits: ['gmail', 'GITHUB'] });   → (removed)
 * await session.tools()                    → await composio.tools.listScopedTools(userId, { filter: { connectionNames: ['gmail', 'github'] } })
 * await session.execute('GITHUB_X', args)  → await composio.actions.executeTool({ toolName: 'github_x', identifier: userId, connector: 'github', toolInput: args })
 * const r = await session.authorize('github'); r.redirectUrl
 *   → await composio.actions.getOrCreateConnectedAccount({ connectionName: 'github', identifier: userId });
 *     const r = await composio.actions.getAuthorizationLink({ connectionName: 'github', identifier: userId }); r.link
 * await session.proxyExecute({ toolkit, endpoint, method, parameters })
 *   → await composio.actions.request({ connectionName, identifier: userId, path, method, queryParams, headers })
 *
 * Scalekit keeps no session: the user id and the toolkits are carried to every use, and the
 * session goes when every use could be migrated. A session that is passed on, stored, or used
 * for something Scalekit lacks (MCP URL, meta tools, toolkits()) is kept and reported.
 */
const transform: SourceTransform = {
  id: 'sessions-to-stateless-calls',
  description: 'Composio sessions (composio.create, sessions.create) → stateless Scalekit calls taking the user id and connection names',
  // the session calls: create, sessions.create, toolRouter.create, experimental.toolRouter.createSession, use, sessions.delete...
  precondition: /\b(create|createSession|use|delete)\b/,
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    for (const clientCall of clientCalls(file, bindings)) {
      if (isSessionById(clientCall)) ctx.reportAt('session-lifecycle', clientCall.call, `(composio.${clientCall.path.join('.')})`);
      else if (isSessionCreate(clientCall)) migrateSession(clientCall, file, ctx);
    }
  },
};

export default transform;

/** The user id and the toolkits must keep their value; any Scalekit client will do, so the client only has to be in scope. */
const SAME_VALUE = { factory: false, sameValue: true };
const SAME_CLIENT = { factory: true, sameValue: false };

const TOOLS_DETAIL = '(session.tools() → tools.listScopedTools: Scalekit tool definitions of the user, not framework tools nor meta tools)';

/** What the uses of one session are written with. */
interface Carried {
  client: string;
  userId: string;
  /** The connection names for listScopedTools' filter; undefined for every connection. */
  connections: () => string | undefined;
  style: CodeStyle;
}

type Plan = Exclude<SessionUse, { kind: 'unmigratable' } | { kind: 'escape' }> & { proxy?: ProxyPlan; statement?: Statement };

/** What was read of one session: the uses that can be migrated, and why the session must stay (if it must). */
interface SessionPlan {
  statement: VariableStatement;
  config?: ObjectLiteralExpression;
  toolkits: Toolkits;
  plans: Plan[];
  /** Why the session stays; empty when it can go. */
  blockers: string[];
  /** Whether the user id and the client can be written at the uses. */
  carriable: boolean;
  /** Whether the toolkits can be written at the `tools()` uses. */
  toolkitsCarriable: boolean;
}

function migrateSession(create: ClientCall, file: SourceFile, ctx: SourceFileContext): void {
  const { call } = create;
  const variable = sessionVariable(call);
  if (!variable) {
    const rule = destructuredRule(call);
    ctx.reportAt(rule, call, rule === 'session-mcp' ? mcpDetail(unboundReason(call), toolkitsOf(call.getArguments()[1]), ctx) : unboundReason(call));
    return;
  }
  const session = planSession(create, variable, ctx);
  if (session.blockers.length === 0) {
    // first, so that names mapped in place inside the removed call do not claim its range
    removeSessionStatement(session.statement, ctx);
    ctx.reportAt('session-removed', call);
    for (const property of session.config?.getProperties() ?? []) {
      const name = propertyName(property) ?? property.getText();
      if (name !== 'toolkits') ctx.report('session-option-dropped', property.getStart(), `(${name})`);
      else if (session.toolkits.disabled) ctx.report('session-option-dropped', property.getStart(), '(toolkits.disable: every connection of the user is listed)');
    }
  } else {
    ctx.reportAt('session-unmigrated', call, session.blockers[0]);
  }
  // a kept session still has its other uses migrated, so that only the reported ones are left to do
  if (!session.carriable) return;
  let connections: string | undefined | null = null;
  const carried: Carried = {
    client: create.client.getText(),
    userId: call.getArguments()[0]!.getText(),
    connections: () => (connections === null ? (connections = session.toolkits.expression ? connectionListText(session.toolkits.expression, file, ctx) : undefined) : connections),
    style: styleFor(file, ctx.state),
  };
  for (const plan of session.plans) {
    if (plan.kind !== 'tools' || session.toolkitsCarriable) emit(plan, carried, file, ctx);
  }
}

/** Reads a session and its uses; reports each use that cannot be migrated where it stands. */
function planSession(create: ClientCall, variable: VariableDeclaration, ctx: SourceFileContext): SessionPlan {
  const { call } = create;
  const statement = variable.getVariableStatementOrThrow();
  const blockers: string[] = [];
  // hasExportKeyword: what isExported() answers for a variable statement (it has no symbol), without building a type checker
  if (statement.hasExportKeyword()) blockers.push('(the session is exported)');
  const [userId, configArg] = call.getArguments();
  const config = configArg && Node.isObjectLiteralExpression(configArg) ? configArg : undefined;
  const toolkits = toolkitsOf(configArg);
  if (toolkits.unread) blockers.push(toolkits.unread);
  else if (namesUnwritable(call, [[toolkits.expression, 'toolkits']], ctx)) toolkits.unread = '(a toolkit Scalekit has no connector for)';
  if (toolkits.unread === '(a toolkit Scalekit has no connector for)') blockers.push(toolkits.unread);
  if (config && holdsCustomTools(config, ctx)) blockers.push('(it holds custom tools)');

  const plans: Plan[] = [];
  const style = styleFor(create.call.getSourceFile(), ctx.state);
  for (const use of referencesOf(variable).map(sessionUse)) {
    if (use.kind === 'escape') {
      blockers.push(use.detail);
    } else if (use.kind === 'unmigratable') {
      ctx.reportAt(use.rule, use.node, use.rule === 'session-mcp' ? mcpDetail(use.detail, toolkits, ctx) : use.detail);
      blockers.push(`(${use.detail.slice(1, -1)} cannot be migrated)`);
    } else if (use.kind === 'execute' && namesUnwritable(use.call, [[use.slug, 'tool']], ctx)) {
      blockers.push('(a tool Scalekit has no known counterpart for)');
    } else if (use.kind === 'authorize' && namesUnwritable(use.call, [[use.toolkit, 'toolkit']], ctx)) {
      blockers.push('(a toolkit Scalekit has no connector for)');
    } else {
      const plan = planUse(use, style);
      if (typeof plan === 'string') {
        ctx.reportAt('session-unmigrated', use.call, plan);
        blockers.push(plan);
      } else if (plan.kind === 'proxyExecute' && namesUnwritable(use.call, [[proxyToolkit(plan.proxy!), 'toolkit']], ctx)) {
        blockers.push('(a toolkit Scalekit has no connector for)');
      } else {
        plans.push(plan);
      }
    }
  }

  const sites = plans.map((p) => p.call);
  const userIdWhyNot = userId ? whyNotRepeatable(userId, call, sites, SAME_VALUE) : 'there is none';
  if (userIdWhyNot) blockers.push(`(the user id cannot be written at each use: ${userIdWhyNot})`);
  const clientWhyNot = whyNotRepeatable(create.client, call, sites, SAME_CLIENT);
  if (clientWhyNot) blockers.push(`(the client cannot be written at each use: ${clientWhyNot})`);
  const toolsSites = plans.filter((p) => p.kind === 'tools').map((p) => p.call);
  const toolkitsWhyNot = toolkits.expression && toolsSites.length > 0 ? whyNotRepeatable(toolkits.expression, call, toolsSites, SAME_VALUE) : undefined;
  if (toolkitsWhyNot) blockers.push(`(the toolkits cannot be written at each use: ${toolkitsWhyNot})`);
  return {
    statement,
    config,
    toolkits,
    plans,
    blockers,
    carriable: !userIdWhyNot && !clientWhyNot,
    toolkitsCarriable: !toolkitsWhyNot && !toolkits.unread,
  };
}

/** `(session.mcp)` → `(session.mcp: the user's URL of MCP config "mcp-gmail-notion" {...})`: the config the session's toolkits make. */
function mcpDetail(detail: string, toolkits: Toolkits, ctx: SourceFileContext): string {
  const names = toolkits.expression && !toolkits.unread ? constantStrings(toolkits.expression) : undefined;
  const spec = sessionConfig(names, ctx.mappings);
  return `(${detail.slice(1, -1)}: the user's URL of ${configText(spec)})`;
}

/** Removes the session's lines; a blank line left between two blank lines (or after a `{`) goes too. */
function removeSessionStatement(statement: Statement, ctx: SourceFileContext): void {
  const text = ctx.text;
  const start = statement.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const after = /^[ \t]*(\r?\n|$)/.exec(text.slice(statement.getEnd()));
  if (!/^[ \t]*$/.test(text.slice(lineStart, start)) || !after) {
    ctx.edits.add(start, statement.getEnd(), '');
    return;
  }
  let end = statement.getEnd() + after[0].length;
  const previousLine = text.slice(text.lastIndexOf('\n', Math.max(lineStart - 2, 0)) + 1, Math.max(lineStart - 1, 0)).trim();
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (blankAfter && (lineStart === 0 || previousLine === '' || previousLine.endsWith('{'))) end += blankAfter[0].length;
  ctx.edits.add(lineStart, end, '');
}

/** Custom tools live in the Composio session; without it they are gone, so the session stays. */
function holdsCustomTools(config: ObjectLiteralExpression, ctx: SourceFileContext): boolean {
  const experimental = config.getProperties().find((p) => propertyName(p) === 'experimental');
  if (!experimental) return false;
  const value = Node.isPropertyAssignment(experimental) ? experimental.getInitializer() : undefined;
  const custom = value && Node.isObjectLiteralExpression(value) ? value.getProperties().find((p) => ['customTools', 'customToolkits'].includes(propertyName(p) ?? '')) : experimental;
  if (!custom) return false;
  ctx.reportAt('custom-tools', custom, '(session experimental.customTools)');
  return true;
}

interface Toolkits {
  /** The list of toolkits the session was limited to. */
  expression?: Node;
  /** `toolkits: { disable: [...] }`: no filter can say that. */
  disabled?: boolean;
  /** Why the config (and so the toolkits) cannot be read. */
  unread?: string;
}

function toolkitsOf(config: Node | undefined): Toolkits {
  if (!config) return {};
  if (!Node.isObjectLiteralExpression(config)) return { unread: '(its config is not an object literal)' };
  if (config.getProperties().some((p) => Node.isSpreadAssignment(p))) return { unread: '(its config is spread from another object)' };
  const property = config.getProperties().find((p) => propertyName(p) === 'toolkits');
  if (!property) return {};
  const value = Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
  if (value && Node.isObjectLiteralExpression(value)) {
    const enable = value.getProperties().find((p) => propertyName(p) === 'enable');
    if (enable && Node.isPropertyAssignment(enable)) return { expression: enable.getInitializerOrThrow() };
    return { disabled: true };
  }
  return value ? { expression: value } : {};
}

/** Checks what a use needs beyond the user id; returns why it cannot be migrated, or its plan. */
function planUse(use: Exclude<SessionUse, { kind: 'unmigratable' } | { kind: 'escape' }>, style: CodeStyle): Plan | string {
  if (use.kind === 'authorize') {
    const statement = statementBefore(use.call);
    return statement ? { ...use, statement } : '(session.authorize inside an expression that is not always run)';
  }
  if (use.kind === 'proxyExecute') {
    const proxy = planProxy(use.params, style);
    return typeof proxy === 'string' ? proxy : { ...use, proxy };
  }
  return use;
}

function emit(plan: Plan, carried: Carried, file: SourceFile, ctx: SourceFileContext): void {
  switch (plan.kind) {
    case 'tools':
      return emitTools(plan.call, carried, file, ctx);
    case 'execute':
      return emitExecute(plan.call, plan.slug, plan.input, carried, file, ctx);
    case 'authorize':
      return emitAuthorize(plan.call, plan.toolkit, plan.options, plan.statement!, carried, file, ctx);
    case 'proxyExecute':
      return emitProxy(plan.call, plan.params, plan.proxy!, carried, file, ctx);
  }
}

function emitTools(call: CallExpression, carried: Carried, file: SourceFile, ctx: SourceFileContext): void {
  const connections = carried.connections();
  const filter = connections === undefined ? '{}' : `{ connectionNames: ${connections} }`;
  // with a framework provider, the generated adapter gives the framework's tools (the user's own, not meta tools)
  const adapter = adapterFor(ctx);
  if (adapter) {
    ctx.edits.add(call.getStart(), call.getEnd(), `${adapter.tools}(${carried.client}, ${carried.userId}, { filter: ${filter} })`);
    useAdapter(file, ctx, adapter, adapter.tools);
    ctx.reportAt('framework-adapter', call, `(${adapter.module}.ts: ${adapter.tools}; session.tools() gave Composio's meta tools, this gives the user's tools)`);
    return;
  }
  ctx.edits.add(call.getStart(), call.getEnd(), `${carried.client}.tools.listScopedTools(${carried.userId}, { filter: ${filter} })`);
  ctx.reportAt('tools-get-result-definitions', call, TOOLS_DETAIL);
  reportArrayUses(call, ctx);
}

/** Edited around the arguments, so that a multi-line input object keeps its lines. */
function emitExecute(call: CallExpression, slug: Expression, input: Expression | undefined, carried: Carried, file: SourceFile, ctx: SourceFileContext): void {
  const connector = connectionForToolText(slug, file, ctx);
  const toolName = toolNameText(slug, file, ctx);
  migrateToolInput(slug, input, call, file, ctx);
  if (toolName !== slug.getText()) ctx.edits.add(slug.getStart(), slug.getEnd(), toolName);
  ctx.edits.add(call.getStart(), slug.getStart(), `${carried.client}.actions.executeTool({ toolName: `);
  const middle = `, ${prop('identifier', carried.userId)}, ${prop('connector', connector)}, toolInput: `;
  if (input) {
    ctx.edits.add(slug.getEnd(), input.getStart(), middle);
    ctx.edits.add(input.getEnd(), call.getEnd(), ' })');
  } else {
    ctx.edits.add(slug.getEnd(), call.getEnd(), `${middle}{} })`);
  }
  migrateExecuteResult(call, ctx);
}

/** `{ data, error, logId }` → `{ data?, executionId }`: `logId` is renamed, `data.x` made optional, `error` reported. */
function migrateExecuteResult(call: CallExpression, ctx: SourceFileContext): void {
  const result = resultOf(call);
  if (!result) return;
  const reported = new Set<number>();
  for (const access of result.accesses) {
    const name = access.getName();
    if (name === 'data') optionalAfter(access, ctx);
    else if (name === 'logId') ctx.edits.add(access.getNameNode().getStart(), access.getNameNode().getEnd(), 'executionId');
    else if (!reported.has(access.getStartLineNumber())) {
      reported.add(access.getStartLineNumber()); // once a line: `if (r.error) throw new Error(r.error)` is one thing to fix
      ctx.reportAt('session-execute-result', access, `(.${name})`);
    }
  }
  for (const element of result.elements) {
    const name = element.getPropertyNameNode()?.getText() ?? element.getName();
    if (name === 'data') {
      for (const reference of referencesOf(element)) optionalAfter(reference, ctx);
    } else if (name === 'logId') {
      const key = element.getPropertyNameNode();
      if (key) ctx.edits.add(key.getStart(), key.getEnd(), 'executionId');
      else ctx.edits.add(element.getStart(), element.getEnd(), `executionId: ${element.getName()}`);
    } else {
      ctx.reportAt('session-execute-result', element, `(${name})`);
    }
  }
}

/** `x.data.y` → `x.data?.y`: the Scalekit field may be undefined. */
function optionalAfter(node: Node, ctx: SourceFileContext): void {
  const parent = node.getParent();
  const chained = (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === node && !parent.hasQuestionDotToken();
  if (!chained) return;
  ctx.edits.add(node.getEnd(), node.getEnd(), Node.isPropertyAccessExpression(parent) ? '?' : '?.');
}

function emitAuthorize(call: CallExpression, toolkit: Expression, options: Expression | undefined, statement: Statement, carried: Carried, file: SourceFile, ctx: SourceFileContext): void {
  const connection = connectionText(toolkit, file, ctx);
  const args = `{ ${prop('connectionName', connection)}, ${prop('identifier', carried.userId)} }`;
  const semi = carried.style.semicolons ? ';' : '';
  // the account must exist before Scalekit can give a link for it
  insertLinesBefore(statement, [`await ${carried.client}.actions.getOrCreateConnectedAccount(${args})${semi}`], ctx.edits);
  ctx.edits.add(call.getStart(), call.getEnd(), `${carried.client}.actions.getAuthorizationLink(${args})`);
  if (options) {
    const names = Node.isObjectLiteralExpression(options) ? options.getProperties().map((p) => propertyName(p) ?? p.getText()).join(', ') : options.getText();
    ctx.reportAt('session-authorize-option', options, `(${names})`);
  }
  migrateAuthorizeResult(call, ctx);
}

/** A connection request's `redirectUrl` is the link's `link`; its other members are reported. */
function migrateAuthorizeResult(call: CallExpression, ctx: SourceFileContext): void {
  const result = resultOf(call);
  if (!result) {
    const holder = outermostWrapper(call);
    if (!Node.isExpressionStatement(holder.getParent())) ctx.reportAt('session-authorize-result', call, '(the connection request is passed on)');
    return;
  }
  for (const access of result.accesses) {
    const name = access.getName();
    const member = access.getNameNode();
    if (name === 'redirectUrl') ctx.edits.add(member.getStart(), member.getEnd(), 'link');
    else if (name === 'waitForConnection') ctx.reportAt('wait-for-connection', access);
    else ctx.reportAt('session-authorize-result', access, `(.${name})`);
  }
  for (const element of result.elements) {
    const key = element.getPropertyNameNode();
    const name = key?.getText() ?? element.getName();
    if (name !== 'redirectUrl') ctx.reportAt('session-authorize-result', element, `(${name})`);
    else if (key) ctx.edits.add(key.getStart(), key.getEnd(), 'link');
    else ctx.edits.add(element.getStart(), element.getEnd(), `link: ${element.getName()}`);
  }
  for (const other of result.others) ctx.reportAt('session-authorize-result', other, '(the connection request is passed on)');
}

interface Result {
  /** `r.member` and `(await call).member`. */
  accesses: PropertyAccessExpression[];
  /** `const { member } = await call`. */
  elements: BindingElement[];
  /** Any other use of the result variable. */
  others: Node[];
}

/** Where the awaited result of a call is read: through a `const`, a destructuring, or a member access at the call. */
function resultOf(call: CallExpression): Result | undefined {
  if (!isAwaited(call)) return undefined;
  const holder = outermostWrapper(call);
  const parent = holder.getParent();
  const result: Result = { accesses: [], elements: [], others: [] };
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === holder) {
    result.accesses.push(parent);
  } else if (Node.isVariableDeclaration(parent) && parent.getInitializer() === holder) {
    const name = parent.getNameNode();
    if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) (element.getDotDotDotToken() ? result.others : result.elements).push(element);
    } else if (Node.isIdentifier(name)) {
      for (const reference of referencesOf(parent)) {
        const access = reference.getParent();
        if (Node.isPropertyAccessExpression(access) && access.getExpression() === reference) result.accesses.push(access);
        else result.others.push(reference);
      }
    } else {
      result.others.push(name);
    }
  } else {
    return undefined;
  }
  return result;
}

function isAwaited(call: CallExpression): boolean {
  const holder = outermostWrapper(call);
  for (let node: Node = call; node !== holder; node = node.getParentOrThrow()) if (Node.isAwaitExpression(node.getParent())) return true;
  return false;
}

/**
 * The statement a `getOrCreateConnectedAccount` line can go before, with the same effect as
 * running it just before the call: the call is always run by that statement, in an async body.
 */
function statementBefore(call: CallExpression): Statement | undefined {
  let child: Node = call;
  for (let parent = call.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (isFunction(parent) || Node.isClassDeclaration(parent) || Node.isClassExpression(parent)) return undefined;
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== child) return undefined;
    if (Node.isBinaryExpression(parent) && parent.getRight() === child && SHORT_CIRCUIT.has(parent.compilerNode.operatorToken.kind)) return undefined;
    if (Node.isBlock(parent) || Node.isSourceFile(parent)) return undefined;
    if (!Node.isStatement(parent)) continue;
    const runsOnce = Node.isVariableStatement(parent) || Node.isExpressionStatement(parent) || Node.isReturnStatement(parent) || Node.isThrowStatement(parent) || (Node.isIfStatement(parent) && parent.getExpression() === child);
    const container = parent.getParent();
    const inBody = Node.isBlock(container) || Node.isSourceFile(container) || Node.isCaseClause(container) || Node.isDefaultClause(container);
    const fn = functionOf(parent);
    // at the top of a module, `await` is only known to be allowed when the call was already awaited
    const asyncBody = Node.isSourceFile(fn) ? isAwaited(call) : (Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn) || Node.isArrowFunction(fn) || Node.isMethodDeclaration(fn)) && fn.isAsync();
    return runsOnce && inBody && asyncBody ? parent : undefined;
  }
  return undefined;
}

const SHORT_CIRCUIT = new Set([
  SyntaxKind.AmpersandAmpersandToken,
  SyntaxKind.BarBarToken,
  SyntaxKind.QuestionQuestionToken,
  SyntaxKind.AmpersandAmpersandEqualsToken,
  SyntaxKind.BarBarEqualsToken,
  SyntaxKind.QuestionQuestionEqualsToken,
]);

interface ProxyPlan {
  toolkit: ObjectLiteralElementLike;
  endpoint: ObjectLiteralElementLike;
  parameters?: { property: ObjectLiteralElementLike; query: string[]; headers: string[] };
}

const PROXY_KEYS = new Set(['toolkit', 'endpoint', 'method', 'body', 'parameters']);

/** Which parts of `proxyExecute`'s argument map onto `actions.request`; a reason when some do not. */
function planProxy(params: ObjectLiteralExpression, style: CodeStyle): ProxyPlan | string {
  const unknown = params.getProperties().find((p) => !PROXY_KEYS.has(propertyName(p) ?? '') || !(Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)));
  if (unknown) return `(session.proxyExecute: ${propertyName(unknown) ?? unknown.getText()} cannot be carried)`;
  const toolkit = params.getProperties().find((p) => propertyName(p) === 'toolkit');
  const endpoint = params.getProperties().find((p) => propertyName(p) === 'endpoint');
  if (!toolkit || !endpoint) return '(session.proxyExecute without a toolkit or an endpoint)';
  const parametersProperty = params.getProperties().find((p) => propertyName(p) === 'parameters');
  if (!parametersProperty) return { toolkit, endpoint };
  const list = Node.isPropertyAssignment(parametersProperty) ? parametersProperty.getInitializer() : undefined;
  if (!list || !Node.isArrayLiteralExpression(list)) return '(session.proxyExecute parameters built at run time)';
  const query: string[] = [];
  const headers: string[] = [];
  for (const element of list.getElements()) {
    const entry = Node.isObjectLiteralExpression(element) ? parameterEntry(element, style) : undefined;
    if (!entry) return '(session.proxyExecute parameters built at run time)';
    (entry.in === 'query' ? query : headers).push(entry.text);
  }
  return { toolkit, endpoint, parameters: { property: parametersProperty, query, headers } };
}

/** `{ in: 'query', name: 'per_page', value: 50 }` → `per_page: 50`; a header's value becomes a string. */
function parameterEntry(entry: ObjectLiteralExpression, style: CodeStyle): { in: 'query' | 'header'; text: string } | undefined {
  const value = (key: string): Node | undefined => {
    const property = entry.getProperties().find((p) => propertyName(p) === key);
    if (Node.isPropertyAssignment(property)) return property.getInitializer();
    if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
    return undefined;
  };
  const where = value('in');
  const name = value('name');
  const given = value('value');
  if (entry.getProperties().length !== 3 || !where || !name || !given) return undefined;
  const location = Node.isStringLiteral(where) ? where.getLiteralValue() : undefined;
  if (location !== 'query' && location !== 'header') return undefined;
  const key = Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) ? keyText(name.getLiteralValue(), style) : `[${name.getText()}]`;
  let text = given.getText();
  if (location === 'header' && Node.isNumericLiteral(given)) text = quoted(given.getText(), style);
  else if (location === 'header' && !(Node.isStringLiteral(given) || Node.isNoSubstitutionTemplateLiteral(given) || Node.isTemplateExpression(given))) text = `String(${text})`;
  return { in: location, text: `${key}: ${text}` };
}

function keyText(name: string, style: CodeStyle): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoted(name, style);
}

/** The toolkit a session's proxyExecute names (`{ toolkit: 'github', ... }`). */
function proxyToolkit(plan: ProxyPlan): Node | undefined {
  const { toolkit } = plan;
  return Node.isPropertyAssignment(toolkit) ? toolkit.getInitializerOrThrow() : Node.isShorthandPropertyAssignment(toolkit) ? toolkit.getNameNode() : undefined;
}

function emitProxy(call: CallExpression, params: ObjectLiteralExpression, plan: ProxyPlan, carried: Carried, file: SourceFile, ctx: SourceFileContext): void {
  const editor = new ObjectLiteralEditor(params, ctx.edits);
  const callee = call.getExpression();
  ctx.edits.add(callee.getStart(), callee.getEnd(), `${carried.client}.actions.request`);

  const { toolkit, endpoint, parameters } = plan;
  const toolkitValue = Node.isPropertyAssignment(toolkit) ? toolkit.getInitializerOrThrow() : Node.isShorthandPropertyAssignment(toolkit) ? toolkit.getNameNode() : undefined;
  const connection = connectionText(toolkitValue!, file, ctx);
  if (Node.isShorthandPropertyAssignment(toolkit)) {
    ctx.edits.add(toolkit.getStart(), toolkit.getEnd(), prop('connectionName', connection));
  } else {
    editor.renameKey(toolkit, 'connectionName');
    if (connection !== toolkitValue!.getText()) editor.replaceValue(toolkit, connection);
  }
  const properties = params.getProperties();
  editor.insert(properties.indexOf(toolkit) + 1, prop('identifier', carried.userId));

  editor.renameKey(endpoint, 'path');
  const path = Node.isPropertyAssignment(endpoint) ? endpoint.getInitializer() : undefined;
  if (path && (Node.isStringLiteral(path) || Node.isNoSubstitutionTemplateLiteral(path)) && /^https?:\/\//i.test(path.getLiteralValue())) {
    ctx.reportAt('session-proxy-absolute-url', path);
  }

  if (!parameters) return;
  const object = (entries: string[]) => (entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`);
  const { property, query, headers } = parameters;
  if (query.length === 0 && headers.length === 0) {
    editor.remove(property);
  } else if (query.length > 0) {
    editor.renameKey(property, 'queryParams');
    editor.replaceValue(property, object(query));
    if (headers.length > 0) editor.insert(properties.indexOf(property) + 1, `headers: ${object(headers)}`);
  } else {
    editor.renameKey(property, 'headers');
    editor.replaceValue(property, object(headers));
  }
}

/** A connection name for a toolkit expression; a literal is written here, never edited where it stands (it may be kept for Composio). */
function connectionText(expression: Node, file: SourceFile, ctx: SourceFileContext): string {
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) {
    const quote = expression.getText()[0]!;
    return `${quote}${writtenName(expression.getLiteralValue(), 'toolkit', ctx.mappings)}${quote}`;
  }
  return connectionNameText(expression, file, ctx);
}

/** The `connectionNames` array for a session's toolkits. */
function connectionListText(toolkits: Node, file: SourceFile, ctx: SourceFileContext): string {
  if (Node.isArrayLiteralExpression(toolkits) && toolkits.getElements().every((e) => !Node.isSpreadElement(e))) {
    return `[${toolkits.getElements().map((e) => connectionText(e, file, ctx)).join(', ')}]`;
  }
  // Composio typed the list as a mutable string[], which is what the filter takes too
  return nameListText(toolkits, file, ctx, 'toolkit');
}

/** `key: value`, or the shorthand when they are the same name. */
function prop(key: string, value: string): string {
  return key === value ? key : `${key}: ${value}`;
}
