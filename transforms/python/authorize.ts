import { toolkitOfAuthConfigName } from '../model/auth-configs.js';
import { pyConnectionName, pyNamesUnwritable } from './written-names.js';
import type { PyNode } from '../../src/python/parser.js';
import { PyFile } from './model.js';
import { reportRunTimeName, runTimeName } from './run-time-names.js';

/**
 * request = composio.toolkits.authorize(user_id=uid, toolkit="gmail")
 *   → composio.actions.get_or_create_connected_account(connection_name="gmail", identifier=uid)
 *     request = composio.actions.get_authorization_link(connection_name="gmail", identifier=uid)
 * request.redirect_url → request.link; request.id, request.status, request.wait_for_connection() reported.
 *
 * composio.connected_accounts.initiate(user_id, os.environ["GITHUB_AUTH_CONFIG_ID"])   (also .link)
 *   → the same, for the toolkit the auth config names (--mappings authConfigs, or the variable's name)
 */
export function migrateAuthorize(py: PyFile): void {
  for (const { call, client, path } of py.clientCalls()) {
    const member = path.join('.');
    if (!['toolkits.authorize', 'connected_accounts.initiate', 'connected_accounts.link'].includes(member) || py.rewritten(call)) continue;
    const args = py.argumentsOf(call);
    const user = args?.keywords.get('user_id') ?? args?.positional[0];
    const statement = connectedAccountStatement(py, call);
    let connection: string | undefined;
    if (member === 'toolkits.authorize') {
      const toolkitNode = args?.keywords.get('toolkit') ?? args?.positional[1];
      const toolkit = py.stringValue(toolkitNode);
      // a toolkit known only at run time goes through the generated scalekit_names.py
      const atRunTime = toolkit === undefined && toolkitNode !== undefined && args !== undefined && user !== undefined && statement !== undefined;
      if (pyNamesUnwritable(py, call, [[toolkit, 'toolkit']])) continue;
      connection = toolkit ? py.quote(pyConnectionName(toolkit, py)) : atRunTime ? runTimeName(py, 'to_scalekit_connection_name', toolkitNode!) : toolkitNode?.text;
      if (atRunTime) reportRunTimeName(py, toolkitNode!);
    } else {
      // initiate/link(user_id, auth_config_id): the toolkit from --mappings authConfigs or the variable's name (GITHUB_AUTH_CONFIG_ID)
      const authConfig = args?.keywords.get('auth_config_id') ?? args?.positional[1];
      const toolkit = authConfig ? toolkitOfAuthConfig(py, authConfig) : undefined;
      if (!toolkit) {
        py.reportAt('py-auth-config-unresolved', call, `(${member})`);
        continue;
      }
      if (pyNamesUnwritable(py, call, [[toolkit, 'toolkit']])) continue;
      connection = py.quote(pyConnectionName(toolkit, py));
      const extra = [...(args?.keywords.keys() ?? [])].filter((k) => !['user_id', 'auth_config_id'].includes(k));
      for (const name of extra) py.reportAt(name === 'config' ? 'py-connection-credentials' : name === 'callback_url' ? 'py-authorization-callback-url' : 'py-execute-option-dropped', args!.keywords.get(name)!, `(${name})`);
    }
    if (!args || !user || !connection || !statement) {
      py.reportAt('py-call-unmigrated', call, statement ? `(${member})` : `(${member}: ${NO_STATEMENT})`);
      continue;
    }
    const parts = `connection_name=${connection}, identifier=${py.source(user)}`;
    addConnectedAccountCall(py, statement, client, parts);
    py.replace(call, `${py.source(client)}.actions.get_authorization_link(${parts})`);
    py.ctx.report('py-authorize', call.startIndex);
    migrateRequestUses(py, call);
  }
}

/** Why a call is left as it was when connectedAccountStatement finds no statement for it. */
export const NO_STATEMENT = 'no statement runs just before it here (a lambda, a comprehension, a condition, a compound statement\'s header), so get_or_create_connected_account has no place';

