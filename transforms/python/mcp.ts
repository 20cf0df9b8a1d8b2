import type { PyNode } from '../../src/python/parser.js';
import { configText, serverConnections, sessionConfig, suggestedConfig, type McpConfigSpec } from '../model/mcp-configs.js';
import type { PyFile } from './model.js';
import { pyNamesUnwritable } from './written-names.js';

const MAPPING_IMPORT = 'from scalekit.actions.models.mcp_config import McpConfigConnectionToolMapping';

/** A server the file creates, kept in a variable: its config, and how a call names that config. */
interface Server {
  variable: string;
  spec: McpConfigSpec;
  /** How a call names the config: the create's name literal (its value, written in its quotes), else `<variable>.config.name` (the migrated create's result). */
  configName: { value: string; like?: PyNode } | { expression: string } | undefined;
  client: string;
  /** Whether the create became create_config (its result then has `.config`). */
  migrated: boolean;
  /** The variable holds the server's id (`server_id = composio.mcp.create(...).id`), not the server. */
  holdsId?: boolean;
  scope: PyNode;
  after: number;
}

/**
 * server = composio.mcp.create("relay", toolkits=["gmail"], allowed_tools=["GMAIL_SEND_EMAIL"])
 *   → server = composio.actions.mcp.create_config(name="relay", connection_tool_mappings=[McpConfigConnectionToolMapping(connection_name="gmail", tools=["gmail_send_message"])])
 * instance = composio.mcp.generate(user_id, server.id); instance["url"]    (also server.generate(user_id))
 *   → instance = composio.actions.mcp.ensure_instance(config_name="relay", user_identifier=user_id); instance.instance.url
 * composio.mcp.generate(user_id, os.environ["MCP_SERVER_ID"])              → kept, TODO naming the config to create (py-mcp-user-url)
 * s = composio.experimental.tool_router.create_session(user_id, toolkits=["gmail"]); s["url"]   (0.8.16 - 0.9)
 *   → s = composio.actions.mcp.ensure_instance(config_name="mcp-gmail", user_identifier=user_id); s.instance.url
 *
 * Signatures as in scalekit-sdk-python 2.10.0 (scalekit/actions/actions.py `ActionMcp`, scalekit/actions/models/mcp_config.py).
 * `composio.experimental.mcp.*` (before 0.8) is the same API.
 */
export function migrateMcp(py: PyFile): void {
  const servers: Server[] = [];
  for (const { call, client, path } of py.clientCalls()) {
    if (mcpMember(path) === 'create' && !py.rewritten(call)) migrateCreate(py, call, client, servers);
  }
  for (const { call, client, path } of py.clientCalls()) {
    if (mcpMember(path) === 'generate' && !py.rewritten(call)) migrateGenerate(py, call, client.text, servers);
    else if (path.join('.') === 'experimental.tool_router.create_session' && !py.rewritten(call)) migrateRouterSession(py, call, client.text);
  }
  for (const server of servers) {
    if (server.holdsId) continue;
    for (const use of usesOf(py, server.variable, server.scope, server.after)) migrateServerUse(py, use, server);
  }
}

/** `mcp.create` → `create`; `experimental.mcp.generate` → `generate`. */
function mcpMember(path: string[]): string | undefined {
  const at = path[0] === 'mcp' ? 1 : path[0] === 'experimental' && path[1] === 'mcp' ? 2 : -1;
  return at > 0 && path.length === at + 1 ? path[at] : undefined;
}

