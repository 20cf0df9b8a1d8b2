import { Node, VariableDeclarationKind, type ArrayLiteralExpression, type CallExpression, type ObjectLiteralElementLike, type ObjectLiteralExpression, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { ObjectLiteralEditor, propertyName } from '../src/primitives/object-literal.js';
import { bindingsFor } from './model/analyze-exports.js';
import { migrateCallOptions } from './model/call-options.js';
import { clientCalls, declarationsOf } from './model/composio-bindings.js';
import { declaredTypeAt } from './model/declared-types.js';
import { adapterFor, useAdapter } from './model/framework-adapters.js';
import { renameClientMembers } from './model/member-path.js';
import { constantString, nameListText, namesUnwritable, toolNameText } from './model/name-expressions.js';
import { metaToolRule } from './model/names.js';
import { removeProperties } from './model/property-list.js';
import { isCertainlyAny } from './model/scopes.js';
import { awaitedUsesOf } from './model/value-uses.js';

/**
 * composio.tools.get(userId, { toolkits: ['GITHUB'], limit: 20 })
 *   → composio.tools.listScopedTools(userId, { filter: { connectionNames: ['github'] }, pageSize: 20 })
 * composio.tools.get(userId, { tools: ['GMAIL_SEND_EMAIL'] })  → ...listScopedTools(userId, { filter: { toolNames: ['gmail_send_email'] } })
 * composio.tools.get(userId, 'GMAIL_SEND_EMAIL')                → ...listScopedTools(userId, { filter: { toolNames: ['gmail_send_email'] } })
 *
 * Filters Scalekit lacks (search, tags, scopes, authConfigIds, important) are removed and
 * reported where they stood. The result is Scalekit tool definitions, not the framework tools
 * Composio's provider made: that is reported at every call.
 */
const transform: SourceTransform = {
  id: 'tools-get-to-list-scoped-tools',
  description: 'composio.tools.get(userId, { toolkits | tools }) → tools.listScopedTools(userId, { filter: { connectionNames | toolNames } })',
  // a call of the client's tools.get names its member
  precondition: /\bget\b/,
  apply(file, ctx) {
    for (const { call, client, path } of clientCalls(file, bindingsFor(file, ctx))) {
      if (path.join('.') === 'tools.get') migrateGet(call, client, file, ctx);
    }
  },
};

export default transform;

/** Composio filters with no Scalekit equivalent, and the rule that reports each. */
const DROPPED_FILTERS: Record<string, string> = {
  search: 'tools-get-search',
  tags: 'tools-get-tags',
  scopes: 'tools-get-scopes',
  authConfigIds: 'tools-get-auth-config-ids',
  important: 'tools-get-important',
};
const NAME_FILTERS: Record<string, { key: string; kind: 'toolkit' | 'tool' }> = {
  toolkits: { key: 'connectionNames', kind: 'toolkit' },
  tools: { key: 'toolNames', kind: 'tool' },
};

function migrateGet(call: CallExpression, client: Node, file: SourceFile, ctx: SourceFileContext): void {
  const [, selection, options] = call.getArguments();
  if (!selection) return;
  const assumed = isImportedConstantName(selection);
  const slug = assumed || isSlug(selection);
  const slugs = slug ? [constantString(selection)] : toolSlugsOf(selection);
  const metaSlug = slugs.find((s) => s !== undefined && metaToolRule(s));
  // `tools: ['COMPOSIO_SEARCH_TOOLS', 'GMAIL_SEND_EMAIL']`, written in the call: the meta tools go, each reported, the others migrate
  const inline = !slug && metaSlug !== undefined ? inlineToolList(selection) : undefined;
  if (metaSlug && !(inline && inline.getElements().some((e) => !metaToolRule(constantString(e) ?? '')))) {
    ctx.reportAt(metaToolRule(metaSlug)!, call, `(${metaSlug})`);
    return;
  }
  if (!slug && !isReadable(selection)) {
    ctx.reportAt('tools-get-filters-not-literal', call);
    return;
  }
  if (namesUnwritable(call, slug ? [[selection, 'tool']] : nameFiltersOf(selection as ObjectLiteralExpression), ctx)) return;

  if (inline) dropMetaTools(inline, call, ctx);
  // with a framework provider, the generated adapter lists the tools and shapes them as the provider did
  const adapter = adapterFor(ctx);
  if (adapter) {
    ctx.edits.add(call.getExpression().getStart(), call.getExpression().getEnd(), adapter.tools);
    ctx.edits.add(call.getArguments()[0]!.getStart(), call.getArguments()[0]!.getStart(), `${client.getText()}, `);
    useAdapter(file, ctx, adapter, adapter.tools);
  } else {
    renameClientMembers(call, ['tools', 'listScopedTools'], ctx.edits);
  }
  if (slug) {
    if (assumed) ctx.reportAt('tools-get-slug-assumed', selection, `(${selection.getText()})`);
    const name = toolNameText(selection, file, ctx);
    // a literal slug was mapped where it stands: wrap it; otherwise write the name text in its place
    if (ctx.edits.touches(selection.getStart(), selection.getEnd())) {
      ctx.edits.add(selection.getStart(), selection.getStart(), '{ filter: { toolNames: [');
      ctx.edits.add(selection.getEnd(), selection.getEnd(), '] } }');
    } else {
      ctx.edits.add(selection.getStart(), selection.getEnd(), `{ filter: { toolNames: [${name}] } }`);
    }
  } else {
    migrateFilters(selection as ObjectLiteralExpression, file, ctx);
  }
  migrateCallOptions(options, call, ctx);
  if (adapter) ctx.reportAt('framework-adapter', call, `(${adapter.module}.ts: ${adapter.tools})`);
  else {
    ctx.reportAt('tools-get-result-definitions', call);
    reportArrayUses(call, ctx);
  }
}

/** What Scalekit's ListScopedToolsResponse has: the rest of what the code reads of the result was Composio's array. */
const RESPONSE_FIELDS = new Set(['tools', 'nextPageToken', 'prevPageToken', 'totalSize']);

/**
 * `const tools = await composio.tools.get(...)` read as the array Composio returned (`tools.length`, `tools.map(...)`,
 * `tools as MyTool[]`, `for (const t of tools)`): listScopedTools returns `{ tools }`, so each such read is reported
 * where it stands (the call's own TODO may stand lines above it).
 */
export function reportArrayUses(call: Node, ctx: SourceFileContext): void {
  for (const use of awaitedUsesOf(call)) {
    // a type of the code's own where the list goes: `tools as MyTool[]`, `const t: MyTool[] = tools`, a return typed ToolSet
    const declared = use.kind === 'escape' ? declaredTypeAt(use.node) : undefined;
    if (declared !== undefined) {
      if (/\[\]$/.test(declared) || /^(Readonly)?Array</.test(declared)) ctx.reportAt('tools-get-result-array', use.node, `(${declared})`);
      else ctx.reportAt('result-declared-type', use.node, `(${declared}; it holds Scalekit's ListScopedToolsResponse ({ tools, nextPageToken }) now)`);
      continue;
    }
    const arrayRead = (use.kind === 'member' && !RESPONSE_FIELDS.has(use.name)) || use.kind === 'index' || use.kind === 'element' || use.kind === 'iteration';
    if (!arrayRead || ctx.edits.touches(use.node.getStart(), use.node.getEnd())) continue;
    const detail = use.kind === 'member' ? `(.${use.name})` : use.kind === 'iteration' ? '(for...of)' : '([index])';
    ctx.reportAt('tools-get-result-array', use.node, detail);
  }
}

function migrateFilters(filters: ObjectLiteralExpression, file: SourceFile, ctx: SourceFileContext): void {
  const editor = new ObjectLiteralEditor(filters, ctx.edits);
  const dropped: ObjectLiteralElementLike[] = [];
  let filterWritten = false;
  for (const property of filters.getProperties()) {
    const name = propertyName(property)!;
    const nameFilter = NAME_FILTERS[name];
    if (nameFilter && !filterWritten) {
      writeNameFilter(property, nameFilter.key, nameFilter.kind, file, ctx);
      filterWritten = true;
    } else if (name === 'limit') {
      editor.renameKey(property, 'pageSize');
    } else {
      dropped.push(property);
    }
  }
  // listScopedTools needs a filter: without one, the first removed option leaves its place to an empty one
  if (!filterWritten && dropped.length > 0) ctx.edits.add(dropped[0]!.getStart(), dropped[0]!.getEnd(), 'filter: {}');
  else if (!filterWritten) editor.insert(0, 'filter: {}');
  removeProperties(filters, filterWritten ? dropped : dropped.slice(1), ctx.edits);
  for (const property of dropped) ctx.reportAt(DROPPED_FILTERS[propertyName(property)!]!, property, `(${property.getText()})`);
}

/** `toolkits: X` → `filter: { connectionNames: X' }`, the value's own text kept where it is mapped in place. */
function writeNameFilter(property: ObjectLiteralElementLike, key: string, kind: 'toolkit' | 'tool', file: SourceFile, ctx: SourceFileContext): void {
  if (Node.isShorthandPropertyAssignment(property)) {
    const text = nameListText(property.getNameNode(), file, ctx, kind);
    ctx.edits.add(property.getStart(), property.getEnd(), `filter: { ${key}: ${text} }`);
    return;
  }
  if (!Node.isPropertyAssignment(property)) return;
  const value = property.getInitializerOrThrow();
  const text = nameListText(value, file, ctx, kind);
  const name = property.getNameNode();
  ctx.edits.add(name.getStart(), name.getEnd(), `filter: { ${key}`);
  if (text !== value.getText()) ctx.edits.add(value.getStart(), value.getEnd(), text);
  ctx.edits.add(value.getEnd(), value.getEnd(), ' }');
}

/** The `tools: [...]` array literal written in the filters, each element a string. */
function inlineToolList(selection: Node): ArrayLiteralExpression | undefined {
  if (!Node.isObjectLiteralExpression(selection)) return undefined;
  const tools = selection.getProperties().find((p) => propertyName(p) === 'tools');
  const value = Node.isPropertyAssignment(tools) ? tools.getInitializer() : undefined;
  return value && Node.isArrayLiteralExpression(value) && value.getElements().every((e) => constantString(e) !== undefined) ? value : undefined;
}

/**
 * Removes the meta tools from a literal list of tools (`['COMPOSIO_SEARCH_TOOLS', 'GMAIL_SEND_EMAIL']` →
 * `['GMAIL_SEND_EMAIL']`), each run of them with its commas, and reports each at the call: they exist only in
 * Composio's sessions. At least one element stays (the caller checked).
 */
function dropMetaTools(list: ArrayLiteralExpression, call: CallExpression, ctx: SourceFileContext): void {
  const elements = list.getElements();
  const meta = elements.map((e) => metaToolRule(constantString(e) ?? ''));
  for (let i = 0; i < elements.length; i++) {
    if (!meta[i]) continue;
    let j = i;
    while (j + 1 < elements.length && meta[j + 1]) j++;
    // a run before a kept element goes up to it; a run at the end goes from the kept element before it
    if (j + 1 < elements.length) ctx.edits.add(elements[i]!.getStart(), elements[j + 1]!.getStart(), '');
    else ctx.edits.add(elements[i - 1]!.getEnd(), elements[j]!.getEnd(), '');
    for (let k = i; k <= j; k++) ctx.reportAt(meta[k]!, call, `(${constantString(elements[k]!)} dropped from the list of tools)`);
    i = j;
  }
}

/** The toolkit and tool lists a filters object names, for the catalogue check. */
function nameFiltersOf(filters: ObjectLiteralExpression): Array<[Node | undefined, 'tools' | 'toolkits']> {
  return filters.getProperties().flatMap((property): Array<[Node | undefined, 'tools' | 'toolkits']> => {
    const filter = NAME_FILTERS[propertyName(property) ?? ''];
    if (!filter) return [];
    const value = Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
    return [[value, filter.kind === 'tool' ? 'tools' : 'toolkits']];
  });
}

/** The second argument is a tool slug (the `get(userId, slug)` overload) rather than filters. */
function isSlug(selection: Node): boolean {
  if (constantString(selection) !== undefined || Node.isTemplateExpression(selection)) return true;
  if (Node.isObjectLiteralExpression(selection)) return false;
  if (isCertainlyAny(selection)) return false; // the type checker is built only where the type could be a string
  const type = selection.getType();
  return type.isString() || type.isStringLiteral() || type.isTemplateLiteral();
}

/**
 * `tools.get(userId, SEND_EMAIL)` with `SEND_EMAIL` imported: its type is not known in this file (imports are not
 * followed), but a constant's name (`SEND_EMAIL`, `Tools.GMAIL_SEND_EMAIL`) is that of one tool, as in Composio's examples.
 */
function isImportedConstantName(selection: Node): boolean {
  const name = Node.isIdentifier(selection) ? selection : Node.isPropertyAccessExpression(selection) ? selection.getNameNode() : undefined;
  if (!name || !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name.getText()) || /_(FILTERS?|OPTIONS|PARAMS|QUERY|CONFIG)$/.test(name.getText())) return false;
  return isCertainlyAny(selection);
}

