import { Node, SyntaxKind, type ObjectLiteralElementLike, type SourceFile } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import type { ValueRule } from '../../src/mappings/schema.js';
import { ObjectLiteralEditor, propertyName } from '../../src/primitives/object-literal.js';
import { quoted, styleFor } from './code-style.js';
import { constantString } from './name-expressions.js';
import { isWritable, resolveTool } from './names.js';
import { argumentsNotLiteralText, planArguments, renamesText, takesText } from './tool-arguments.js';

/**
 * The arguments of a migrated tool call, made the Scalekit tool's (TypeScript): for
 * `execute('GMAIL_SEND_EMAIL', { arguments: { recipient_email: to, is_html: true } })`,
 * `toolInput: { to: to, content_type: 'text/html' }`. Keys renamed and values converted where they stand;
 * a key the tool does not take, a value to restructure by hand and a required parameter missing are
 * reported; arguments that are not an object literal get the renames the tool needs, as an info.
 */
export function migrateToolInput(slug: Node, input: Node | undefined, site: Node, file: SourceFile, ctx: SourceFileContext): void {
  const value = constantString(slug);
  if (value === undefined) return;
  const tool = resolveTool(value, ctx.mappings);
  if (!isWritable(tool)) return;
  if (!input) {
    // no arguments: Scalekit's toolInput is {}, which must still give the required parameters
    const plan = planArguments([], tool, ctx.mappings);
    if (plan && plan.missing.length > 0) ctx.reportAt('tool-argument-missing', site, `(${plan.tool} needs ${plan.missing.join(', ')})`);
    return;
  }
  const literal = Node.isObjectLiteralExpression(input) ? input : undefined;
  const readable = literal?.getProperties().every((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && propertyName(p) !== undefined);
  if (!literal || !readable) {
    const text = argumentsNotLiteralText(tool, ctx.mappings);
    if (text) ctx.reportAt('tool-arguments-not-literal', input, text);
    return;
  }
  const properties = literal.getProperties();
  const plan = planArguments(properties.map((p) => propertyName(p)!), tool, ctx.mappings);
  if (!plan) return;
  const editor = new ObjectLiteralEditor(literal, ctx.edits);
  const byKey = new Map(properties.map((p) => [propertyName(p)!, p]));
  const style = styleFor(file, ctx.state);
  for (const { from, to, value: rule } of plan.renames) {
    const property = byKey.get(from)!;
    if (rule) {
      const converted = convertedValue(property, rule, style);
      ctx.edits.add(property.getStart(), property.getEnd(), `${keyText(to, style)}: ${converted}`);
    } else {
      renameKey(editor, property, keyText(to, style));
    }
  }
  for (const { key, value: rule } of plan.converted) editor.replaceValue(byKey.get(key)!, convertedValue(byKey.get(key)!, rule, style));
  if (plan.renames.length > 0 || plan.converted.length > 0) ctx.report('tool-arguments-renamed', literal.getStart(), `(${tool.slug} → ${tool.name}: ${renamesText(plan)})`);
  for (const { key, shape } of plan.shapes) ctx.reportAt('tool-argument-shape', byKey.get(key)!, `(${key} → ${shape})`);
  for (const { key, note } of plan.unknown) ctx.reportAt('tool-argument-unknown', byKey.get(key)!, `(${key}${note ? `: ${note}` : ''}${takesText(plan)})`);
  if (plan.missing.length > 0) {
    const restructured = plan.shapes.length > 0 ? ', unless the restructured arguments give it' : '';
    ctx.reportAt('tool-argument-missing', site, `(${plan.tool} needs ${plan.missing.join(', ')}${restructured})`);
  }
}

function keyText(key: string, style: ReturnType<typeof styleFor>): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quoted(key, style);
}

function renameKey(editor: ObjectLiteralEditor, property: ObjectLiteralElementLike, key: string): void {
  editor.renameKey(property, key);
}

/** The value of a property once a rule converted it: a literal is converted where the run can, anything else at run time. */
function convertedValue(property: ObjectLiteralElementLike, rule: ValueRule, style: ReturnType<typeof styleFor>): string {
  const node = Node.isPropertyAssignment(property) ? property.getInitializerOrThrow() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : property;
  const text = node.getText();
  const operand = needsParentheses(node) ? `(${text})` : text;
  const q = (s: string) => quoted(s, style);
  switch (rule) {
    case 'is-html-to-content-type':
      if (node.getKind() === SyntaxKind.TrueKeyword) return q('text/html');
      if (node.getKind() === SyntaxKind.FalseKeyword) return q('text/plain');
      return `${operand} ? ${q('text/html')} : ${q('text/plain')}`;
    case 'is-html-to-body-type':
      if (node.getKind() === SyntaxKind.TrueKeyword) return q('HTML');
      if (node.getKind() === SyntaxKind.FalseKeyword) return q('Text');
      return `${operand} ? ${q('HTML')} : ${q('Text')}`;
    case 'join-with-commas': {
      if (Node.isArrayLiteralExpression(node)) {
        const values = node.getElements().map((e) => (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e) ? e.getLiteralValue() : undefined));
        if (values.every((v): v is string => v !== undefined)) return q(values.join(','));
      }
      return `${operand}.join(${q(',')})`;
    }
    case 'wrap-in-array':
      return `[${text}]`;
    case 'to-string':
      if (Node.isNumericLiteral(node)) return q(node.getLiteralValue().toString());
      if (node.getKind() === SyntaxKind.TrueKeyword || node.getKind() === SyntaxKind.FalseKeyword) return q(text);
      if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return text;
      return `String(${text})`;
    case 'to-number':
      if (Node.isNumericLiteral(node)) return text;
      if ((Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) && node.getLiteralValue().trim() !== '' && Number.isFinite(Number(node.getLiteralValue()))) return String(Number(node.getLiteralValue()));
      return `Number(${text})`;
    case 'json-stringify':
      if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return text;
      return `JSON.stringify(${text})`;
  }
}

/** Whether `x` must be parenthesized before `? :` or `.join(...)`. */
function needsParentheses(node: Node): boolean {
  return !(Node.isIdentifier(node) || Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node) || Node.isCallExpression(node) || Node.isArrayLiteralExpression(node) || Node.isParenthesizedExpression(node) || Node.isStringLiteral(node));
}