function migrateCreate(py: PyFile, call: PyNode, client: PyNode, servers: Server[]): void {
  const args = py.argumentsOf(call);
  const nameNode = args?.keywords.get('name') ?? args?.positional[0];
  const nameValue = py.stringValue(nameNode);
  const named: McpConfigSpec = nameValue !== undefined ? { name: nameValue } : suggestedConfig({ expression: nameNode?.text });
  const variable = assignedName(call);
  // `server_id = composio.mcp.create(...).id`: the variable is the server's id
  const idRead = !variable && call.parent?.type === 'attribute' && call.parent.childForFieldName('attribute')?.text === 'id' ? call.parent : undefined;
  const idVariable = idRead ? assignedName(idRead) : undefined;
  const record = (spec: McpConfigSpec, migrated: boolean) => {
    const holder = variable ?? idVariable;
    if (!holder) return;
    const configName = nameValue !== undefined && nameNode ? { value: nameValue, like: nameNode } : migrated && variable ? { expression: `${variable}.config.name` } : undefined;
    servers.push({ variable: holder, spec, configName, client: client.text, migrated, ...(variable ? {} : { holdsId: true }), scope: py.statementOf(call).parent ?? py.tree.rootNode, after: call.endIndex });
  };
  const keep = (why: string, spec: McpConfigSpec = named) => {
    py.reportAt('py-mcp-server-create', call, `(${why}: ${configText(spec)})`);
    record(spec, false);
  };
  if (!args || !nameNode) return keep('its arguments are spread');
  const extra = [...args.keywords.keys()].filter((k) => !['name', 'toolkits', 'manually_manage_connections', 'allowed_tools'].includes(k));
  if (extra.length > 0 || args.positional.length > 4) return keep(`arguments Scalekit has no place for: ${extra.join(', ') || 'positional arguments'}`);
  const toolkitsNode = args.keywords.get('toolkits') ?? args.positional[1];
  const allowedNode = args.keywords.get('allowed_tools') ?? args.positional[3];
  const manualNode = args.keywords.get('manually_manage_connections') ?? args.positional[2];
  const toolkits = toolkitsOf(py, toolkitsNode);
  const allowed = allowedNode === undefined || allowedNode.type === 'none' ? undefined : stringList(py, allowedNode);
  if (!toolkits || (allowedNode && allowedNode.type !== 'none' && !allowed)) return keep('its toolkits or allowed tools are not written as literals');

  const { connections, problems } = serverConnections(toolkits.names, allowed, py.ctx.mappings);
  // a server none of whose tools Scalekit has maps nothing that could be created
  const spec: McpConfigSpec = connections.length > 0 ? { ...named, connections } : named;
  const literalNames: Array<[string, 'tool' | 'toolkit']> = [...toolkits.names.map((n): [string, 'toolkit'] => [n, 'toolkit']), ...(allowed ?? []).map((n): [string, 'tool'] => [n, 'tool'])];
  if (problems.length > 0 && pyNamesUnwritable(py, call, literalNames)) return keep('Scalekit has no counterpart for a toolkit or tool', spec);

  const mappingList = mappingsText(py, call, connections);
  py.ctx.edits.add(call.startIndex, call.endIndex, `${client.text}.actions.mcp.create_config${py.argumentList(call, [`name=${nameNode.text}`, `connection_tool_mappings=${mappingList}`])}`);
  py.addImport(MAPPING_IMPORT);
  const dropped = [...(manualNode ? ['manually_manage_connections'] : []), ...(toolkits.authConfigs ? ['auth_config_id'] : [])];
  py.ctx.report('py-mcp-config-created', call.startIndex, `(${configText(spec)}${dropped.length > 0 ? `; dropped: ${dropped.join(', ')} (Scalekit's instance reports each connection's auth state: get_instance_auth_state)` : ''})`);
  record(spec, true);
  if (!variable) migrateCreateRead(py, call);
}

