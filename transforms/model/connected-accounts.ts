import { Node, Scope, SyntaxKind, VariableDeclarationKind, type CallExpression, type Expression, type ObjectLiteralExpression, type SourceFile } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { propertyName } from '../../src/primitives/object-literal.js';
import { bindingsFor } from './analyze-exports.js';
import { clientCalls, unwrap } from './composio-bindings.js';
import { returnedValuesOf, wrap } from './identifiers.js';
import { declarationNodes, declarationsOfNode, valueSymbolOf } from './scopes.js';
import { isFunction } from './sessions.js';
import { awaitedUsesOf, climbTransparent, isFollowable, referencesOf, usesOf, usesOfDeclaration, isWrittenAgainEscape, type ValueUse } from './value-uses.js';
import { unwritableNames } from './name-expressions.js';

/**
 * What the code holds of Composio connected accounts, read once per file and shared by the
 * transform that migrates the calls and the one that migrates status comparisons:
 *
 *   const { items } = await composio.connectedAccounts.list({ userIds: [userId] });   list response
 *   const github = items.find((a) => a.status === 'ACTIVE');                          `a`, `github`: accounts
 *   const acct = await composio.connectedAccounts.get(id);                            get response
 *
 * Only accounts that come from a call that will be migrated are followed: their fields and
 * statuses are Scalekit's after the migration; anything else stays Composio's and untouched.
 */
export type AccountsCallKind = 'list' | 'get' | 'delete';

export interface AccountsCall {
  call: CallExpression;
  client: Expression;
  kind: AccountsCallKind;
  /** A list call that cannot be migrated (several users, a filter that is not a literal) is kept. */
  migratable: boolean;
  /** A list filtered by a toolkit that Scalekit's catalogue has no connector for. */
  unknownToolkit?: boolean;
  /** Kept because a variable holding its result (or a value taken from it) is written again: its reads cannot be followed. */
  writtenAgain?: boolean;
}

/** Where an account comes from: a list item holds the fields; a get response holds them under `connectedAccount`. */
export type AccountHolder = 'item' | 'get-response';

/** A read of one field of an account: `a.toolkit.slug` (field `toolkit.slug`), `{ status } = a`. */
export interface AccountFieldRead {
  holder: AccountHolder;
  field: string;
  /** The member access (`a.toolkit.slug`, ending at the field) or the binding element. */
  node: Node;
  /** For member accesses: the account expression (`a`). */
  object?: Node;
}

/** A read of the list response: `res.items`, `{ nextCursor } = res`. */
export interface ListResponseRead {
  field: string;
  node: Node;
}

export interface AccountsModel {
  calls: AccountsCall[];
  listReads: ListResponseRead[];
  fieldReads: AccountFieldRead[];
  /** Expressions whose value is a migrated account's status (`a.status`, a `const` holding it, a destructured `status`). */
  statusReads: Array<{ node: Node; holder: AccountHolder }>;
  /** Values that leave the code we follow (returned, passed on), with what they hold. */
  escapes: Array<{ node: Node; holds: 'list-response' | 'accounts' | 'account' | 'get-response' | 'delete-response' }>;
}

const ITEM_CALLBACKS = new Set(['find', 'findLast', 'findIndex', 'findLastIndex', 'filter', 'some', 'every', 'map', 'forEach', 'flatMap', 'sort', 'toSorted']);
const RETURNS_ITEM = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
const RETURNS_ITEMS = new Set(['filter', 'slice', 'toSorted', 'toReversed', 'sort', 'reverse']);
const RETURNS_OTHER = new Set(['map', 'forEach', 'some', 'every', 'findIndex', 'findLastIndex', 'flatMap', 'includes', 'indexOf', 'join', 'reduce', 'length']);

export function accountsModel(file: SourceFile, ctx: SourceFileContext): AccountsModel {
  let model = ctx.state.get('connected-accounts-model') as AccountsModel | undefined;
  if (!model) {
    model = buildModel(file, ctx);
    ctx.state.set('connected-accounts-model', model);
  }
  return model;
}

/** The `toolkitSlugs` filter of a `connectedAccounts.list({ ... })` call. */
export function toolkitSlugsOf(call: CallExpression): Node | undefined {
  const [query] = call.getArguments();
  const property = query && Node.isObjectLiteralExpression(query) ? query.getProperties().find((p) => Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() === 'toolkitSlugs' : false) : undefined;
  return Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
}

