import { connectionNameOf } from '../model/names.js';
import type { PyNode } from '../../src/python/parser.js';
import { PyFile } from './model.js';

/**
 * request = composio.toolkits.authorize(user_id=uid, toolkit="gmail")
 *   → composio.actions.get_or_create_connected_account(connection_name="gmail", identifier=uid)
 *     request = composio.actions.get_authorization_link(connection_name="gmail", identifier=uid)
 * request.redirect_url → request.link; request.id, request.status, request.wait_for_connection() reported.
 */
export function migrateAuthorize(py: PyFile): void {
  for (const { call, client, path } of py.clientCalls()) {
    if (path.join('.') !== 'toolkits.authorize' || py.touched(call)) continue;
    const args = py.argumentsOf(call);
    const user = args?.keywords.get('user_id') ?? args?.positional[0];
    const toolkitNode = args?.keywords.get('toolkit') ?? args?.positional[1];
    const toolkit = py.stringValue(toolkitNode);
    const statement = py.statementOf(call);
    if (!args || !user || !toolkitNode || statement.type !== 'expression_statement') {
      py.reportAt('py-call-unmigrated', call, '(toolkits.authorize)');
      continue;
    }
    const connection = toolkit ? py.quote(connectionNameOf(toolkit, py.ctx.mappings)) : toolkitNode.text;
    const parts = `connection_name=${connection}, identifier=${user.text}`;
    const lineStart = py.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
    py.ctx.edits.add(lineStart, lineStart, `${py.indentOf(statement)}${client.text}.actions.get_or_create_connected_account(${parts})${py.eol}`);
    py.ctx.edits.add(call.startIndex, call.endIndex, `${client.text}.actions.get_authorization_link(${parts})`);
    py.ctx.report('py-authorize', call.startIndex);
    migrateRequestUses(py, call);
  }
}

function migrateRequestUses(py: PyFile, call: PyNode): void {
  const assignment = call.parent?.type === 'assignment' ? call.parent : undefined;
  const target = assignment?.childForFieldName('left');
  if (!target || target.type !== 'identifier') return;
  const scope = py.statementOf(assignment!).parent ?? py.tree.rootNode;
  for (const access of scope.descendantsOfType('attribute')) {
    if (!access || access.startIndex < call.endIndex || access.childForFieldName('object')?.text !== target.text) continue;
    const field = access.childForFieldName('attribute')!;
    if (field.text === 'redirect_url') py.ctx.edits.add(field.startIndex, field.endIndex, 'link');
    else py.reportAt('py-connection-request-field', access, `(.${field.text})`);
  }
}
