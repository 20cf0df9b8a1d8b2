import { Node, SyntaxKind, ts, type CallExpression, type ObjectLiteralExpression, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { ObjectLiteralEditor, propertyName } from '../src/primitives/object-literal.js';
import { bindingsFor } from './model/analyze-exports.js';
import { awaitedResultUses } from './model/awaited-result.js';
import { migrateCallOptions } from './model/call-options.js';
import { quoted, styleFor } from './model/code-style.js';
import { clientCalls } from './model/composio-bindings.js';
import { accountsModel, isMigratedAccountId } from './model/connected-accounts.js';
import { renameClientMembers } from './model/member-path.js';
import { connectionForToolText, constantString, namesUnwritable, toolNameText } from './model/name-expressions.js';
import { metaToolRule } from './model/names.js';
import { insertAfter, propertiesText, removeProperties } from './model/property-list.js';
import { migrateToolInput } from './model/tool-input.js';
import { declaredTypeAt } from './model/declared-types.js';

/**
 * composio.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId, arguments: { title }, dangerouslySkipVersionCheck: true })
 *   → composio.actions.executeTool({ toolName: 'github_issue_create', identifier: userId, connector: 'github', toolInput: { title } })
 *
 * The parameter object is edited where it stands, so its layout is kept. The awaited result is
 * followed in the code that holds it: `r.data.x` → `r.data?.['x']` (Scalekit's data may be
 * undefined), `r.logId` → `r.executionId`; `r.successful` / `r.error` are reported, since a
 * failed Scalekit call throws instead. A `connectedAccountId` read from an account the migrated code
 * listed is Scalekit's own and stays; any other is Composio's (`ca_...`): removed and reported.
 */
const transform: SourceTransform = {
  id: 'tools-execute-to-execute-tool',
  description: 'composio.tools.execute(slug, { userId, arguments }) → actions.executeTool({ toolName, identifier, connector, toolInput })',
  // a call of the client's tools.execute names its member
  precondition: /\bexecute\b/,
  apply(file, ctx) {
    for (const { call, path } of clientCalls(file, bindingsFor(file, ctx))) {
      if (path.join('.') === 'tools.execute') migrateExecute(call, file, ctx);
    }
  },
};

export default transform;

/** Options of the Composio call that pin tool versions; Scalekit tools are not versioned by the caller. */
const VERSION_OPTIONS = new Set(['version', 'dangerouslySkipVersionCheck']);
const CUSTOM_AUTH_OPTIONS = new Set(['customAuthParams', 'customConnectionData']);
/** Options removed from the call (each reported): version knobs, Composio account ids, tracing. */
const REMOVED_OPTIONS = new Set([...VERSION_OPTIONS, 'connectedAccountId', 'allowTracing']);

function migrateExecute(call: CallExpression, file: SourceFile, ctx: SourceFileContext): void {
  const [slug, body, options] = call.getArguments();
  if (!slug) return;
  const slugValue = constantString(slug);
  const meta = slugValue === undefined ? undefined : metaToolRule(slugValue);
  if (meta) {
    ctx.reportAt(meta, call, `(${slugValue})`);
    return;
  }
  if (!body || !isReadable(body)) {
    ctx.reportAt('tools-execute-body-not-literal', call);
    return;
  }
  if (namesUnwritable(call, [[slug, 'tool']], ctx)) return;

  renameClientMembers(call, ['actions', 'executeTool'], ctx.edits);
  // the slug goes first: the in-place edit of a literal slug then falls inside this removal and is refused, only its mapped text is used
  ctx.edits.add(slug.getStart(), body.getStart(), commentsBetween(slug, body));
  const toolName = toolNameText(slug, file, ctx);
  const connector = connectionForToolText(slug, file, ctx);

  const editor = new ObjectLiteralEditor(body, ctx.edits);
  const properties = body.getProperties();
  const userId = editor.property('userId');
  const accountId = properties.find((p) => propertyName(p) === 'connectedAccountId');
  // Scalekit's executeTool takes its own connectedAccountId: one read from an account the migrated code listed is kept
  const keptAccountId = accountId !== undefined && isMigratedAccountId(propertyValue(accountId), accountsModel(file, ctx));
  const removed = properties.filter((p) => REMOVED_OPTIONS.has(propertyName(p)!) && !(keptAccountId && p === accountId));
  const kept = properties.filter((p) => !removed.includes(p));
  const added = [`toolName: ${toolName}`, `connector: ${connector}`, ...(editor.property('arguments') ? [] : ['toolInput: {}'])];
  if (properties.length === 0) {
    editor.insert(0, added.join(', '));
  } else if (kept.length === 0) {
    // nothing stays: the new keys take the place of the first removed one
    ctx.edits.add(removed[0]!.getStart(), removed[0]!.getEnd(), propertiesText(body, removed[0]!, added));
  } else {
    // identifier keeps the place of userId; the new keys go around it, in the order Scalekit documents them
    editor.insert(0, added[0]!);
    for (const text of added.slice(1)) {
      if (userId) insertAfter(body, userId, text, ctx.edits);
      else editor.insert(0, text);
    }
  }
  removeProperties(body, kept.length === 0 ? removed.slice(1) : removed, ctx.edits);

  for (const property of properties) {
    const name = propertyName(property)!;
    if (name === 'userId') editor.renameKey(property, 'identifier');
    else if (name === 'arguments') editor.renameKey(property, 'toolInput');
    else if (VERSION_OPTIONS.has(name)) ctx.reportAt('version-pinning', property);
    else if (name === 'connectedAccountId') {
      if (!keptAccountId) ctx.reportAt('tools-connected-account-id', property);
    }
    else if (name === 'allowTracing') ctx.reportAt('tools-execute-option-dropped', property, `(${name})`);
    else if (CUSTOM_AUTH_OPTIONS.has(name)) ctx.reportAt('tools-custom-auth', property, `(${name})`);
    else ctx.reportAt('tools-execute-option-unsupported', property, `(${name})`);
  }
  if (!userId) ctx.reportAt('tools-execute-identifier-missing', call);
  const argumentsProperty = editor.property('arguments');
  migrateToolInput(slug, argumentsProperty ? propertyValue(argumentsProperty) : undefined, call, file, ctx);

  migrateCallOptions(options, call, ctx);
  migrateResult(call, file, ctx);
}

/**
 * The comments between two arguments (`'GMAIL_SEND_EMAIL', // send it`), kept where the first one is
 * removed: a line comment then ends its line, and the next argument keeps its indentation. '' when none.
 */
function commentsBetween(first: Node, next: Node): string {
  const text = first.getSourceFile().getFullText();
  const comma = text.indexOf(',', first.getEnd());
  // before the comma, on the comma's line (trailing ranges), then on the lines below it (leading ranges skip the first line)
  const afterComma = comma !== -1 && comma < next.getStart() ? [...(ts.getTrailingCommentRanges(text, comma + 1) ?? []), ...(ts.getLeadingCommentRanges(text, comma + 1) ?? [])] : [];
  const ranges = [...(ts.getTrailingCommentRanges(text, first.getEnd()) ?? []), ...afterComma];
  const comments = ranges.filter((r) => r.end <= next.getStart()).map((r) => text.slice(r.pos, r.end));
  if (comments.length === 0) return '';
  const lineStart = text.lastIndexOf('\n', next.getStart() - 1) + 1;
  const indent = /^[ \t]*$/.test(text.slice(lineStart, next.getStart())) ? text.slice(lineStart, next.getStart()) : '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineComment = ranges.some((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  return lineComment ? `${comments.join(`${eol}${indent}`)}${eol}${indent}` : `${comments.join(' ')} `;
}

/** The value of a `key: value` property, the name of a `key` one. */
function propertyValue(property: Node): Node {
  return Node.isPropertyAssignment(property) ? property.getInitializerOrThrow() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : property;
}

/** An object literal of plain `key: value` and `key` properties: anything else may hide the parameters. */
function isReadable(body: Node): body is ObjectLiteralExpression {
  if (!Node.isObjectLiteralExpression(body)) return false;
  return body.getProperties().every((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && propertyName(p) !== undefined);
}

/**
 * Composio's ToolExecuteResponse is `{ data, error, successful, logId? }`; Scalekit's is
 * `{ data?: JsonObject, executionId }` and a failure throws.
 */
export function migrateResult(call: CallExpression, file: SourceFile, ctx: SourceFileContext): void {
  for (const use of awaitedResultUses(call)) {
    if (use.kind === 'passed-on') {
      const declared = declaredTypeAt(use.node);
      if (declared) ctx.reportAt('result-declared-type', use.node, `(${declared}; Scalekit's executeTool gives ExecuteToolResponse: { data?, executionId }, and throws on a failure)`);
      else ctx.reportAt('tools-execute-result-passed-on', use.node);
    } else if (use.kind === 'read') {
      if (use.name === 'data') migrateDataRead(use.access, file, ctx);
      else if (use.name === 'successful' || use.name === 'error') ctx.reportAt('tools-execute-throws', use.access, `(.${use.name})`);
      else if (use.name === 'logId') renameRead(use.access, 'executionId', file, ctx);
      else ctx.reportAt('tools-execute-result-field', use.access, `(.${use.name})`);
    } else {
      const { element } = use;
      if (use.name === 'data') {
        // a default keeps `data` an object, as Composio's always was
        if (!element.getInitializer()) ctx.edits.add(element.getEnd(), element.getEnd(), ' = {}');
      } else if (use.name === 'successful' || use.name === 'error') {
        ctx.reportAt('tools-execute-throws', element, `(${use.name})`);
      } else if (use.name === 'logId') {
        const property = element.getPropertyNameNode();
        if (property) ctx.edits.add(property.getStart(), property.getEnd(), 'executionId');
        else ctx.edits.add(element.getStart(), element.getStart(), 'executionId: ');
      } else {
        ctx.reportAt('tools-execute-result-field', element, `(${use.name})`);
      }
    }
  }
}

function renameRead(access: Node, name: string, file: SourceFile, ctx: SourceFileContext): void {
  if (Node.isPropertyAccessExpression(access)) {
    const node = access.getNameNode();
    ctx.edits.add(node.getStart(), node.getEnd(), name);
  } else if (Node.isElementAccessExpression(access)) {
    const key = access.getArgumentExpressionOrThrow();
    ctx.edits.add(key.getStart(), key.getEnd(), quoted(name, styleFor(file, ctx.state)));
  }
}

/**
 * `r.data.x` → `r.data?.['x']`, `r.data[k]` → `r.data?.[k]`; a bare `r.data` that must be an
 * object → `r.data ?? {}`. Logging, conditions and spreads take an undefined as it is.
 */
function migrateDataRead(data: Node, file: SourceFile, ctx: SourceFileContext): void {
  const parent = data.getParent()!;
  const isAssigned = (node: Node) => {
    const p = node.getParent();
    return Node.isBinaryExpression(p) && p.getLeft() === node && p.compilerNode.operatorToken.kind === SyntaxKind.EqualsToken;
  };
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === data) {
    if (isAssigned(parent)) {
      ctx.reportAt('tools-execute-result-field', parent, '(data is read-only)');
      return;
    }
    ctx.edits.add(data.getEnd(), parent.getEnd(), `?.[${quoted(parent.getName(), styleFor(file, ctx.state))}]`);
    return;
  }
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === data) {
    if (isAssigned(parent)) {
      ctx.reportAt('tools-execute-result-field', parent, '(data is read-only)');
      return;
    }
    const open = parent.getFirstChildByKindOrThrow(SyntaxKind.OpenBracketToken);
    if (!parent.hasQuestionDotToken()) ctx.edits.add(open.getStart(), open.getStart(), '?.');
    return;
  }
  if (takesUndefined(data)) return;
  ctx.edits.add(data.getStart(), data.getEnd(), needsParentheses(data) ? `(${data.getText()} ?? {})` : `${data.getText()} ?? {}`);
}