function buildModel(file: SourceFile, ctx: SourceFileContext): AccountsModel {
  const model: AccountsModel = { calls: [], listReads: [], fieldReads: [], statusReads: [], escapes: [] };
  for (const { call, client, path } of clientCalls(file, bindingsFor(file, ctx))) {
    if (path.length !== 2 || path[0] !== 'connectedAccounts') continue;
    const kind = path[1];
    if (kind !== 'list' && kind !== 'get' && kind !== 'delete') continue;
    // a list filtered by a toolkit Scalekit has no connector for stays Composio's (reported by the transform)
    const unknownToolkit = kind === 'list' && unwritableNames([[toolkitSlugsOf(call), 'toolkits']], ctx.mappings).length > 0;
    const migratable = !unknownToolkit && (kind !== 'list' || isMigratableList(call));
    model.calls.push({ call, client, kind, migratable, ...(unknownToolkit ? { unknownToolkit } : {}) });
    if (!migratable) continue;
    const before = { listReads: model.listReads.length, fieldReads: model.fieldReads.length, statusReads: model.statusReads.length, escapes: model.escapes.length };
    const uses = awaitedUsesOf(call);
    if (kind === 'list') followListResponse(uses, model);
    else if (kind === 'get') followAccount(uses, 'get-response', model);
    else for (const use of uses) if (use.kind !== 'test') model.escapes.push({ node: use.node, holds: 'delete-response' });
    // a variable on the way written again (`let list = ...; ({ list } = other)`): what its reads see is not
    // known, so none of this call's reads is rewritten and the call is kept
    if (model.escapes.slice(before.escapes).some(({ node }) => isWrittenAgainEscape(node))) {
      model.listReads.length = before.listReads;
      model.fieldReads.length = before.fieldReads;
      model.statusReads.length = before.statusReads;
      model.escapes.length = before.escapes;
      model.calls[model.calls.length - 1] = { call, client, kind, migratable: false, writtenAgain: true };
    }
  }
  followHelperCalls(model);
  return model;
}

/**
 * `private async accountFor(u) { ...; return items.find(...) }`, then `const account = await this.accountFor(u)`:
 * what an async function or method of the file returns of a migrated call is followed at its calls in the file.
 * The return stays an escape unless every caller is one of these calls (a private method, a function the file does not export).
 */
function followHelperCalls(model: AccountsModel): void {
  const followed = new Set<Node>();
  const resolved = new Set<number>();
  for (let i = 0; i < model.escapes.length; i++) {
    const { node, holds } = model.escapes[i]!;
    if (holds === 'delete-response') continue;
    const fn = returningFunction(node);
    if (!fn || followed.has(fn)) continue;
    followed.add(fn);
    const { calls, all } = callsInFile(fn);
    for (const call of calls) {
      const uses = awaitedUsesOf(call);
      if (holds === 'list-response') followListResponse(uses, model);
      else if (holds === 'accounts') followAccounts(uses, model);
      else followAccount(uses, holds === 'account' ? 'item' : 'get-response', model);
    }
    if (!all) continue;
    model.escapes.forEach((escape, j) => {
      if (returningFunction(escape.node) === fn) resolved.add(j);
    });
  }
  model.escapes = model.escapes.filter((_, j) => !resolved.has(j));
}

/** The named async function or method an expression is returned from (`return x`, `async () => x`). */
function returningFunction(node: Node): Node | undefined {
  const value = climbTransparent(node);
  const parent = value.getParent();
  let fn: Node | undefined;
  if (Node.isReturnStatement(parent)) fn = parent.getFirstAncestor(isFunction);
  else if (Node.isArrowFunction(parent) && parent.getBody() === value) fn = parent;
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || !fn.isAsync()) return undefined;
  return fn;
}

/**
 * The calls of a function in its file: `helper(...)` of a declared or `const` function, `this.helper(...)` of a method;
 * `all` when nothing else can call it.
 */
function callsInFile(fn: Node): { calls: CallExpression[]; all: boolean } {
  const calls: CallExpression[] = [];
  if (Node.isMethodDeclaration(fn)) {
    const owner = fn.getParent();
    const name = fn.getName();
    if (fn.isStatic() || !Node.isClassDeclaration(owner)) return { calls, all: false };
    let others = false;
    for (const access of owner.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      if (access.getName() !== name) continue;
      const call = access.getParent();
      if (access.getExpression().getKind() === SyntaxKind.ThisKeyword && Node.isCallExpression(call) && call.getExpression() === access) calls.push(call);
      else others = true;
    }
    const isPrivate = fn.getScope() === Scope.Private || Node.isPrivateIdentifier(fn.getNameNode());
    return { calls, all: isPrivate && !others };
  }
  const holder = Node.isFunctionDeclaration(fn) ? fn : climbTransparent(fn).getParent();
  const name = Node.isFunctionDeclaration(holder) || Node.isVariableDeclaration(holder) ? holder.getNameNode() : undefined;
  if (!holder || !name || !Node.isIdentifier(name)) return { calls, all: false };
  let others = false;
  for (const reference of referencesOf(name)) {
    const call = reference.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === reference) calls.push(call);
    else others = true;
  }
  return { calls, all: !others && !isExported(holder, name.getText()) };
}

