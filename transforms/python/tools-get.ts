import { metaToolRule } from '../model/names.js';
import { pyConnectionName, pyNamesUnwritable, pyToolName } from './written-names.js';
import type { PyNode } from '../../src/python/parser.js';
import { pythonAdapterFor, pythonProviderOf, usePythonAdapter } from './framework-adapters.js';
import { PyFile } from './model.js';
import { reportRunTimeName, runTimeNames } from './run-time-names.js';

const FILTER_IMPORT = 'from scalekit.v1.tools.tools_pb2 import ScopedToolFilter';

/**
 * composio.tools.get(user_id=uid, toolkits=["GITHUB"], limit=20)
 *   → composio.tools.list_scoped_tools(identifier=uid, filter=ScopedToolFilter(connection_names=["github"]), page_size=20)
 * composio.tools.get(user_id=uid, tools=["GMAIL_SEND_EMAIL"])
 *   → ...filter=ScopedToolFilter(tool_names=["gmail_send_email"])
 * with LangchainProvider (built in this file):
 *   → composio.actions.langchain.get_tools(identifier=uid, connection_names=["github"])   (Scalekit's own LangChain adapter)
 */
export function migrateToolsGet(py: PyFile): void {
  const langchain = usesLangchainProvider(py);
  const adapter = pythonAdapterFor(py);
  for (const { call, client, path } of py.clientCalls()) {
    if (path.join('.') !== 'tools.get' || py.rewritten(call)) continue;
    const args = py.argumentsOf(call);
    const user = args?.positional[0] ?? args?.keywords.get('user_id');
    const toolkits = args?.keywords.get('toolkits');
    const tools = args?.keywords.get('tools');
    const others = [...(args?.keywords.keys() ?? [])].filter((k) => !['user_id', 'toolkits', 'tools', 'limit'].includes(k));
    if (!args || !user || args.positional.length > 1 || (toolkits && tools) || (!toolkits && !tools) || others.length > 0) {
      py.reportAt('py-tools-get-unmigrated', call, others.length > 0 ? `(${others.join(', ')})` : undefined);
      continue;
    }
    const listed = tools ? listStrings(py, tools) : undefined;
    const metaSlugs = listed?.filter((s) => metaToolRule(s)) ?? [];
    // `tools=["COMPOSIO_SEARCH_TOOLS", "GMAIL_SEND_EMAIL"]`: the meta tools go, each reported, the others migrate
    if (metaSlugs.length > 0 && metaSlugs.length === listed!.length) {
      py.reportAt('py-call-unmigrated', call, `(${metaSlugs[0]}: a Composio meta tool)`);
      continue;
    }
    for (const meta of metaSlugs) py.reportAt(metaToolRule(meta)!, call, `(${meta} dropped from the list of tools)`);
    const literals = toolkits ? knownStrings(py, toolkits) : knownStrings(py, tools!).filter((s) => !metaToolRule(s));
    if (pyNamesUnwritable(py, call, literals.map((v) => [v, toolkits ? 'toolkit' : 'tool']))) continue;
    const names = toolkits
      ? mappedList(py, toolkits, (t) => pyConnectionName(t, py), 'to_scalekit_connection_name')
      : mappedList(py, tools!, (t) => pyToolName(t, py), 'to_scalekit_tool_name');
    const key = toolkits ? 'connection_names' : 'tool_names';
    const limit = args.keywords.get('limit');
    if (adapter) {
      const parts = [py.source(client), py.source(user), `${key}=${names}`, ...(limit ? [`page_size=${py.source(limit)}`] : [])];
      py.replace(call, `${adapter.tools}${py.argumentList(call, parts)}`);
      usePythonAdapter(py, adapter, adapter.tools);
      py.ctx.report('py-framework-adapter', call.startIndex, `(${adapter.module}.py: ${adapter.tools})`);
      continue;
    }
    if (langchain) {
      const parts = [`identifier=${py.source(user)}`, `${key}=${names}`, ...(limit ? [`page_size=${py.source(limit)}`] : [])];
      py.replace(call, `${py.source(client)}.actions.langchain.get_tools${py.argumentList(call, parts)}`);
      py.ctx.report('py-langchain-tools', call.startIndex);
      continue;
    }
    const parts = [`identifier=${py.source(user)}`, `filter=ScopedToolFilter(${key}=${names})`, ...(limit ? [`page_size=${py.source(limit)}`] : [])];
    py.replace(call, `${py.source(client)}.tools.list_scoped_tools${py.argumentList(call, parts)}`);
    py.addImport(FILTER_IMPORT);
    py.reportAt('py-tools-get-definitions', call);
  }
}

