import { lineAndColumn } from '../../src/findings.js';
import { PyFile } from './model.js';
import { memberPathMatches } from '../model/member-path.js';

/** Scalekit's own calls, met on the client only in code already migrated (a second run). */
export const SCALEKIT_CALLS = [/^actions\./, /^tools\.(list_scoped_tools|list_tools|list_available_tools|execute_tool)$/];

/**
 * composio.triggers.subscribe(...), composio.provider.handle_tool_calls(...), composio.mcp.create(...) ...
 *   → kept, reported, `# TODO(scalekit-migrate): ...` above the statement (rules: client-calls.json pythonCalls)
 * @composio.tools.custom_tool                → the same, above the decorated function
 *
 * Runs after every Python call transform: a call on the client none of them rewrote is reported
 * here, so nothing Composio does is dropped in silence.
 */
export function reportUnmappable(py: PyFile): void {
  const reported = new Set(py.ctx.findings.map((f) => `${f.line}:${f.column}`));
  for (const { call, path } of py.clientCalls()) {
    if (py.rewritten(call) || reported.has(lineAndColumnKey(py.text, call.startIndex))) continue;
    const member = path.join('.');
    if (SCALEKIT_CALLS.some((pattern) => pattern.test(member))) continue;
    const entry = py.ctx.mappings.pythonClientCalls.find((c) => memberPathMatches(c.path, path));
    if (entry) py.reportAt(entry.rule, call, `(${member})`);
  }
  for (const decorator of py.all('decorator')) {
    const expression = decorator.namedChildren[0];
    if (!expression || expression.type === 'call') continue; // a call is a client call, reported above
    const parts = expression.text.split('.');
    if (parts.length < 2) continue;
    const object = expression.type === 'attribute' ? leftmost(expression) : undefined;
    if (!object || !py.isClient(object)) continue;
    const entry = py.ctx.mappings.pythonClientCalls.find((c) => memberPathMatches(c.path, parts.slice(object.text.split('.').length)));
    if (entry) py.reportAt(entry.rule, decorator, `(@${expression.text})`);
  }
  // `subscription = composio.triggers.subscribe()` then `@subscription.handle(...)` (legacy: `listener = toolset.create_trigger_listener()`
  // then `@listener.callback(...)`): the handler is a trigger too
  const subscriptions = new Set<string>();
  for (const { call, path } of py.clientCalls()) {
    const trigger = path[0] === 'triggers' || py.ctx.mappings.pythonClientCalls.find((c) => memberPathMatches(c.path, path))?.rule === 'py-triggers';
    if (!trigger || call.parent?.type !== 'assignment') continue;
    const left = call.parent.childForFieldName('left');
    if (left?.type === 'identifier') subscriptions.add(left.text);
  }
  for (const decorator of py.all('decorator')) {
    const expression = decorator.namedChildren[0];
    const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
    if (callee?.type === 'attribute' && subscriptions.has(callee.childForFieldName('object')?.text ?? '')) py.reportAt('py-triggers', decorator, `(@${callee.text})`);
  }
}

function leftmost(node: import('../../src/python/parser.js').PyNode): import('../../src/python/parser.js').PyNode {
  let current = node;
  while (current.type === 'attribute') current = current.childForFieldName('object')!;
  return current;
}

function lineAndColumnKey(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `${line}:${column}`;
}
