import { Node, SyntaxKind, ts, type BindingElement, type CallExpression, type Expression, type Identifier, type ObjectLiteralExpression, type SourceFile, type VariableDeclaration } from '../../src/ts-morph.js';
import type { ClientCall } from './composio-bindings.js';
import { constantString } from './name-expressions.js';
import { metaToolRule } from './names.js';
import { compilerNodesOfKind, identifiersNamedWithin, symbolScope, wrap } from './identifiers.js';
import { isBoundTo, symbolOf, valueInScope } from './scopes.js';
import { isWriteTarget, mayBeWritten, variableSymbolOf } from './writes.js';

/**
 * What a Composio tool-router session is, read from the code: the calls that create one
 * (`composio.create`, `composio.sessions.create`, `composio.toolRouter.create`, the old
 * `composio.experimental.toolRouter.createSession`), the calls that reuse or delete one by id,
 * and what each use of a session variable asks for. Reading only: nothing here edits.
 */

const CREATE_PATHS = new Set(['create', 'sessions.create', 'toolRouter.create', 'experimental.toolRouter.createSession']);
const BY_ID_PATHS = new Set(['use', 'sessions.use', 'toolRouter.use', 'sessions.delete', 'toolRouter.delete']);

export function isSessionCreate(call: ClientCall): boolean {
  return CREATE_PATHS.has(call.path.join('.'));
}

/** `composio.use(id)`, `composio.sessions.delete(id)`...: a session known only by its id. */
export function isSessionById(call: ClientCall): boolean {
  return BY_ID_PATHS.has(call.path.join('.'));
}

/** One use of a session variable, and what it takes to migrate it. */
export type SessionUse =
  | { kind: 'tools'; call: CallExpression }
  | { kind: 'authorize'; call: CallExpression; toolkit: Expression; options?: Expression }
  | { kind: 'execute'; call: CallExpression; slug: Expression; input?: Expression }
  | { kind: 'proxyExecute'; call: CallExpression; params: ObjectLiteralExpression }
  /** A member with no Scalekit equivalent: reported where it stands, and the session is kept. */
  | { kind: 'unmigratable'; node: Node; rule: string; detail: string }
  /** The session itself goes somewhere we cannot follow: reported at its creation, and kept. */
  | { kind: 'escape'; node: Node; detail: string };

/** The session variable a creating call is stored in: `const session = await composio.create(...)`, alone in its statement. */
export function sessionVariable(call: CallExpression): VariableDeclaration | undefined {
  const holder = outermostWrapper(call);
  const declaration = holder.getParent();
  if (!Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== holder) return undefined;
  if (!Node.isIdentifier(declaration.getNameNode())) return undefined;
  const statement = declaration.getVariableStatement();
  if (!statement || statement.getDeclarations().length !== 1) return undefined;
  return declaration;
}

/** Why a creating call that is not stored in a variable of its own cannot be followed. */
export function unboundReason(call: CallExpression): string {
  const holder = outermostWrapper(call);
  const parent = holder.getParent();
  if (Node.isVariableDeclaration(parent) && !Node.isIdentifier(parent.getNameNode())) return `(the session is destructured: ${parent.getNameNode().getText().replace(/\\s+/g, ' ')})`;
  return escapeDetail(holder);
}

/** `const { url } = await composio.experimental.toolRouter.createSession(...)`: the MCP rule when an MCP member is read. */
export function destructuredRule(call: CallExpression): string {
  const declaration = outermostWrapper(call).getParent();
  const pattern = Node.isVariableDeclaration(declaration) ? declaration.getNameNode() : undefined;
  if (!pattern || !Node.isObjectBindingPattern(pattern)) return 'session-unmigrated';
  const members = pattern.getElements().map((e) => e.getPropertyNameNode()?.getText() ?? e.getName());
  return members.some((m) => m === 'mcp' || m === 'url') ? 'session-mcp' : 'session-unmigrated';
}