/** The client of this file is built with `provider=LangchainProvider()` (here, or in the module it is imported from). */
export function usesLangchainProvider(py: PyFile): boolean {
  const constructions = py.all('call').filter((call) => py.isComposioConstruction(call));
  if (constructions.length === 0) return pythonProviderOf(py) === 'LangchainProvider';
  return constructions.some((call) => /^LangchainProvider\b/.test(py.argumentsOf(call)?.keywords.get('provider')?.text ?? ''));
}

function listStrings(py: PyFile, node: PyNode): string[] | undefined {
  if (node.type !== 'list') return undefined;
  const values = node.namedChildren.map((n) => py.stringValue(n ?? undefined));
  return values.every((v): v is string => v !== undefined) ? values : undefined;
}

/**
 * `["GITHUB", "GMAIL"]` → `["github", "gmail"]` (a meta tool of a literal list is left out: the caller reported it). A module constant holding such a list, read only by
 * tools.get calls, is mapped where it is defined (`TOOLKITS = ["slack"]`) and its name kept here;
 * any other list is mapped at run time (`[to_scalekit_connection_name(name) for name in toolkits]`).
 */
function mappedList(py: PyFile, node: PyNode, map: (name: string) => string, atRunTime: 'to_scalekit_connection_name' | 'to_scalekit_tool_name'): string {
  const values = listStrings(py, node)?.filter((v) => atRunTime !== 'to_scalekit_tool_name' || !metaToolRule(v));
  if (values) return `[${values.map((v) => py.requote(node.namedChildren[0]!, map(v))).join(', ')}]`;
  const constant = node.type === 'identifier' ? moduleConstant(py, node.text) : undefined;
  if (constant && onlyReadByToolsGet(py, node.text, constant)) {
    for (const element of constant.namedChildren) {
      const value = py.stringValue(element ?? undefined);
      if (element && value !== undefined && map(value) !== value) py.ctx.edits.add(element.startIndex, element.endIndex, py.requote(element, map(value)));
    }
    return node.text;
  }
  reportRunTimeName(py, node);
  return runTimeNames(py, atRunTime, node);
}

/** The strings a list names, as a literal or through a module constant (the names the call would write). */
function knownStrings(py: PyFile, node: PyNode): string[] {
  const list = node.type === 'identifier' ? moduleConstant(py, node.text) : node;
  return (list && listStrings(py, list)) ?? [];
}

/** The list literal of strings a top-level `NAME = [...]` assigns. */
function moduleConstant(py: PyFile, name: string): PyNode | undefined {
  for (const statement of py.tree.rootNode.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== name) continue;
    const right = assignment.childForFieldName('right');
    return right && listStrings(py, right) ? right : undefined;
  }
  return undefined;
}

/** Every read of the name is the toolkits=/tools= argument of a client tools.get call. */
function onlyReadByToolsGet(py: PyFile, name: string, constant: PyNode): boolean {
  return py.all('identifier').every((id) => {
    if (id.text !== name || id.parent?.childForFieldName('left')?.equals(id)) return true;
    if (id.startIndex >= constant.startIndex && id.endIndex <= constant.endIndex) return true;
    const keyword = id.parent?.type === 'keyword_argument' ? id.parent : undefined;
    const call = keyword?.parent?.parent;
    return keyword !== undefined && ['toolkits', 'tools'].includes(keyword.childForFieldName('name')!.text) && call !== null && call !== undefined && py.clientCalls().some((c) => c.call.equals(call) && c.path.join('.') === 'tools.get');
  });
}
