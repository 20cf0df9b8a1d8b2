import { Node, SyntaxKind, type CallExpression, type Expression, type ObjectLiteralElementLike, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { ObjectLiteralEditor, propertyName } from '../src/primitives/object-literal.js';
import { resolveAuthConfig } from './model/auth-configs.js';
import { dropArgumentsAfter, replaceCallee } from './model/call-site.js';
import { quoted, styleFor } from './model/code-style.js';
import { toolkitSlugsOf, accountsModel, isMigratedAccountId, type AccountFieldRead, type AccountsModel } from './model/connected-accounts.js';
import { connectionNameText, nameListText, namesUnwritable, writtenName } from './model/name-expressions.js';
import { connectorOf, resolveToolkit } from './model/names.js';
import { declaredTypeAt } from './model/declared-types.js';

/**
 * composio.connectedAccounts.list({ userIds: [userId], toolkitSlugs: ['github'] })   ({ entityId: userId } too)
 *   → composio.actions.listConnectedAccounts({ identifier: userId, connectionNames: ['github'] })
 *     (result `.items` → `.connectedAccounts`, `.nextCursor` → `.nextPageToken`, item `.toolkit.slug` → `.connector`)
 * composio.connectedAccounts.get(id)     → composio.actions.getConnectedAccount({ connectedAccountId: id })
 *     (result `.status` → `.connectedAccount?.status`)
 * composio.connectedAccounts.delete(id)  → composio.actions.deleteConnectedAccount({ connectedAccountId: id })
 *
 * Filters and fields with no Scalekit equivalent are reported where they stand; a list of
 * several users is kept and reported (Scalekit lists one identifier at a time).
 */
const transform: SourceTransform = {
  id: 'connected-accounts-to-actions',
  description: 'connectedAccounts.list/get/delete → actions.listConnectedAccounts/getConnectedAccount/deleteConnectedAccount, result fields followed',
  // connectedAccounts.list/get/delete
  precondition: /\bconnectedAccounts\b/,
  apply(file, ctx) {
    const model = accountsModel(file, ctx);
    if (model.calls.length === 0) return;
    for (const { call, client, kind, migratable, writtenAgain, unknownToolkit } of model.calls) {
      if (unknownToolkit) namesUnwritable(call, [[toolkitSlugsOf(call), 'toolkits']], ctx);
      else if (writtenAgain) ctx.reportAt('connected-accounts-result-written-again', call);
      else if (!migratable) ctx.reportAt('connected-accounts-list-unmigrated', call);
      else if (kind === 'list') migrateList(call, client, file, ctx);
      else migrateById(call, client, kind === 'get' ? 'getConnectedAccount' : 'deleteConnectedAccount', model, ctx);
    }
    migrateListReads(model, ctx);
    for (const read of model.fieldReads) migrateFieldRead(read, file, ctx);
    const reported = new Set<Node>();
    for (const { node, holds } of model.escapes) {
      if (reported.has(node)) continue;
      reported.add(node);
      const declared = declaredTypeAt(node);
      if (declared) ctx.reportAt('result-declared-type', node, `(${declared}; it holds ${SCALEKIT_SHAPES[holds]} now)`);
      else if (holds === 'delete-response' && isFieldRead(node)) ctx.reportAt('connected-account-delete-result', node, `(${fieldReadName(node)})`);
      else ctx.reportAt('connected-account-shape', node);
    }
  },
};

export default transform;

/** `res.success`, `res['success']`, `const { success } = res`: a field read of a value (an escape of the accounts model). */
function isFieldRead(node: Node): boolean {
  return Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node) || Node.isBindingElement(node);
}

function fieldReadName(node: Node): string {
  if (Node.isPropertyAccessExpression(node)) return `.${node.getName()}`;
  if (Node.isBindingElement(node)) return `{ ${node.getPropertyNameNode()?.getText() ?? node.getName()} }`;
  return node.getText();
}

const RENAMED_FILTERS: Record<string, string> = { limit: 'pageSize', cursor: 'pageToken' };

/** What a value the accounts model could not follow holds now, for the findings. */
const SCALEKIT_SHAPES: Record<string, string> = {
  'list-response': "Scalekit's ListConnectedAccountsResponse ({ connectedAccounts, nextPageToken, totalSize })",
  accounts: "Scalekit's ConnectedAccountForList[] (connector, status as ConnectorStatus, no toolkit or authConfig)",
  account: "a Scalekit ConnectedAccountForList (connector, status as ConnectorStatus, no toolkit or authConfig)",
  'get-response': "Scalekit's GetConnectedAccountByIdentifierResponse ({ connectedAccount })",
  'delete-response': "Scalekit's DeleteConnectedAccountResponse (an empty message)",
};