/** Every reference to a variable (or a destructured name) in its file, its declaration left out. */
export function referencesOf(declaration: VariableDeclaration | BindingElement): Identifier[] {
  const name = declaration.getNameNode();
  if (!Node.isIdentifier(name)) return [];
  const symbol = symbolOf(name);
  if (!symbol) return [];
  return identifiersNamedWithin(symbolScope(name.getSourceFile(), symbol), name.getText()).filter((id) => id !== name && !isMemberName(id) && isBoundTo(id, symbol));
}

/** What one reference to a session variable does with it. */
export function sessionUse(reference: Identifier): SessionUse {
  const access = reference.getParent();
  if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== reference) return { kind: 'escape', node: reference, detail: escapeDetail(reference) };
  const member = access.getName();
  const call = access.getParent();
  if (!Node.isCallExpression(call) || call.getExpression() !== access) return propertyUse(access, member);
  const args = call.getArguments() as Expression[];
  switch (member) {
    case 'tools':
      if (args.length > 0) return { kind: 'unmigratable', node: args[0]!, rule: 'modifiers', detail: '(session.tools() modifiers)' };
      return { kind: 'tools', call };
    case 'authorize':
      if (!args[0] || args.length > 2) return { kind: 'unmigratable', node: call, rule: 'session-unmigrated', detail: '(session.authorize with request options)' };
      return { kind: 'authorize', call, toolkit: args[0], options: args[1] };
    case 'execute': {
      if (!args[0]) return { kind: 'unmigratable', node: call, rule: 'session-unmigrated', detail: '(session.execute without a tool)' };
      const slug = constantString(args[0]);
      const meta = slug !== undefined ? metaToolRule(slug) : undefined;
      if (meta) return { kind: 'unmigratable', node: call, rule: meta, detail: `(${slug})` };
      if (args.length > 2) return { kind: 'unmigratable', node: args[2]!, rule: 'session-unmigrated', detail: '(session.execute account option: pick the account with connectedAccountId)' };
      return { kind: 'execute', call, slug: args[0], input: args[1] };
    }
    case 'proxyExecute': {
      const params = args[0];
      if (args.length !== 1 || !params || !Node.isObjectLiteralExpression(params)) return { kind: 'unmigratable', node: call, rule: 'session-unmigrated', detail: '(session.proxyExecute parameters built at run time)' };
      return { kind: 'proxyExecute', call, params };
    }
    case 'search':
      return { kind: 'unmigratable', node: call, rule: 'meta-tools', detail: '(session.search)' };
    case 'toolkits':
      return { kind: 'unmigratable', node: call, rule: 'session-toolkits', detail: '(session.toolkits)' };
    case 'ensureConnected':
      return { kind: 'unmigratable', node: call, rule: 'wait-for-connection', detail: '(session.ensureConnected)' };
    case 'update':
    case 'delete':
      return { kind: 'unmigratable', node: call, rule: 'session-lifecycle', detail: `(session.${member})` };
    case 'customTools':
    case 'customToolkits':
      return { kind: 'unmigratable', node: call, rule: 'custom-tools', detail: `(session.${member})` };
    default:
      return { kind: 'unmigratable', node: call, rule: 'session-unmigrated', detail: `(session.${member})` };
  }
}

function propertyUse(access: Node, member: string): SessionUse {
  // `url` is the MCP URL of the old `experimental.toolRouter.createSession` result
  if (member === 'mcp' || member === 'url') return { kind: 'unmigratable', node: access, rule: 'session-mcp', detail: `(session.${member})` };
  if (member === 'sessionId') return { kind: 'unmigratable', node: access, rule: 'session-lifecycle', detail: '(session.sessionId)' };
  if (member === 'experimental') return { kind: 'unmigratable', node: access, rule: 'composio-experimental', detail: '(session.experimental)' };
  return { kind: 'unmigratable', node: access, rule: 'session-unmigrated', detail: `(session.${member})` };
}