/** A create's result read where it stands (`composio.mcp.create(...).id`): create_config's is under `.config`. */
function migrateCreateRead(py: PyFile, call: PyNode): void {
  const read = call.parent?.type === 'attribute' && call.parent.childForFieldName('object')?.equals(call) ? call.parent : undefined;
  const member = read?.childForFieldName('attribute')?.text;
  const called = read?.parent?.type === 'call' && read.parent.childForFieldName('function')?.equals(read);
  if (read && !called && (member === 'id' || member === 'name')) py.ctx.edits.add(call.endIndex, call.endIndex, '.config');
  else if (read) py.reportAt('py-mcp-result', read, `(.${member}: create_config gives .config: id, name, description, connection_tool_mappings${member === 'generate' ? "; a user's URL is ensure_instance(config_name=..., user_identifier=...).instance.url" : ''})`);
  else if (call.parent?.type !== 'expression_statement') py.reportAt('py-mcp-result', call, "(the result is used whole: it is create_config's result, its config is .config)");
}

/** `[McpConfigConnectionToolMapping(connection_name="gmail", tools=["gmail_send_message"]), ...]`, a mapping a line when the call spans lines. */
function mappingsText(py: PyFile, call: PyNode, connections: Array<{ connection: string; tools: string[] }>): string {
  const items = connections.map((c) => `McpConfigConnectionToolMapping(connection_name=${py.quote(c.connection)}${c.tools.length > 0 ? `, tools=[${c.tools.map((t) => py.quote(t)).join(', ')}]` : ''})`);
  const list = call.childForFieldName('arguments');
  if (!list?.text.includes('\n') || items.length === 0) return `[${items.join(', ')}]`;
  const first = list.namedChildren.find((c) => c && c.type !== 'comment');
  const indent = first ? py.indentOf(first) : `${py.indentOf(call)}    `;
  const step = indent.slice(py.indentOf(call).length) || '    ';
  return `[${py.eol}${items.map((item) => `${indent}${step}${item},`).join(py.eol)}${py.eol}${indent}]`;
}

/** `["gmail", {"toolkit": "github", "auth_config_id": "ac_1"}]`: the toolkit names, and whether an auth config was given; undefined when not all literal. */
function toolkitsOf(py: PyFile, node: PyNode | undefined): { names: string[]; authConfigs: boolean } | undefined {
  if (!node || (node.type !== 'list' && node.type !== 'tuple')) return undefined;
  const names: string[] = [];
  let authConfigs = false;
  for (const element of node.namedChildren) {
    if (!element || element.type === 'comment') continue;
    if (element.type === 'dictionary') {
      const pairs = element.namedChildren.filter((p): p is PyNode => p?.type === 'pair');
      const toolkit = pairs.find((p) => py.stringValue(p.childForFieldName('key') ?? undefined) === 'toolkit');
      const value = py.stringValue(toolkit?.childForFieldName('value') ?? undefined);
      if (value === undefined || pairs.length !== element.namedChildren.filter((p) => p?.type !== 'comment').length) return undefined;
      authConfigs ||= pairs.length > 1;
      names.push(value);
      continue;
    }
    const value = py.stringValue(element);
    if (value === undefined) return undefined;
    names.push(value);
  }
  return { names, authConfigs };
}