/** Where the account call would run at another time than the call, or not at all: a lambda's body, a comprehension's, one side of a condition. */
const DEFERRING = new Set(['lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'conditional_expression', 'boolean_operator']);

/**
 * The statement before which get_or_create_connected_account goes, so that it runs just before the
 * authorization call, in the same block: the expression or return statement holding the call. None
 * when the call sits in a lambda, a comprehension or a condition (`x if c else ...`, `a or ...`), or in
 * a compound statement's header (`elif (req := ...)`): the call is then reported and left as it was.
 */
export function connectedAccountStatement(py: PyFile, call: PyNode): PyNode | undefined {
  const statement = py.statementOf(call);
  if (statement.type !== 'expression_statement' && statement.type !== 'return_statement') return undefined;
  for (let child = call, node = call.parent; node && !node.equals(statement); child = node, node = node.parent) {
    // a condition's own test and a boolean operator's left operand always run
    const alwaysRuns = (node.type === 'boolean_operator' && node.childForFieldName('left')?.equals(child)) || (node.type === 'conditional_expression' && node.namedChildren[1]?.equals(child));
    if (DEFERRING.has(node.type) && !alwaysRuns) return undefined;
  }
  return statement;
}

/**
 * `client.actions.get_or_create_connected_account(<parts>)` before the statement: on a line of its own, or
 * `...; ` in front of it where the statement shares its line (`if need: req = ...`, `try: return ...`).
 */
export function addConnectedAccountCall(py: PyFile, statement: PyNode, client: PyNode, parts: string): void {
  const account = `${client.text}.actions.get_or_create_connected_account(${parts})`;
  const lineStart = py.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  if (/^[ \t]*$/.test(py.text.slice(lineStart, statement.startIndex))) py.ctx.edits.add(lineStart, lineStart, `${py.indentOf(statement)}${account}${py.eol}`);
  else py.ctx.edits.add(statement.startIndex, statement.startIndex, `${account}; `);
}

/**
 * `request.redirect_url` → `request.link` after the call, anywhere in the function (Python's scope: the
 * assignment may sit in a one-line `if`); `authorize(...).redirect_url` likewise. The other fields of
 * Composio's connection request reported.
 */
export function migrateRequestUses(py: PyFile, call: PyNode): void {
  if (call.parent?.type === 'attribute' && call.parent.childForFieldName('object')?.equals(call)) migrateRequestField(py, call.parent);
  const assignment = call.parent?.type === 'assignment' ? call.parent : undefined;
  const target = assignment?.childForFieldName('left');
  if (!target || target.type !== 'identifier') return;
  let scope: PyNode = py.tree.rootNode;
  for (let node = assignment!.parent; node; node = node.parent) if (node.type === 'function_definition') {
    scope = node;
    break;
  }
  for (const access of scope.descendantsOfType('attribute')) {
    if (!access || access.startIndex < call.endIndex || access.childForFieldName('object')?.text !== target.text) continue;
    migrateRequestField(py, access);
  }
}

function migrateRequestField(py: PyFile, access: PyNode): void {
  const field = access.childForFieldName('attribute')!;
  if (field.text === 'redirect_url' || field.text === 'redirectUrl') py.ctx.edits.add(field.startIndex, field.endIndex, 'link');
  else py.reportAt('py-connection-request-field', access, `(.${field.text})`);
}

/** `"ac_123"` (mapped in --mappings), `os.environ["GITHUB_AUTH_CONFIG_ID"]`, `os.getenv("...")`, `GMAIL_AUTH_CONFIG` → the toolkit. */
function toolkitOfAuthConfig(py: PyFile, node: PyNode): string | undefined {
  const literal = py.stringValue(node);
  if (literal !== undefined) return py.ctx.mappings.authConfigs[literal]?.toLowerCase();
  let name: string | undefined;
  if (node.type === 'identifier') name = node.text;
  else if (node.type === 'subscript' && /^os\.environ$/.test(node.childForFieldName('value')?.text ?? '')) name = py.stringValue(node.childForFieldName('subscript') ?? undefined);
  else if (node.type === 'call' && /^os\.(getenv|environ\.get)$/.test(node.childForFieldName('function')?.text ?? '')) name = py.stringValue(node.childForFieldName('arguments')?.namedChildren[0] ?? undefined);
  if (!name) return undefined;
  return py.ctx.mappings.authConfigs[name]?.toLowerCase() ?? toolkitOfAuthConfigName(name, py.ctx.mappings);
}