/** A short account of where a value goes when it leaves our sight. */
function escapeDetail(node: Node): string {
  const parent = node.getParent();
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) {
    if (parent.getArguments().includes(node)) return `(the session is passed to ${calleeName(parent.getExpression())})`;
  }
  if (Node.isReturnStatement(parent) || Node.isArrowFunction(parent)) return '(the session is returned)';
  if (Node.isBinaryExpression(parent) || Node.isPropertyAssignment(parent) || Node.isShorthandPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) return '(the session is stored)';
  if (Node.isExpressionStatement(parent)) return '(the session is never used)';
  return '(the session is used as a value)';
}

function calleeName(callee: Node): string {
  const text = callee.getText().replace(/\s+/g, '');
  return text.length <= 40 ? `${text}()` : 'a function';
}

/** The node a call's value is read through: `await`, parentheses, `!`, `as`, `satisfies`. */
export function outermostWrapper(node: Node): Node {
  let current = node;
  for (let parent = current.getParent(); parent; parent = current.getParent()) {
    const wraps = Node.isAwaitExpression(parent) || Node.isParenthesizedExpression(parent) || Node.isNonNullExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent);
    if (!wraps) break;
    current = parent;
  }
  return current;
}

function isMemberName(id: Identifier): boolean {
  const parent = id.getParent();
  return (
    (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) ||
    (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) ||
    (Node.isBindingElement(parent) && parent.getPropertyNameNode() === id)
  );
}

export interface Repeat {
  /** A call without arguments (`getComposio()`) may be repeated. */
  factory: boolean;
  /** The value must be the one it had at `origin`: no assignment to the chain may come between. */
  sameValue: boolean;
}

/**
 * Whether an expression can be written again at other places: a literal, or an identifier /
 * property-access chain (`userId`, `req.user.id`, `this.composio`) whose root is the same
 * binding at every place and (when `sameValue`) is not assigned after `origin`. Returns why not.
 */
export function whyNotRepeatable(expression: Node, origin: Node, sites: Node[], repeat: Repeat): string | undefined {
  if (Node.isArrayLiteralExpression(expression)) {
    for (const element of expression.getElements()) {
      const reason = whyNotRepeatable(Node.isSpreadElement(element) ? element.getExpression() : element, origin, sites, repeat);
      if (reason) return reason;
    }
    return undefined;
  }
  const chain = chainOf(expression, repeat.factory);
  if (!chain) return 'it is computed';
  if (chain.kind === 'literal') return undefined;
  const { root, prefixes, awaited } = chain;
  const originFunction = functionOf(origin);
  if (awaited && sites.some((site) => functionOf(site) !== originFunction)) return 'it is awaited and used in another function';
  if (Node.isThisExpression(root)) {
    const container = thisContainerOf(origin);
    if (sites.some((site) => thisContainerOf(site) !== container)) return `${root.getText()} differs where it is used`;
  } else {
    const symbol = symbolOf(root);
    for (const site of sites) {
      const seen = valueInScope(site, root.getText());
      if (seen !== symbol) return `${root.getText()} is not the same variable where it is used`;
    }
  }
  if (!repeat.sameValue) return undefined;
  for (const write of writesTo(root, prefixes, origin.getSourceFile())) {
    const inConstructor = Node.isThisExpression(root) && write.getFirstAncestorByKind(SyntaxKind.Constructor) !== undefined && origin.getFirstAncestorByKind(SyntaxKind.Constructor) === undefined;
    if (inConstructor) continue; // a constructor runs before any method could read the field
    if (write.getStart() > origin.getStart() || functionOf(write) !== originFunction) return `${write.getText()} is assigned again`;
  }
  return undefined;
}

type Chain = { kind: 'literal' } | { kind: 'chain'; root: Node; prefixes: string[]; awaited: boolean };