const LOGGERS = /^(console\.\w+|JSON\.stringify|String)$/;

/** Places where `undefined` reads as well as an object: logging, templates, conditions, spreads, comparisons. */
function takesUndefined(node: Node): boolean {
  const parent = node.getParent()!;
  if (Node.isCallExpression(parent) && parent.getArguments().includes(node)) return LOGGERS.test(parent.getExpression().getText());
  if (Node.isTemplateSpan(parent) || Node.isSpreadAssignment(parent) || Node.isSpreadElement(parent) || Node.isTypeOfExpression(parent)) return true;
  if (Node.isPrefixUnaryExpression(parent) && parent.getOperatorToken() === SyntaxKind.ExclamationToken) return true;
  if ((Node.isIfStatement(parent) || Node.isWhileStatement(parent)) && parent.getExpression() === node) return true;
  if (Node.isConditionalExpression(parent) && parent.getCondition() === node) return true;
  if (Node.isBinaryExpression(parent)) {
    const op = parent.compilerNode.operatorToken.kind;
    const logical = op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken;
    const equality = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    return (logical && parent.getLeft() === node) || equality;
  }
  return false;
}

/** Whether `x ?? {}` needs parentheses where `x` stands. */
function needsParentheses(node: Node): boolean {
  const parent = node.getParent()!;
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return !(parent.getArguments() as Node[]).includes(node);
  return !(
    Node.isVariableDeclaration(parent) ||
    Node.isReturnStatement(parent) ||
    Node.isPropertyAssignment(parent) ||
    Node.isArrayLiteralExpression(parent) ||
    Node.isParenthesizedExpression(parent) ||
    Node.isArrowFunction(parent) ||
    Node.isExpressionStatement(parent) ||
    (Node.isBinaryExpression(parent) && parent.getRight() === node && parent.compilerNode.operatorToken.kind === SyntaxKind.EqualsToken)
  );
}
