import { resolveToolkit } from '../model/names.js';
import { pyConnectionName } from './written-names.js';
import type { PyNode } from '../../src/python/parser.js';
import { PyFile } from './model.js';

/**
 * accounts = composio.connected_accounts.list(user_ids=[user_id], toolkit_slugs=["github"])
 * composio.tools.proxy(endpoint="/user/repos", method="GET", connected_account_id=accounts.items[0].id,
 *                      parameters=[{"name": "per_page", "value": 50, "in": "query"}])
 *   → composio.actions.request(connection_name="github", identifier=user_id, path="/user/repos", method="GET",
 *                              query_params={"per_page": 50})
 *
 * Scalekit names the account by connection name and identifier where Composio took a connected account
 * id: both are known when the id is read from a list this code made with one user and one toolkit
 * written out (`accounts.items[0].id`, or a name holding it). Otherwise the call stays, reported.
 * Scalekit's response is a requests.Response (`.status_code`, `.json()`): the result is reported.
 */
export function migrateProxy(py: PyFile): void {
  for (const { call, client, path } of py.clientCalls()) {
    if (path.join('.') !== 'tools.proxy' || py.rewritten(call)) continue;
    const args = py.argumentsOf(call);
    const endpoint = args?.keywords.get('endpoint') ?? args?.positional[0];
    const method = args?.keywords.get('method') ?? args?.positional[1];
    const accountId = args?.keywords.get('connected_account_id');
    const account = accountId ? accountOf(py, accountId, call) : undefined;
    const known = new Set(['endpoint', 'method', 'body', 'connected_account_id', 'parameters']);
    if (!args || !endpoint || !account || args.positional.length > 2 || [...args.keywords.keys()].some((k) => !known.has(k))) continue;
    const parameters = args.keywords.get('parameters');
    const split = parameters ? splitParameters(py, parameters) : { query: [], headers: [] };
    if (!split) continue;
    const parts = [`connection_name=${account.connection}`, `identifier=${account.user}`, `path=${py.source(endpoint)}`];
    if (method) parts.push(`method=${py.source(method)}`);
    if (split.query.length > 0) parts.push(`query_params={${split.query.join(', ')}}`);
    if (split.headers.length > 0) parts.push(`headers={${split.headers.join(', ')}}`);
    const body = args.keywords.get('body');
    if (body) parts.push(`body=${py.source(body)}`);
    py.replace(call, `${py.source(client)}.actions.request${py.argumentList(call, parts)}`);
    py.reportAt('py-proxy-result', call);
  }
}

/** The user and connection of `accounts.items[N].id` (or a name holding it), `accounts` a list of one user and one toolkit. */
function accountOf(py: PyFile, id: PyNode, site: PyNode): { user: string; connection: string } | undefined {
  let node: PyNode | undefined = id;
  if (node.type === 'identifier') node = assignedValue(py, node.text, site);
  if (!node || node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'id') return undefined;
  const item = node.childForFieldName('object');
  const items = item?.type === 'subscript' ? item.childForFieldName('value') : undefined;
  if (!items || items.type !== 'attribute' || items.childForFieldName('attribute')?.text !== 'items') return undefined;
  const list = items.childForFieldName('object');
  const listCall = list?.type === 'identifier' ? assignedValue(py, list.text, site) : undefined;
  const match = listCall ? py.clientCalls().find((c) => c.call.equals(listCall) && c.path.join('.') === 'connected_accounts.list') : undefined;
  const args = match ? py.argumentsOf(match.call) : undefined;
  const users = args?.keywords.get('user_ids');
  const toolkits = args?.keywords.get('toolkit_slugs');
  const user = users?.type === 'list' && users.namedChildCount === 1 ? users.namedChildren[0] : undefined;
  const toolkit = toolkits?.type === 'list' && toolkits.namedChildCount === 1 ? py.stringValue(toolkits.namedChildren[0] ?? undefined) : undefined;
  // a toolkit Scalekit has no connector for leaves the account unknown: the proxy call is reported as such
  if (!user || !toolkit || !['identifier', 'string', 'attribute'].includes(user.type) || !resolveToolkit(toolkit, py.ctx.mappings).ok) return undefined;
  return { user: user.text, connection: py.quote(pyConnectionName(toolkit, py)) };
}

/** What `name = <value>` assigned last before `site` in the same function (or both at module level); none for a parameter. */
function assignedValue(py: PyFile, name: string, site: PyNode): PyNode | undefined {
  const scope = functionOf(site);
  const parameters = scope?.childForFieldName('parameters')?.namedChildren ?? [];
  if (parameters.some((p) => p && (p.type === 'identifier' ? p.text : p.childForFieldName('name')?.text ?? p.namedChildren[0]?.text) === name)) return undefined;
  let found: PyNode | undefined;
  for (const assignment of py.all('assignment')) {
    if (assignment.startIndex > site.startIndex || assignment.childForFieldName('left')?.text !== name) continue;
    const where = functionOf(assignment);
    if (where === scope || (where && scope && where.equals(scope))) found = assignment.childForFieldName('right') ?? undefined;
  }
  return found;
}

function functionOf(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition' || current.type === 'lambda') return current;
  return undefined;
}

/** `[{"name": "per_page", "value": 50, "in": "query"}, ...]` → query and header entries; undefined when not that shape. */
function splitParameters(py: PyFile, list: PyNode): { query: string[]; headers: string[] } | undefined {
  if (list.type !== 'list') return undefined;
  const query: string[] = [];
  const headers: string[] = [];
  for (const element of list.namedChildren) {
    if (!element || element.type !== 'dictionary') return undefined;
    const fields = new Map<string, PyNode>();
    for (const pair of element.namedChildren) {
      const key = pair?.type === 'pair' ? py.stringValue(pair.childForFieldName('key') ?? undefined) : undefined;
      const value = pair?.childForFieldName('value');
      if (!key || !value) return undefined;
      fields.set(key, value);
    }
    const name = fields.get('name');
    const value = fields.get('value');
    const where = py.stringValue(fields.get('in'));
    if (!name || !value || (where !== 'query' && where !== 'header')) return undefined;
    // Scalekit sends header values as given: a non-string value becomes its text, as Composio did
    const text = where === 'header' && value.type !== 'string' ? `str(${py.source(value)})` : py.source(value);
    (where === 'query' ? query : headers).push(`${name.text}: ${text}`);
  }
  return { query, headers };
}