function chainOf(expression: Node, allowFactory: boolean): Chain | undefined {
  let node = expression;
  let awaited = false;
  const prefixes: string[] = [];
  for (;;) {
    if (Node.isParenthesizedExpression(node) || Node.isNonNullExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isTypeAssertion(node)) {
      node = node.getExpression();
    } else if (Node.isAwaitExpression(node)) {
      awaited = true;
      node = node.getExpression();
    } else if (Node.isCallExpression(node) && allowFactory && node.getArguments().length === 0) {
      node = node.getExpression();
    } else if (Node.isPropertyAccessExpression(node)) {
      prefixes.push(compact(node));
      node = node.getExpression();
    } else if (Node.isIdentifier(node) || Node.isThisExpression(node)) {
      prefixes.push(compact(node));
      return { kind: 'chain', root: node, prefixes, awaited };
    } else if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isNumericLiteral(node)) {
      return prefixes.length === 0 ? { kind: 'literal' } : undefined;
    } else {
      return undefined;
    }
  }
}

/** Assignments (and `++`/`--`) anywhere in the file to the root or to one of the chain's prefixes. */
function writesTo(root: Node, prefixes: string[], file: SourceFile): Node[] {
  const symbol = Node.isIdentifier(root) ? symbolOf(root) : undefined;
  const sameRoot = (node: Node): boolean => {
    let current = node;
    while (Node.isPropertyAccessExpression(current)) current = current.getExpression();
    if (Node.isThisExpression(root)) return Node.isThisExpression(current) && current.getFirstAncestorByKind(SyntaxKind.ClassDeclaration) === root.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    return Node.isIdentifier(current) && variableSymbolOf(current) === symbol;
  };
  const wanted = new Set(prefixes);
  const candidates: Node[] = writeCandidates(file)
    .filter(({ text }) => wanted.has(text))
    .map(({ node }) => wrap(file, node));
  return candidates.filter((node) => !isMemberNameNode(node) && sameRoot(node) && isWriteTarget(node));
}

const writeCandidateCache = new WeakMap<SourceFile, Array<{ node: ts.Node; text: string }>>();

/**
 * The identifiers and property accesses of the file that stand where a value is written, with their
 * text, spaces left out: asked for again for every chain. Only the places isWriteTarget may accept
 * (the same parents, before its finer checks): most names of a file are read, never written.
 */
function writeCandidates(file: SourceFile): Array<{ node: ts.Node; text: string }> {
  let candidates = writeCandidateCache.get(file);
  if (!candidates) {
    const sf = file.compilerNode;
    candidates = [...compilerNodesOfKind(file, SyntaxKind.Identifier), ...compilerNodesOfKind(file, SyntaxKind.PropertyAccessExpression)]
      .filter(mayBeWritten)
      .map((node) => ({ node, text: node.getText(sf).replace(/\s+/g, '') }));
    writeCandidateCache.set(file, candidates);
  }
  return candidates;
}

function isMemberNameNode(node: Node): boolean {
  return Node.isIdentifier(node) && isMemberName(node);
}

function compact(node: Node): string {
  return node.getText().replace(/\s+/g, '');
}

/** A function body of any kind (ts-morph's `isFunctionLikeDeclaration` leaves out function expressions). */
export function isFunction(node: Node): boolean {
  return Node.isFunctionLikeDeclaration(node) || Node.isFunctionExpression(node);
}

/** The function (arrows included) a node runs in, or its file. */
export function functionOf(node: Node): Node {
  return node.getFirstAncestor((a) => isFunction(a) || Node.isSourceFile(a)) ?? node.getSourceFile();
}

/** What `this` means at a node: the nearest non-arrow function, class field or file. */
function thisContainerOf(node: Node): Node {
  return (
    node.getFirstAncestor(
      (a) =>
        (isFunction(a) && !Node.isArrowFunction(a)) ||
        Node.isPropertyDeclaration(a) ||
        Node.isClassStaticBlockDeclaration(a) ||
        Node.isSourceFile(a),
    ) ?? node.getSourceFile()
  );
}
