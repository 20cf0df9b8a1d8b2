import { connectionNameForTool, metaToolRule } from '../model/names.js';
import { pyNamesUnwritable, pyToolName } from './written-names.js';
import { pyToolInput } from './tool-input.js';
import type { PyNode } from '../../src/python/parser.js';
import { PyFile } from './model.js';
import { reportRunTimeName, runTimeName } from './run-time-names.js';

/** Options of composio.tools.execute that Scalekit has no use for. */
const DROPPED = new Set(['version', 'dangerously_skip_version_check', 'modifiers', 'text', 'custom_auth_params', 'custom_connection_data']);

/**
 * composio.tools.execute("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", arguments={...}, user_id=uid)
 *   → composio.actions.execute_tool(tool_name="github_repo_star", identifier=uid, connection_name="github", tool_input={...})
 *
 * The slug may be positional or `slug=`; the arguments positional (second) or `arguments=`. A slug held
 * in a variable keeps its expression (tool name and connection reported to check). The result is
 * an object with .data that raises on failure: `result["data"]` becomes `result.data`, and any other
 * read of the old dict is reported.
 */
export function migrateToolsExecute(py: PyFile): void {
  for (const { call, client, path } of py.clientCalls()) {
    if (path.join('.') !== 'tools.execute' || py.rewritten(call)) continue;
    const args = py.argumentsOf(call);
    const slugNode = args?.positional[0] ?? args?.keywords.get('slug');
    const input = args?.positional[1] ?? args?.keywords.get('arguments');
    const user = args?.keywords.get('user_id');
    const slug = py.stringValue(slugNode);
    if (!args || !slugNode || !user || args.positional.length > 2) {
      py.reportAt('py-execute-unmigrated', call, !args ? `(${spread(call)}: the arguments cannot be read)` : user ? undefined : '(no user_id)');
      continue;
    }
    if (slug && metaToolRule(slug)) {
      py.reportAt('py-call-unmigrated', call, `(${slug}: a Composio meta tool)`);
      continue;
    }
    if (pyNamesUnwritable(py, call, [[slug, 'tool']])) continue;
    // a slug known only at run time goes through the generated scalekit_names.py (the same tables)
    const toolName = slug ? py.quote(pyToolName(slug, py)) : runTimeName(py, 'to_scalekit_tool_name', slugNode);
    const connection = slug ? py.quote(connectionNameForTool(slug, py.ctx.mappings)) : runTimeName(py, 'scalekit_connection_for_tool', slugNode);
    const parts = [`tool_name=${toolName}`, `identifier=${py.source(user)}`, `connection_name=${connection}`];
    pyToolInput(py, slug, input, call);
    parts.push(`tool_input=${input ? py.source(input) : '{}'}`);
    for (const [name, value] of args.keywords) {
      if (['slug', 'arguments', 'user_id'].includes(name)) continue;
      if (DROPPED.has(name)) py.ctx.report('py-execute-option-dropped', value.startIndex, `(${name})`);
      // a Composio id: execute_tool would look the account up by it first, and find none
      else if (name === 'connected_account_id') py.reportAt('py-execute-connected-account-id', value);
      else parts.push(`${name}=${py.source(value)}`);
    }
    if (!slug) reportRunTimeName(py, slugNode);
    if (!py.replace(call, `${py.source(client)}.actions.execute_tool${py.argumentList(call, parts)}`)) continue;
    migrateResult(py, call);
  }
}

/** The spread argument that makes a call's arguments unreadable (`**kwargs`, `*args`). */
function spread(call: PyNode): string {
  return call.childForFieldName('arguments')?.namedChildren.find((c) => c?.type === 'list_splat' || c?.type === 'dictionary_splat')?.text ?? 'its arguments';
}

/**
 * `result = composio.tools.execute(...)`: `result["data"]` → `result.data`; `result["successful"]`, `result["error"]` reported.
 * The same for a read chained on the call itself: `composio.tools.execute(...)["data"]` → `....execute_tool(...).data`.
 */
export function migrateResult(py: PyFile, call: PyNode): void {
  migrateChainedRead(py, call);
  const assignment = call.parent?.type === 'assignment' ? call.parent : undefined;
  const target = assignment?.childForFieldName('left');
  if (!target || target.type !== 'identifier') return;
  const scope = py.statementOf(assignment!).parent ?? py.tree.rootNode;
  let reported = false;
  for (const subscript of scope.descendantsOfType('subscript')) {
    if (!subscript || subscript.startIndex < call.endIndex || subscript.childForFieldName('value')?.text !== target.text) continue;
    const key = py.stringValue(subscript.childForFieldName('subscript') ?? undefined);
    if (key === 'data') py.ctx.edits.add(subscript.startIndex, subscript.endIndex, `${target.text}.data`);
    else if (!reported) {
      py.reportAt('py-execute-result', subscript, key ? `(["${key}"])` : undefined);
      reported = true;
    }
  }
  for (const get of scope.descendantsOfType('call')) {
    if (!get || get.startIndex < call.endIndex) continue;
    const callee = get.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== target.text || callee.childForFieldName('attribute')?.text !== 'get') continue;
    const key = py.stringValue(get.childForFieldName('arguments')?.namedChildren[0] ?? undefined);
    if (key === 'data' && get.childForFieldName('arguments')?.namedChildCount === 1) py.ctx.edits.add(get.startIndex, get.endIndex, `${target.text}.data`);
    else if (!reported) {
      py.reportAt('py-execute-result', get, key ? `(.get("${key}"))` : undefined);
      reported = true;
    }
  }
}

/** `execute(...)["data"]` or `execute(...).get("data")` → `.data` after the migrated call; any other read of the old dict there reported. */
function migrateChainedRead(py: PyFile, call: PyNode): void {
  const parent = call.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.equals(call)) {
    const key = py.stringValue(parent.childForFieldName('subscript') ?? undefined);
    if (key === 'data') py.ctx.edits.add(call.endIndex, parent.endIndex, '.data');
    else py.reportAt('py-execute-result', parent, key ? `(["${key}"])` : undefined);
    return;
  }
  const member = parent?.type === 'attribute' && parent.childForFieldName('object')?.equals(call) ? parent.childForFieldName('attribute')!.text : undefined;
  const get = member === 'get' && parent!.parent?.type === 'call' && parent!.parent.childForFieldName('function')?.equals(parent!) ? parent!.parent : undefined;
  if (get) {
    const key = py.stringValue(get.childForFieldName('arguments')?.namedChildren[0] ?? undefined);
    if (key === 'data' && get.childForFieldName('arguments')?.namedChildCount === 1) py.ctx.edits.add(call.endIndex, get.endIndex, '.data');
    else py.reportAt('py-execute-result', get, key ? `(.get("${key}"))` : undefined);
  } else if (member !== undefined && member !== 'data') {
    py.reportAt('py-execute-result', parent!, `(.${member})`);
  }
}