/** An object literal of the options Composio documents, each a plain `key: value` or `key`. */
function isReadable(selection: Node): selection is ObjectLiteralExpression {
  if (!Node.isObjectLiteralExpression(selection)) return false;
  return selection.getProperties().every((p) => {
    const name = propertyName(p);
    return (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && name !== undefined && (name in NAME_FILTERS || name in DROPPED_FILTERS || name === 'limit');
  });
}

/** The tool slugs a `{ tools: [...] }` filter names, as far as they are constants of this file. */
function toolSlugsOf(selection: Node): Array<string | undefined> {
  if (!Node.isObjectLiteralExpression(selection)) return [];
  const tools = selection.getProperties().find((p) => propertyName(p) === 'tools');
  const value = Node.isPropertyAssignment(tools) ? tools.getInitializer() : undefined;
  const list = value && constantArray(value);
  return list ? list.getElements().map((e) => constantString(e)) : [];
}

function constantArray(expression: Node): Node & { getElements(): Node[] } | undefined {
  let node = expression;
  for (let depth = 0; depth < 5 && Node.isIdentifier(node); depth++) {
    const declaration = declarationsOf(node).find((d) => Node.isVariableDeclaration(d));
    if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
    const init = declaration.getInitializer();
    if (!init) return undefined;
    node = Node.isAsExpression(init) || Node.isSatisfiesExpression(init) ? init.getExpression() : init;
  }
  return Node.isArrayLiteralExpression(node) ? node : undefined;
}