function migrateList(call: CallExpression, client: Expression, file: SourceFile, ctx: SourceFileContext): void {
  const [query] = call.getArguments();
  dropArgumentsAfter(call, 1, ctx);
  replaceCallee(call, client, 'actions.listConnectedAccounts', ctx);
  if (!query || !Node.isObjectLiteralExpression(query)) return;
  const editor = new ObjectLiteralEditor(query, ctx.edits);
  const hasToolkits = query.getProperties().some((p) => propertyName(p) === 'toolkitSlugs');
  for (const prop of query.getProperties()) {
    const name = propertyName(prop);
    if (name === 'userIds') {
      const value = Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
      const [only] = value && Node.isArrayLiteralExpression(value) ? value.getElements() : [];
      if (!only) continue;
      editor.renameKey(prop, 'identifier');
      editor.replaceValue(prop, only.getText());
    } else if (name === 'entityId' || name === 'userId') {
      // the pre-0.2 spelling of one user's id (`{ entityId }`), still met in apps
      if (Node.isShorthandPropertyAssignment(prop)) ctx.edits.add(prop.getStart(), prop.getEnd(), `identifier: ${prop.getName()}`);
      else editor.renameKey(prop, 'identifier');
    } else if (name === 'toolkitSlugs') {
      migrateToolkitSlugs(prop, editor, file, ctx);
    } else if (name !== undefined && name in RENAMED_FILTERS) {
      editor.renameKey(prop, RENAMED_FILTERS[name]!);
    } else if (name === 'authConfigIds' && !hasToolkits && migrateAuthConfigIds(prop, file, ctx)) {
      continue;
    } else {
      ctx.reportAt('connected-accounts-list-filter', prop, name ? `(${name})` : undefined);
      editor.remove(prop);
    }
  }
}

/** `toolkitSlugs: ['github']` → `connectionNames: ['github']`, names mapped like every other toolkit name. */
function migrateToolkitSlugs(prop: ObjectLiteralElementLike, editor: ObjectLiteralEditor, file: SourceFile, ctx: SourceFileContext): void {
  if (Node.isShorthandPropertyAssignment(prop)) {
    const text = nameListText(prop.getNameNode(), file, ctx, 'toolkit');
    ctx.edits.add(prop.getStart(), prop.getEnd(), `connectionNames: ${text}`);
    return;
  }
  if (!Node.isPropertyAssignment(prop)) return;
  const value = prop.getInitializerOrThrow();
  editor.renameKey(prop, 'connectionNames');
  const text = nameListText(value, file, ctx, 'toolkit');
  if (text !== value.getText()) editor.replaceValue(prop, text);
}

/** `authConfigIds: [process.env.GITHUB_AUTH_CONFIG_ID!]` → `connectionNames: ['github']` when every id resolves. */
function migrateAuthConfigIds(prop: ObjectLiteralElementLike, file: SourceFile, ctx: SourceFileContext): boolean {
  const value = Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
  if (!value || !Node.isArrayLiteralExpression(value)) return false;
  const resolved = value.getElements().map((element) => resolveAuthConfig(element, ctx.mappings));
  if (resolved.length === 0 || resolved.some((r) => r === undefined)) return false;
  const missing = resolved.filter((r) => !resolveToolkit(r!.toolkit, ctx.mappings).ok);
  if (missing.length > 0) {
    ctx.reportAt('connector-not-in-catalog', prop, `(${missing.map((r) => `${r!.toolkit}, from ${r!.via}: no Scalekit connector '${connectorOf(r!.toolkit, ctx.mappings)}'`).join('; ')})`);
    return false;
  }
  const style = styleFor(file, ctx.state);
  const names = resolved.map((r) => quoted(writtenName(r!.toolkit, 'toolkit', ctx.mappings), style));
  ctx.edits.add(prop.getStart(), prop.getEnd(), `connectionNames: [${names.join(', ')}]`);
  value.getElements().forEach((element, i) => ctx.reportAt('auth-config-resolved', element, `(${resolved[i]!.via} → ${resolved[i]!.toolkit})`));
  return true;
}

