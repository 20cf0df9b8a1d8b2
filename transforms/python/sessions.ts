import { pyConnectionName, pyNamesUnwritable } from './written-names.js';
import type { PyNode } from '../../src/python/parser.js';
import { addConnectedAccountCall, connectedAccountStatement, migrateRequestUses, NO_STATEMENT } from './authorize.js';
import { pythonAdapterFor, usePythonAdapter } from './framework-adapters.js';
import { PyFile } from './model.js';
import { usesLangchainProvider } from './tools-get.js';
import { configText, sessionConfig, type McpConfigSpec } from '../model/mcp-configs.js';

const FILTER_IMPORT = 'from scalekit.v1.tools.tools_pb2 import ScopedToolFilter';

/**
 * session = composio.create(user_id=uid, toolkits=["gmail", "github"])   → (removed: Scalekit is stateless)
 * tools = session.tools()        → tools = composio.tools.list_scoped_tools(identifier=uid, filter=ScopedToolFilter(connection_names=["gmail", "github"]))
 * request = session.authorize("gmail")
 *   → composio.actions.get_or_create_connected_account(connection_name="gmail", identifier=uid)
 *     request = composio.actions.get_authorization_link(connection_name="gmail", identifier=uid)
 * url = session.mcp.url          → url = composio.actions.mcp.ensure_instance(config_name="mcp-gmail-github", user_identifier=uid).instance.url
 *   (the MCP config of the session's connections, created once: the plan's MCP section; session.mcp.headers → {})
 *
 * Only when every use of the session is one of these, the user id is a name or a literal (it is
 * repeated at each use) and the toolkits a list of strings; otherwise the session stays, reported.
 */
export function migrateSessions(py: PyFile): void {
  for (const { call, client, path } of py.clientCalls()) {
    if (path.join('.') !== 'create' || py.rewritten(call)) continue;
    const plan = planSession(py, call);
    if (typeof plan === 'string') {
      py.reportAt('py-session', call, plan);
      reportKeptMcpReads(py, call);
      continue;
    }
    const { statement, user, connections, uses } = plan;
    py.removeLine(statement);
    for (const use of uses) {
      const adapter = pythonAdapterFor(py);
      if (use.kind === 'tools' && adapter) {
        const names = connections === undefined ? '' : `, connection_names=${connections}`;
        py.ctx.edits.add(use.call.startIndex, use.call.endIndex, `${adapter.tools}(${client.text}, ${user}${names})`);
        usePythonAdapter(py, adapter, adapter.tools);
        py.ctx.report('py-framework-adapter', use.call.startIndex, `(${adapter.module}.py: ${adapter.tools}; session.tools() gave Composio meta tools, this gives the user's own tools)`);
      } else if (use.kind === 'tools' && usesLangchainProvider(py)) {
        const names = connections === undefined ? '' : `, connection_names=${connections}`;
        py.ctx.edits.add(use.call.startIndex, use.call.endIndex, `${client.text}.actions.langchain.get_tools(identifier=${user}${names})`);
        py.ctx.report('py-langchain-tools', use.call.startIndex);
      } else if (use.kind === 'mcp-url') {
        py.ctx.edits.add(use.node.startIndex, use.node.endIndex, `${client.text}.actions.mcp.ensure_instance(config_name=${py.quoteAt(use.node, plan.mcp!.name)}, user_identifier=${user}).instance.url`);
        py.ctx.report('py-mcp-instance-url', use.node.startIndex, `(session.mcp.url → ensure_instance: the user's URL of ${configText(plan.mcp!)})`);
      } else if (use.kind === 'mcp-headers') {
        // the per-user URL carries the user's access itself
        py.ctx.edits.add(use.node.startIndex, use.node.endIndex, '{}');
        py.ctx.report('py-mcp-instance-url', use.node.startIndex, `(session.mcp.headers → {}: the user's URL of ${configText(plan.mcp!, false)} needs no headers)`);
      } else if (use.kind === 'tools') {
        const filter = connections === undefined ? 'ScopedToolFilter()' : `ScopedToolFilter(connection_names=${connections})`;
        py.ctx.edits.add(use.call.startIndex, use.call.endIndex, `${client.text}.tools.list_scoped_tools(identifier=${user}, filter=${filter})`);
        py.addImport(FILTER_IMPORT);
        py.reportAt('py-tools-get-definitions', use.call, '(session.tools() gave Composio meta tools; this lists the user\'s own tools)');
      } else {
        const parts = `connection_name=${use.connection}, identifier=${user}`;
        addConnectedAccountCall(py, use.statement, client, parts);
        py.ctx.edits.add(use.call.startIndex, use.call.endIndex, `${client.text}.actions.get_authorization_link(${parts})`);
        py.ctx.report('py-authorize', use.call.startIndex);
        migrateRequestUses(py, use.call);
      }
    }
    py.ctx.report('py-session-removed', call.startIndex);
  }
}