function stringList(py: PyFile, node: PyNode): string[] | undefined {
  if (node.type !== 'list' && node.type !== 'tuple') return undefined;
  const values = node.namedChildren.filter((c) => c && c.type !== 'comment').map((c) => py.stringValue(c ?? undefined));
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

/** composio.mcp.generate(user_id, server.id): the config is the server's when the file created it; otherwise it is kept and named. */
function migrateGenerate(py: PyFile, call: PyNode, client: string, servers: Server[]): void {
  const args = py.argumentsOf(call);
  const user = args?.keywords.get('user_id') ?? args?.positional[0];
  const serverId = args?.keywords.get('mcp_config_id') ?? args?.positional[1];
  const server = serverId ? serverOfId(py, serverId, servers) : undefined;
  if (!args || !user || !serverId || !server?.configName) {
    const spec = server?.spec ?? suggestedConfig(serverId?.type === 'string' ? { literal: py.stringValue(serverId) ?? '' } : { expression: serverId?.text });
    py.reportAt('py-mcp-user-url', call, `(composio.mcp.generate: the user's URL of ${configText(spec)})`);
    return;
  }
  const dropped = args.keywords.has('manually_manage_connections') || args.positional.length > 2 ? '; manually_manage_connections dropped' : '';
  writeEnsureInstance(py, call, client, server, user, `composio.mcp.generate${dropped}`);
}

/** The old tool-router session was an MCP URL for a user and toolkits: the URL of the config its toolkits make. */
function migrateRouterSession(py: PyFile, call: PyNode, client: string): void {
  const args = py.argumentsOf(call);
  const user = args?.keywords.get('user_id') ?? args?.positional[0];
  const toolkits = args?.keywords.get('toolkits');
  const names = toolkits ? toolkitsOf(py, toolkits) : undefined;
  const extra = args ? [...args.keywords.keys()].filter((k) => !['user_id', 'toolkits', 'manually_manage_connections'].includes(k)) : [];
  const spec = sessionConfig(names?.names, py.ctx.mappings);
  if (!args || !user || !names || names.authConfigs || spec.suggested || extra.length > 0 || args.positional.length > 1) {
    py.reportAt('py-mcp-user-url', call, `(experimental.tool_router.create_session: the user's URL of ${configText(spec)})`);
    return;
  }
  const server: Server = { variable: '', spec, configName: { value: spec.name }, client, migrated: true, scope: py.tree.rootNode, after: call.endIndex };
  writeEnsureInstance(py, call, client, server, user, `experimental.tool_router.create_session (its URL served Composio's meta tools; this one the connections' own tools)`, true);
}

/** `server.id` (or `server.config.id`, read again on a second look) of a server the file created, in its scope. */
function serverOfId(py: PyFile, node: PyNode, servers: Server[]): Server | undefined {
  if (node.type === 'identifier') return serverNamed(servers, node, true);
  if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'id') return undefined;
  const object = node.childForFieldName('object');
  return object?.type === 'identifier' ? serverNamed(servers, object, false) : undefined;
}

function serverNamed(servers: Server[], id: PyNode, holdsId: boolean): Server | undefined {
  return servers.find((s) => s.variable === id.text && (s.holdsId ?? false) === holdsId && id.startIndex >= s.after && within(id, s.scope));
}

function migrateServerUse(py: PyFile, use: PyNode, server: Server): void {
  const access = use.parent?.type === 'attribute' && use.parent.childForFieldName('object')?.equals(use) ? use.parent : undefined;
  const member = access?.childForFieldName('attribute')?.text;
  if (access && py.touched(access)) return;
  const call = access?.parent?.type === 'call' && access.parent.childForFieldName('function')?.equals(access) ? access.parent : undefined;
  if (member === 'generate' && call) {
    const args = py.argumentsOf(call);
    const user = args?.keywords.get('user_id') ?? args?.positional[0];
    if (!args || !user || !server.configName) {
      py.reportAt('py-mcp-user-url', call, `(${server.variable}.generate: the user's URL of ${configText(server.spec)})`);
      return;
    }
    writeEnsureInstance(py, call, server.client, server, user, `${server.variable}.generate`);
    return;
  }
  // a kept create is reported where it stands; only a migrated one's result has .config
  if (!server.migrated) return;
  if (access && (member === 'id' || member === 'name')) {
    py.ctx.edits.add(use.endIndex, use.endIndex, '.config');
    return;
  }
  py.reportAt('py-mcp-result', access ?? use, access ? `(${server.variable}.${member}: create_config gives .config: id, name, description, connection_tool_mappings)` : `(${server.variable} is used whole: it is create_config's result, its config is .config)`);
}