function migrateById(call: CallExpression, client: Expression, method: string, model: AccountsModel, ctx: SourceFileContext): void {
  const [id] = call.getArguments();
  if (!id) return;
  dropArgumentsAfter(call, 1, ctx);
  replaceCallee(call, client, `actions.${method}`, ctx);
  // around the id, not over it: the edits inside it (`list.items[0].id`, a migrated call) stay
  if (id.getText() === 'connectedAccountId') ctx.edits.add(id.getStart(), id.getEnd(), '{ connectedAccountId }');
  else {
    ctx.edits.add(id.getStart(), id.getStart(), '{ connectedAccountId: ');
    ctx.edits.add(id.getEnd(), id.getEnd(), ' }');
  }
  // an id read from an account this code listed is Scalekit's own
  if (!isMigratedAccountId(id, model)) ctx.reportAt('composio-connected-account-id', call);
}

const LIST_RENAMES: Record<string, string> = { items: 'connectedAccounts', nextCursor: 'nextPageToken' };

function migrateListReads(model: AccountsModel, ctx: SourceFileContext): void {
  for (const { field, node } of model.listReads) {
    const renamed = LIST_RENAMES[field];
    if (!renamed) {
      ctx.reportAt('connected-account-field', node, field === 'totalPages' ? '(totalPages: Scalekit returns totalSize, a count of accounts)' : `(${field})`);
    } else if (Node.isPropertyAccessExpression(node)) {
      const name = node.getNameNode();
      ctx.edits.add(name.getStart(), name.getEnd(), renamed);
    } else if (Node.isBindingElement(node)) {
      const key = node.getPropertyNameNode();
      if (key) ctx.edits.add(key.getStart(), key.getEnd(), renamed);
      else ctx.edits.add(node.getNameNode().getStart(), node.getNameNode().getEnd(), `${renamed}: ${node.getName()}`);
    }
  }
}

/** Fields Scalekit's connected account has under the same name and meaning. */
const SAME_FIELDS = new Set(['id', 'status']);

function migrateFieldRead(read: AccountFieldRead, file: SourceFile, ctx: SourceFileContext): void {
  const { holder, field, node, object } = read;
  const scalekitField = field === 'toolkit.slug' ? 'connector' : SAME_FIELDS.has(field) ? field : undefined;
  if (Node.isBindingElement(node)) {
    if (holder === 'item' && field === 'toolkit' && migrateToolkitBinding(node, ctx)) return;
    if (holder === 'item' && scalekitField === field) return;
    ctx.reportAt('connected-account-field', node, holder === 'get-response' ? `(${field}, destructured from the response: read it from .connectedAccount)` : `(${field})`);
    return;
  }
  if (!scalekitField || !object) {
    const name = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
    ctx.reportAt('connected-account-field', name, `(${field})`);
    return;
  }
  if (holder === 'get-response') {
    ctx.edits.add(object.getEnd(), node.getEnd(), `.connectedAccount?.${scalekitField}`);
    // `id: account.connectedAccount?.id` may be undefined where the code's own type wants a value
    const declared = declaredTypeAt(node);
    if (declared) ctx.reportAt('result-declared-type', node, `(${declared}; Scalekit's response may hold no connectedAccount: ${field} can be undefined)`);
  } else if (field === 'toolkit.slug' && Node.isPropertyAccessExpression(node)) {
    const inner = node.getExpression();
    if (Node.isPropertyAccessExpression(inner)) ctx.edits.add(inner.getNameNode().getStart(), node.getEnd(), scalekitField);
  }
  if (field === 'toolkit.slug') mapComparedToolkit(node, file, ctx);
}

/** `({ toolkit: { slug } }) =>` → `({ connector: slug }) =>`. */
function migrateToolkitBinding(element: Node, ctx: SourceFileContext): boolean {
  if (!Node.isBindingElement(element)) return false;
  const pattern = element.getNameNode();
  if (!Node.isObjectBindingPattern(pattern)) return false;
  const [slug, ...others] = pattern.getElements();
  if (!slug || others.length > 0 || (slug.getPropertyNameNode()?.getText() ?? slug.getName()) !== 'slug' || slug.getInitializer()) return false;
  return ctx.edits.add(element.getStart(), element.getEnd(), `connector: ${slug.getName()}`);
}

const EQUALITY = new Set([SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken]);

/** `a.toolkit.slug === 'GITHUB'`: the toolkit literal becomes the connection name, like every other. */
function mapComparedToolkit(read: Node, file: SourceFile, ctx: SourceFileContext): void {
  const parent = read.getParent();
  if (!Node.isBinaryExpression(parent) || !EQUALITY.has(parent.compilerNode.operatorToken.kind)) return;
  const other = parent.getLeft() === read ? parent.getRight() : parent.getLeft();
  if (!Node.isStringLiteral(other) && !Node.isNoSubstitutionTemplateLiteral(other)) return;
  if (!namesUnwritable(parent, [[other, 'toolkit']], ctx)) connectionNameText(other, file, ctx);
}