type SessionUse = { kind: 'tools'; call: PyNode } | { kind: 'authorize'; call: PyNode; statement: PyNode; connection: string } | { kind: 'mcp-url'; node: PyNode } | { kind: 'mcp-headers'; node: PyNode };

function planSession(py: PyFile, create: PyNode): { statement: PyNode; user: string; connections: string | undefined; mcp?: McpConfigSpec; uses: SessionUse[] } | string {
  const assignment = create.parent?.type === 'assignment' ? create.parent : undefined;
  const name = assignment?.childForFieldName('left');
  const statement = assignment ? py.statementOf(assignment) : undefined;
  if (!assignment || !name || name.type !== 'identifier' || statement?.type !== 'expression_statement') return '(the session is not kept in a variable)';
  const args = py.argumentsOf(create);
  const user = args?.keywords.get('user_id') ?? args?.positional[0];
  if (!args || !user || !['identifier', 'string', 'attribute'].includes(user.type)) return '(the user id is not a name or a literal)';
  const extra = [...args.keywords.keys()].filter((k) => !['user_id', 'toolkits'].includes(k));
  if (extra.length > 0 || args.positional.length > 1) return `(options Scalekit has no place for: ${extra.join(', ') || 'positional arguments'})`;
  const toolkits = args.keywords.get('toolkits');
  let connections: string | undefined;
  if (toolkits) {
    const values = toolkits.type === 'list' ? toolkits.namedChildren.map((n) => py.stringValue(n ?? undefined)) : [undefined];
    if (values.some((v) => v === undefined)) return '(toolkits is not a list of strings)';
    if (pyNamesUnwritable(py, create, values.map((v) => [v, 'toolkit']))) return '(a toolkit Scalekit has no connector for)';
    connections = `[${values.map((v, i) => py.requote(toolkits.namedChildren[i]!, pyConnectionName(v!, py))).join(', ')}]`;
  }
  const scope = statement.parent ?? py.tree.rootNode;
  const uses: SessionUse[] = [];
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== name.text || id.equals(name)) continue;
    if (id.startIndex < create.endIndex) return '(the name is used before the session is made)';
    const access = id.parent?.type === 'attribute' && id.parent.childForFieldName('object')?.equals(id) ? id.parent : undefined;
    const member = access?.childForFieldName('attribute')?.text;
    const call = access?.parent?.type === 'call' && access.parent.childForFieldName('function')?.equals(access) ? access.parent : undefined;
    const callArgs = call ? py.argumentsOf(call) : undefined;
    if (member === 'tools' && call && callArgs && callArgs.positional.length === 0 && callArgs.keywords.size === 0) {
      uses.push({ kind: 'tools', call });
    } else if (member === 'authorize' && call && callArgs) {
      const toolkit = py.stringValue(callArgs.positional[0] ?? callArgs.keywords.get('toolkit'));
      const useStatement = connectedAccountStatement(py, call);
      if (!toolkit || callArgs.keywords.size > (callArgs.keywords.has('toolkit') ? 1 : 0)) return '(session.authorize with options)';
      if (!useStatement) return `(session.authorize: ${NO_STATEMENT})`;
      if (pyNamesUnwritable(py, call, [[toolkit, 'toolkit']])) return '(session.authorize of a toolkit Scalekit has no connector for)';
      uses.push({ kind: 'authorize', call, statement: useStatement, connection: py.quote(pyConnectionName(toolkit, py)) });
    } else if (member === 'mcp' && access) {
      const field = mcpField(access);
      if (!field) return '(session.mcp is used whole: only session.mcp.url and .headers have a Scalekit counterpart)';
      if (connections === undefined) return '(session.mcp of a session with every toolkit: Scalekit\'s MCP config lists its connections)';
      uses.push(field === 'url' ? { kind: 'mcp-url', node: access.parent! } : { kind: 'mcp-headers', node: access.parent! });
    } else {
      return `(${access ? `session.${member}` : 'the session itself'} is used)`;
    }
  }
  const mcp = uses.some((u) => u.kind === 'mcp-url' || u.kind === 'mcp-headers') ? sessionMcpConfig(py, create) : undefined;
  return { statement, user: user.text, connections, ...(mcp ? { mcp } : {}), uses };
}