/** `export function`, `export const`, `export { name }`, `export default name` (a CommonJS export reads the name: not a call). */
function isExported(declaration: Node, name: string): boolean {
  const statement = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : declaration;
  if (statement && (Node.isVariableStatement(statement) || Node.isFunctionDeclaration(statement)) && statement.hasExportKeyword()) return true;
  for (const top of declaration.getSourceFile().getStatements()) {
    if (Node.isExportDeclaration(top) && !top.getModuleSpecifier() && top.getNamedExports().some((e) => e.getName() === name)) return true;
    if (Node.isExportAssignment(top) && top.getExpression().getText() === name) return true;
  }
  return false;
}

/** Scalekit lists one identifier's accounts: `userIds` must be absent or a literal array of one. */
export function isMigratableList(call: CallExpression): boolean {
  const [query] = call.getArguments();
  if (!query) return true;
  if (!Node.isObjectLiteralExpression(query)) return false;
  if (query.getProperties().some((p) => Node.isSpreadAssignment(p))) return false;
  const userIds = userIdsValue(query);
  if (userIds === 'absent') return true;
  return userIds !== undefined && Node.isArrayLiteralExpression(userIds) && userIds.getElements().length === 1 && !Node.isSpreadElement(userIds.getElements()[0]);
}

function userIdsValue(query: ObjectLiteralExpression): Node | 'absent' | undefined {
  const property = query.getProperties().find((p) => propertyName(p) === 'userIds');
  if (!property) return 'absent';
  return Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
}

function followListResponse(uses: ValueUse[], model: AccountsModel): void {
  for (const use of uses) {
    if (use.kind === 'member') {
      model.listReads.push({ field: use.name, node: use.node });
      if (use.name === 'items') followAccounts(usesOf(use.node), model);
    } else if (use.kind === 'binding') {
      model.listReads.push({ field: use.name, node: use.node });
      if (use.name === 'items') followAccounts(usesOfDeclaration(use.node), model);
    } else if (use.kind !== 'test') {
      model.escapes.push({ node: use.node, holds: 'list-response' });
    }
  }
}

/** Uses of an array of accounts: callbacks, `find` results, `[0]`, `for...of`. */
function followAccounts(uses: ValueUse[], model: AccountsModel): void {
  for (const use of uses) {
    if (use.kind === 'member') {
      const call = use.node.getParent();
      const isCall = Node.isCallExpression(call) && call.getExpression() === use.node;
      if (use.name === 'length' && !isCall) continue;
      if (!isCall) {
        model.escapes.push({ node: use.node, holds: 'accounts' });
        continue;
      }
      if (ITEM_CALLBACKS.has(use.name)) {
        const callback = call.getArguments()[0];
        if (callback && (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback))) {
          const parameters = use.name === 'sort' || use.name === 'toSorted' ? callback.getParameters().slice(0, 2) : callback.getParameters().slice(0, 1);
          for (const parameter of parameters) followAccount(usesOfDeclaration(parameter), 'item', model);
        } else if (callback) {
          model.escapes.push({ node: callback, holds: 'accounts' });
        }
      }
      if (RETURNS_ITEM.has(use.name)) followAccount(usesOf(call), 'item', model);
      else if (RETURNS_ITEMS.has(use.name)) followAccounts(usesOf(call), model);
      else if (!RETURNS_OTHER.has(use.name)) model.escapes.push({ node: use.node, holds: 'accounts' });
    } else if (use.kind === 'index') {
      followAccount(usesOf(use.node), 'item', model);
    } else if (use.kind === 'element' || use.kind === 'iteration') {
      followAccount(usesOfDeclaration(use.node), 'item', model);
    } else if (use.kind === 'binding') {
      model.escapes.push({ node: use.node, holds: 'accounts' });
    } else if (use.kind === 'escape') {
      model.escapes.push({ node: use.node, holds: 'accounts' });
    }
  }
}

