import { toolkitOfAuthConfigName } from '../model/auth-configs.js';
import { connectionNameOf } from '../model/names.js';
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
    if (!['toolkits.authorize', 'connected_accounts.initiate', 'connected_accounts.link'].includes(member) || py.touched(call)) continue;
    const args = py.argumentsOf(call);
    const user = args?.keywords.get('user_id') ?? args?.positional[0];
    const statement = py.statementOf(call);
    let connection: string | undefined;
    if (member === 'toolkits.authorize') {
      const toolkitNode = args?.keywords.get('toolkit') ?? args?.positional[1];
      const toolkit = py.stringValue(toolkitNode);
      // a toolkit known only at run time goes through the generated scalekit_names.py
      const atRunTime = toolkit === undefined && toolkitNode !== undefined && args !== undefined && user !== undefined && statement.type === 'expression_statement';
      connection = toolkit ? py.quote(connectionNameOf(toolkit, py.ctx.mappings)) : atRunTime ? runTimeName(py, 'to_scalekit_connection_name', toolkitNode!) : toolkitNode?.text;
      if (atRunTime) reportRunTimeName(py, toolkitNode!);
    } else {
      // initiate/link(user_id, auth_config_id): the toolkit from --mappings authConfigs or the variable's name (GITHUB_AUTH_CONFIG_ID)
      const authConfig = args?.keywords.get('auth_config_id') ?? args?.positional[1];
      const toolkit = authConfig ? toolkitOfAuthConfig(py, authConfig) : undefined;
      if (!toolkit) {
        py.reportAt('py-auth-config-unresolved', call, `(${member})`);
        continue;
      }
      connection = py.quote(connectionNameOf(toolkit, py.ctx.mappings));
      const extra = [...(args?.keywords.keys() ?? [])].filter((k) => !['user_id', 'auth_config_id'].includes(k));
      for (const name of extra) py.reportAt(name === 'config' ? 'py-connection-credentials' : name === 'callback_url' ? 'py-authorization-callback-url' : 'py-execute-option-dropped', args!.keywords.get(name)!, `(${name})`);
    }
    if (!args || !user || !connection || statement.type !== 'expression_statement') {
      py.reportAt('py-call-unmigrated', call, `(${member})`);
      continue;
    }
    const parts = `connection_name=${connection}, identifier=${user.text}`;
    const lineStart = py.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
    py.ctx.edits.add(lineStart, lineStart, `${py.indentOf(statement)}${client.text}.actions.get_or_create_connected_account(${parts})${py.eol}`);
    py.ctx.edits.add(call.startIndex, call.endIndex, `${client.text}.actions.get_authorization_link(${parts})`);
    py.ctx.report('py-authorize', call.startIndex);
    migrateRequestUses(py, call);
  }
}

/** `request.redirect_url` → `request.link` after the call; the other fields of Composio's connection request reported. */
export function migrateRequestUses(py: PyFile, call: PyNode): void {
  const assignment = call.parent?.type === 'assignment' ? call.parent : undefined;
  const target = assignment?.childForFieldName('left');
  if (!target || target.type !== 'identifier') return;
  const scope = py.statementOf(assignment!).parent ?? py.tree.rootNode;
  for (const access of scope.descendantsOfType('attribute')) {
    if (!access || access.startIndex < call.endIndex || access.childForFieldName('object')?.text !== target.text) continue;
    const field = access.childForFieldName('attribute')!;
    if (field.text === 'redirect_url' || field.text === 'redirectUrl') py.ctx.edits.add(field.startIndex, field.endIndex, 'link');
    else py.reportAt('py-connection-request-field', access, `(.${field.text})`);
  }
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