/** `session.mcp.url` / `session.mcp.headers` read (not called): the field. */
function mcpField(access: PyNode): 'url' | 'headers' | undefined {
  const read = access.parent?.type === 'attribute' && access.parent.childForFieldName('object')?.equals(access) ? access.parent : undefined;
  const field = read?.childForFieldName('attribute')?.text;
  const called = read?.parent?.type === 'call' && read.parent.childForFieldName('function')?.equals(read);
  const written = read?.parent?.type === 'assignment' && read.parent.childForFieldName('left')?.equals(read);
  return (field === 'url' || field === 'headers') && !called && !written ? field : undefined;
}

/** The MCP config a session's toolkits make (named for its connections), or a suggested one when they are not literal. */
function sessionMcpConfig(py: PyFile, create: PyNode): McpConfigSpec {
  const args = py.argumentsOf(create);
  const toolkits = args?.keywords.get('toolkits');
  const values = toolkits && (toolkits.type === 'list' || toolkits.type === 'tuple') ? toolkits.namedChildren.filter((n) => n && n.type !== 'comment').map((n) => py.stringValue(n ?? undefined)) : undefined;
  return sessionConfig(values && values.every((v) => v !== undefined) ? (values as string[]) : undefined, py.ctx.mappings);
}

/** A kept session's MCP reads: each is a place that reads a user's URL of the config the session's toolkits make. */
function reportKeptMcpReads(py: PyFile, create: PyNode): void {
  // `composio.create(...).mcp.url`
  const chained = create.parent?.type === 'attribute' && create.parent.childForFieldName('attribute')?.text === 'mcp' ? create.parent : undefined;
  if (chained) py.reportAt('py-mcp-user-url', chained, `(session.mcp: the user's URL of ${configText(sessionMcpConfig(py, create))})`);
  const assignment = create.parent?.type === 'assignment' ? create.parent : undefined;
  const name = assignment?.childForFieldName('left');
  if (!assignment || name?.type !== 'identifier') return;
  const scope = py.statementOf(assignment).parent ?? py.tree.rootNode;
  let spec: McpConfigSpec | undefined;
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== name.text || id.startIndex < create.endIndex) continue;
    const access = id.parent?.type === 'attribute' && id.parent.childForFieldName('object')?.equals(id) ? id.parent : undefined;
    if (access?.childForFieldName('attribute')?.text !== 'mcp') continue;
    spec ??= sessionMcpConfig(py, create);
    py.reportAt('py-mcp-user-url', access, `(${access.parent?.type === 'attribute' ? access.parent.text : access.text}: the user's URL of ${configText(spec)})`);
  }
}
