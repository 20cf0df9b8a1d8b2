import type { PyNode } from '../../src/python/parser.js';
import type { ValueRule } from '../../src/mappings/schema.js';
import { isWritable, resolveTool } from '../model/names.js';
import { argumentsNotLiteralText, planArguments, renamesText, takesText } from '../model/tool-arguments.js';
import type { PyFile } from './model.js';

/**
 * The arguments of a migrated tool call, made the Scalekit tool's (Python): for
 * `execute("GMAIL_SEND_EMAIL", arguments={"recipient_email": to, "is_html": True})`,
 * `tool_input={"to": to, "content_type": "text/html"}`. Keys and values are edited where they stand; the call's
 * rewrite carries the argument's text with them (py.source). The keys the tool does not take, values to restructure
 * by hand and required parameters missing are reported, as for TypeScript (transforms/model/tool-input.ts).
 */
export function pyToolInput(py: PyFile, slug: string | undefined, input: PyNode | undefined, site: PyNode): void {
  if (slug === undefined) return;
  const tool = resolveTool(slug, py.ctx.mappings);
  if (!isWritable(tool)) return;
  if (!input) {
    const plan = planArguments([], tool, py.ctx.mappings);
    if (plan && plan.missing.length > 0) py.reportAt('tool-argument-missing', site, `(${plan.tool} needs ${plan.missing.join(', ')})`);
    return;
  }
  const pairs = input.type === 'dictionary' ? input.namedChildren.filter((c): c is PyNode => c !== null && c.type !== 'comment') : undefined;
  const keyed = pairs?.every((p) => p.type === 'pair' && py.stringValue(p.childForFieldName('key') ?? undefined) !== undefined);
  if (!pairs || !keyed) {
    const notLiteral = argumentsNotLiteralText(tool, py.ctx.mappings);
    if (notLiteral) py.ctx.report('tool-arguments-not-literal', input.startIndex, notLiteral);
    return;
  }
  const byKey = new Map(pairs.map((p) => [py.stringValue(p.childForFieldName('key')!)!, p]));
  const plan = planArguments([...byKey.keys()], tool, py.ctx.mappings);
  if (!plan) return;
  let changed = false;
  const paramType = (name: string) => plan.params.find((p) => p.name === name)?.type;
  for (const { from, to, value } of plan.renames) {
    const pair = byKey.get(from)!;
    const key = pair.childForFieldName('key')!;
    py.ctx.edits.add(key.startIndex, key.endIndex, py.requote(key, to));
    changed = true;
    if (value) {
      const node = pair.childForFieldName('value')!;
      py.replace(node, convertedValue(py, node, value, paramType(to)));
    }
  }
  for (const { key, value } of plan.converted) {
    const node = byKey.get(key)!.childForFieldName('value')!;
    py.replace(node, convertedValue(py, node, value, paramType(key)));
    changed = true;
  }
  if (changed) py.ctx.report('tool-arguments-renamed', input.startIndex, `(${tool.slug} → ${tool.name}: ${renamesText(plan)})`);
  for (const { key, shape } of plan.shapes) py.reportAt('tool-argument-shape', byKey.get(key)!, `(${key} → ${shape})`);
  for (const { key, note } of plan.unknown) py.reportAt('tool-argument-unknown', byKey.get(key)!, `(${key}${note ? `: ${note}` : ''}${takesText(plan)})`);
  if (plan.missing.length > 0) {
    const restructured = plan.shapes.length > 0 ? ', unless the restructured arguments give it' : '';
    py.reportAt('tool-argument-missing', site, `(${plan.tool} needs ${plan.missing.join(', ')}${restructured})`);
  }
}

/** The value once converted; an expression keeps the edits already taken inside it (py.source). */
function convertedValue(py: PyFile, node: PyNode, rule: ValueRule, type: string | undefined): string {
  const text = py.source(node);
  const string = py.stringValue(node);
  switch (rule) {
    case 'is-html-to-content-type':
      if (node.type === 'true') return py.quote('text/html');
      if (node.type === 'false') return py.quote('text/plain');
      return `${py.quote('text/html')} if ${text} else ${py.quote('text/plain')}`;
    case 'is-html-to-body-type':
      if (node.type === 'true') return py.quote('HTML');
      if (node.type === 'false') return py.quote('Text');
      return `${py.quote('HTML')} if ${text} else ${py.quote('Text')}`;
    case 'join-with-commas': {
      if (node.type === 'list') {
        const values = node.namedChildren.filter((c): c is PyNode => c !== null && c.type !== 'comment').map((c) => py.stringValue(c));
        if (values.every((v): v is string => v !== undefined)) return py.quote(values.join(','));
      }
      return `${py.quote(',')}.join(${text})`;
    }
    case 'wrap-in-array':
      return `[${text}]`;
    case 'to-string':
      if (node.type === 'integer' || node.type === 'float') return py.quote(text);
      if (node.type === 'true' || node.type === 'false') return py.quote(text.toLowerCase());
      if (string !== undefined) return text;
      return `str(${text})`;
    case 'to-number':
      if (node.type === 'integer' || node.type === 'float') return text;
      if (string !== undefined && string.trim() !== '' && Number.isFinite(Number(string))) return String(Number(string));
      return `${type === 'integer' ? 'int' : 'float'}(${text})`;
    case 'json-stringify':
      if (string !== undefined) return text;
      py.addImport('import json');
      return `json.dumps(${text})`;
  }
}