/** The call becomes `<client>.actions.mcp.ensure_instance(config_name=..., user_identifier=...)`; what reads its result reads `.instance`. */
function writeEnsureInstance(py: PyFile, call: PyNode, client: string, server: Server, user: PyNode, what: string, withConnections = false): void {
  const name = server.configName!;
  const configName = 'expression' in name ? name.expression : py.quoteAt(call, name.value, name.like);
  py.ctx.edits.add(call.startIndex, call.endIndex, `${client}.actions.mcp.ensure_instance${py.argumentList(call, [`config_name=${configName}`, `user_identifier=${user.text}`])}`);
  py.ctx.report('py-mcp-instance-url', call.startIndex, `(${what} → ensure_instance: the user's URL of ${configText(server.spec, withConnections)})`);
  migrateInstanceReads(py, call);
}

/** Composio's instance (a dict: the server's id and name, type, url, user_id, allowed_tools, auth_configs) → ensure_instance's `.instance` (its config's id and name). */
const INSTANCE_FIELDS: Record<string, string> = { url: 'url', id: 'config.id', name: 'config.name', user_id: 'user_identifier' };

function migrateInstanceReads(py: PyFile, call: PyNode): void {
  const direct = fieldRead(py, call);
  if (direct) return rewriteInstanceRead(py, call, direct);
  const variable = call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.equals(call) ? call.parent.childForFieldName('left') : undefined;
  if (variable?.type === 'identifier') {
    for (const use of usesOf(py, variable.text, py.statementOf(call).parent ?? py.tree.rootNode, call.endIndex)) {
      const read = fieldRead(py, use);
      if (read) rewriteInstanceRead(py, use, read);
      else py.reportAt('py-mcp-result', use, `(${variable.text} is used whole: it is ensure_instance's result, the user's URL is ${variable.text}.instance.url)`);
    }
    return;
  }
  if (call.parent?.type !== 'expression_statement') py.reportAt('py-mcp-result', call, "(the result is used whole: it is ensure_instance's result, the user's URL is .instance.url)");
}

function rewriteInstanceRead(py: PyFile, object: PyNode, read: { node: PyNode; field: string }): void {
  const target = INSTANCE_FIELDS[read.field];
  if (target) py.ctx.edits.add(object.endIndex, read.node.endIndex, `.instance.${target}`);
  else py.reportAt('py-mcp-result', read.node, `(${read.field}: ensure_instance gives .instance: id, name, user_identifier, config, url, last_used_at, updated_at)`);
}

/** `x["url"]`, `x.url`, `x.get("url")`: the field read of a value, and the node that reads it. */
function fieldRead(py: PyFile, node: PyNode): { node: PyNode; field: string } | undefined {
  const parent = node.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.equals(node)) {
    const key = py.stringValue(parent.childForFieldName('subscript') ?? undefined);
    return key === undefined ? undefined : { node: parent, field: key };
  }
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.equals(node)) {
    const name = parent.childForFieldName('attribute')!.text;
    const call = parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.equals(parent) ? parent.parent : undefined;
    if (!call) return { node: parent, field: name };
    const args = py.argumentsOf(call);
    const key = name === 'get' && args?.positional.length === 1 && args.keywords.size === 0 ? py.stringValue(args.positional[0]) : undefined;
    return key === undefined ? undefined : { node: call, field: key };
  }
  return undefined;
}

/** The name a call's value is assigned to (`x = call(...)`), if it is assigned to a plain name. */
function assignedName(call: PyNode): string | undefined {
  const assignment = call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.equals(call) ? call.parent : undefined;
  const left = assignment?.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** The reads of a name inside a scope after an offset (not an attribute's or a keyword's name, not an assignment to it). */
function usesOf(py: PyFile, name: string, scope: PyNode, after: number): PyNode[] {
  return scope.descendantsOfType('identifier').filter((id): id is PyNode => {
    if (!id || id.text !== name || id.startIndex < after) return false;
    const parent = id.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(id)) return false;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(id)) return false;
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.equals(id)) return false;
    return !py.touched(id);
  });
}

function within(node: PyNode, scope: PyNode): boolean {
  return node.startIndex >= scope.startIndex && node.endIndex <= scope.endIndex;
}