/** Uses of one account: field reads, statuses. */
function followAccount(uses: ValueUse[], holder: AccountHolder, model: AccountsModel): void {
  for (const use of uses) {
    if (use.kind === 'member') {
      const object = use.node.getExpression();
      if (use.name === 'status') {
        model.fieldReads.push({ holder, field: 'status', node: use.node, object });
        for (const node of statusExpressions(use.node)) model.statusReads.push({ node, holder });
        continue;
      }
      const outer = use.node.getParent();
      if (use.name === 'toolkit' && Node.isPropertyAccessExpression(outer) && outer.getExpression() === use.node && outer.getName() === 'slug') {
        model.fieldReads.push({ holder, field: 'toolkit.slug', node: outer, object });
      } else {
        model.fieldReads.push({ holder, field: use.name, node: use.node, object });
      }
    } else if (use.kind === 'binding') {
      model.fieldReads.push({ holder, field: use.name, node: use.node });
      if (use.name === 'status' && holder === 'item') {
        const name = use.node.getNameNode();
        if (Node.isIdentifier(name)) for (const reference of referencesOf(name)) for (const node of statusExpressions(reference)) model.statusReads.push({ node, holder });
      }
    } else if (use.kind !== 'test') {
      model.escapes.push({ node: use.node, holds: holder === 'item' ? 'account' : 'get-response' });
    }
  }
}

/** A status read, and the reads of the `const` it is stored in (`const status = a.status`). */
function statusExpressions(node: Node): Node[] {
  const holder = climbTransparent(node);
  const parent = holder.getParent();
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === holder) {
    const name = parent.getNameNode();
    if (Node.isIdentifier(name)) return referencesOf(name).flatMap((reference) => statusExpressions(reference));
  }
  return [node];
}

/**
 * Whether a value is the id of an account a migrated call returned, so Scalekit's own id once the migration
 * lands: `items[0].id`, `{ id }` of an account, a variable holding one (never written again), or
 * `await accountId(user)` of a function of the file whose every `return` is one. Anything else
 * (a literal, an environment variable, a parameter) may be Composio's `ca_...`.
 */
export function isMigratedAccountId(value: Node, model: AccountsModel, depth = 0): boolean {
  if (depth > 8) return false;
  const node = unwrap(value);
  if (isIdRead(node, model)) return true;
  if (Node.isIdentifier(node)) {
    const parent = node.getParent();
    const declarations = Node.isShorthandPropertyAssignment(parent) ? declarationNodes(node.getSourceFile(), valueSymbolOf(parent)) : declarationsOfNode(node);
    const [declaration, ...others] = declarations;
    if (!declaration || others.length > 0 || !(Node.isVariableDeclaration(declaration) || Node.isBindingElement(declaration))) return false;
    const name = declaration.getNameNode();
    if (!Node.isIdentifier(name) || !isFollowable(declaration, name)) return false;
    if (Node.isBindingElement(declaration)) return isIdRead(declaration, model);
    const initializer = declaration.getInitializer();
    return initializer !== undefined && isMigratedAccountId(initializer, model, depth + 1);
  }
  if (Node.isCallExpression(node)) {
    const fn = calledFunction(node);
    const returned = fn && returnedValues(fn);
    return returned !== undefined && returned.length > 0 && returned.every((r) => isMigratedAccountId(r, model, depth + 1));
  }
  return false;
}

function isIdRead(node: Node, model: AccountsModel): boolean {
  return model.fieldReads.some((read) => read.field === 'id' && read.node === node);
}

/** The function of the file a call calls: `helper()` of a declared or `const` function, `this.helper()` of its class's method. */
function calledFunction(call: CallExpression): Node | undefined {
  const callee = unwrap(call.getExpression());
  if (Node.isIdentifier(callee)) {
    const [declaration, ...others] = declarationsOfNode(callee);
    if (others.length > 0) return undefined;
    if (Node.isFunctionDeclaration(declaration)) return declaration;
    if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
    const initializer = declaration.getInitializer();
    return initializer && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)) ? initializer : undefined;
  }
  if (Node.isPropertyAccessExpression(callee) && Node.isThisExpression(callee.getExpression())) {
    const method = callee.getFirstAncestorByKind(SyntaxKind.ClassDeclaration)?.getInstanceMethod(callee.getName());
    return method && Node.isMethodDeclaration(method) ? method : undefined;
  }
  return undefined;
}

/** What a function returns: its expression body, or every `return`'s value (undefined when one returns nothing). */
function returnedValues(fn: Node): Node[] | undefined {
  if (!(Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  const values = returnedValuesOf(fn);
  if (values.length === 0 || values.includes(undefined)) return undefined;
  return values.map((value) => wrap(fn.getSourceFile(), value!));
}
