import { connectionNameForTool, metaToolRule } from '../model/names.js';
import { pyConnectionName, pyNamesUnwritable, pyToolName } from './written-names.js';
import { pyToolInput } from './tool-input.js';
import type { PyNode } from '../../src/python/parser.js';
import { addConnectedAccountCall, connectedAccountStatement, migrateRequestUses } from './authorize.js';
import { writeScalekitConstruction } from './client.js';
import { PYTHON_ADAPTERS, usePythonAdapter, type PythonAdapter } from './framework-adapters.js';
import { importedNames, parameterNames, PyFile } from './model.js';
import { migrateResult } from './tools-execute.js';
import { reportRunTimeName, runTimeName } from './run-time-names.js';

const SCALEKIT_IMPORT = 'from scalekit import ScalekitClient';
const FILTER_IMPORT = 'from scalekit.v1.tools.tools_pb2 import ScopedToolFilter';
/** Plugins whose toolset returned LangChain tools: their get_tools becomes Scalekit's own LangChain adapter. */
const LANGCHAIN_PLUGINS = new Set(['composio_langchain', 'composio_langgraph']);

/**
 * Composio's legacy Python SDK (composio_core ≤0.7 and its composio_<framework> plugins):
 *
 * from composio_openai import ComposioToolSet, App, Action     → from scalekit import ScalekitClient   (the plugin import goes when nothing uses it)
 * toolset = ComposioToolSet(api_key=..., entity_id="u1")        → toolset = ScalekitClient(env_url=os.environ["SCALEKIT_ENV_URL"], ...)
 * toolset.get_tools(apps=[App.GITHUB])
 *   → toolset.tools.list_scoped_tools(identifier="u1", filter=ScopedToolFilter(connection_names=["github"]))
 *     (composio_langchain: toolset.actions.langchain.get_tools(identifier="u1", connection_names=["github"]))
 * toolset.execute_action(action=Action.GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER, params={...}, entity_id=uid)
 *   → toolset.actions.execute_tool(tool_name="github_repo_star", identifier=uid, connection_name="github", tool_input={...})
 * entity = toolset.get_entity(uid); request = entity.initiate_connection(app_name=App.GMAIL)   (also in one expression)
 *   → toolset.actions.get_or_create_connected_account(connection_name="gmail", identifier=uid)
 *     request = toolset.actions.get_authorization_link(connection_name="gmail", identifier=uid)   (request.redirectUrl → request.link)
 * @action(toolname="cow")                                       → kept, reported (custom tools)
 *
 * A call that passes no entity_id gets the toolset's own (its text, when it is a literal, a module-level
 * name, or read in the function that built the toolset; a literal one also in the modules importing the toolset),
 * else "default" as in Composio, reported.
 * A toolset imported from another module of the run (`from app.tools import toolset`) keeps its plugin's adapter
 * (PyFile.toolsetPlugin). handle_tool_calls without an adapter, triggers, find_actions_by_use_case... are reported by the unmigrated-call report
 * (client-calls.json pythonCalls): the toolset is a client for PyFile.
 */
export function migrateLegacyToolsets(py: PyFile): void {
  const names = enumNames(py);
  for (const call of py.all('call')) {
    if (py.isToolsetConstruction(call)) migrateConstruction(py, call);
  }
  renameClassReferences(py);
  for (const { call, client, path } of py.clientCalls()) {
    if (py.rewritten(call)) continue;
    const member = path.join('.');
    if (member === 'get_tools' || member === 'get_actions') migrateGetTools(py, call, client, names);
    else if (member === 'execute_action') migrateExecuteAction(py, call, client, names);
    else if (member === 'get_entity') migrateEntity(py, call, client, names);
    else if (member === 'initiate_connection') migrateToolsetInitiate(py, call, client, names);
    else if (member === 'handle_tool_calls') migrateHandleToolCalls(py, call, client);
  }
  reportCustomActions(py);
  reportToolsetReads(py);
}

// ---------------------------------------------------------------------------------------------
// ComposioToolSet(...)

function migrateConstruction(py: PyFile, call: PyNode): void {
  const args = py.argumentsOf(call);
  for (const [name, value] of args?.keywords ?? []) {
    if (name === 'api_key') {
      if (py.stringValue(value)) py.ctx.report('py-hardcoded-api-key', value.startIndex);
    } else if (name === 'entity_id') py.ctx.report('py-legacy-default-entity', value.startIndex, `(entity_id=${value.text})`);
    else if (name === 'connected_account_ids') py.ctx.report('py-legacy-connected-account-ids', value.startIndex, '(connected_account_ids)');
    else if (name === 'processors') py.reportAt('py-legacy-processors', value, '(processors)');
    else py.ctx.report('py-client-option-dropped', value.startIndex, `(${name})`);
  }
  if (!args || args.positional.length > 0) py.ctx.report('py-client-option-dropped', call.startIndex, '(positional or spread arguments)');
  // Scalekit's imports take the place of the plugin's (removed last, when nothing uses its names)
  const anchor = toolsetImport(py);
  py.addImport('import os', anchor);
  py.addImport(SCALEKIT_IMPORT, anchor);
  writeScalekitConstruction(py, call, `(${call.childForFieldName('function')!.text})`);
  // ComposioToolSet().get_tools(...): a toolset used without a name is no client PyFile follows
  const access = call.parent?.type === 'attribute' && call.parent.childForFieldName('object')?.equals(call) ? call.parent : undefined;
  if (access) py.reportAt('py-call-unmigrated', access, `(${access.childForFieldName('attribute')!.text} on a toolset made in place)`);
}

/** The top-level `from composio_<plugin> import ComposioToolSet`, when there is one. */
function toolsetImport(py: PyFile): PyNode | undefined {
  return py.tree.rootNode.namedChildren.find(
    (statement): statement is PyNode =>
      statement?.type === 'import_from_statement' &&
      /^composio(_\w+)?$/.test(statement.childForFieldName('module_name')?.text ?? '') &&
      importedNames(statement).some((n) => /^ComposioTool[Ss]et$/.test(n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text)),
  );
}

/** `def run(toolset: ComposioToolSet)`: the class name left outside constructions is Scalekit's. */
function renameClassReferences(py: PyFile): void {
  const local = new Set(py.toolsetClassNames());
  for (const identifier of py.all('identifier')) {
    if (!local.has(identifier.text) || py.touched(identifier)) continue;
    const parent = identifier.parent;
    if (parent?.type === 'dotted_name' || parent?.type === 'aliased_import') continue; // the import itself
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(identifier)) continue;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier)) continue;
    py.ctx.edits.add(identifier.startIndex, identifier.endIndex, 'ScalekitClient');
  }
}

// ---------------------------------------------------------------------------------------------
// The identifier: the call's entity_id, else the toolset's, else "default"

function identifierFor(py: PyFile, site: PyNode, client: PyNode, explicit: PyNode | undefined): string {
  if (explicit && explicit.type !== 'none') return py.source(explicit);
  const construction = ownClassToolset(py, client, site) ?? py.toolsets.get(client.text);
  // a toolset imported from another module, built there with entity_id="acme"
  const imported = construction ? undefined : py.importedToolsets(client)?.entity;
  if (imported !== undefined) return typeof imported === 'number' ? String(imported) : py.quote(imported);
  const entity = construction ? py.argumentsOf(construction)?.keywords.get('entity_id') : undefined;
  if (entity && entity.type !== 'none' && reusable(py, entity, construction!, site)) return entity.text;
  const stored = entity && entity.type !== 'none' ? storedOnSelf(entity, construction!, site) : undefined;
  if (stored) return stored;
  py.reportAt('py-legacy-identifier-default', site, entity ? `(the toolset's entity_id, ${entity.text}, is not in scope here)` : undefined);
  return py.quote('default');
}

/** A literal, a module-level name, or (read in the function that built the toolset, after it) a name or attribute. */
function reusable(py: PyFile, value: PyNode, construction: PyNode, site: PyNode): boolean {
  if (value.type === 'string' && py.stringValue(value) !== undefined) return true;
  if (value.type === 'integer') return true;
  if (value.type === 'identifier' && moduleNames(py).has(value.text)) return true;
  if (value.type !== 'identifier' && value.type !== 'attribute') return false;
  const scope = enclosingFunction(construction);
  return scope !== undefined && enclosingFunction(site)?.equals(scope) === true && site.startIndex > construction.endIndex;
}

/**
 * A toolset built per user in a method (`self.toolset = ComposioToolSet(entity_id=user_id)` in __init__), read in
 * another method of the same class: the entity id as that method can read it, `self.user_id` when the value is
 * `self.user_id` (or `self.account.entity_id`), or a parameter of the building method that it stores on self
 * (`self.user_id = user_id`).
 */
function storedOnSelf(value: PyNode, construction: PyNode, site: PyNode): string | undefined {
  const builder = enclosingFunction(construction);
  const method = enclosingMethod(site);
  const cls = builder && classOfMethod(builder);
  if (!builder || !method || !cls || !classOfMethod(method)?.equals(cls) || firstParameter(method) !== 'self' || firstParameter(builder) !== 'self') return undefined;
  if (value.type === 'attribute' && /^self(\.\w+)+$/.test(value.text)) return value.text;
  if (value.type !== 'identifier' || !parameterNames(builder).all.includes(value.text)) return undefined;
  for (const assignment of builder.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || assignment!.childForFieldName('right')?.text !== value.text) continue;
    // in the building method itself (not in a function nested in it)
    if (enclosingFunction(assignment!)?.equals(builder)) return left.text;
  }
  return undefined;
}

/** `self.toolset` read in a method: the construction assigned to it in a method of the same class (several classes of a file may each build one). */
function ownClassToolset(py: PyFile, client: PyNode, site: PyNode): PyNode | undefined {
  const method = client.text.startsWith('self.') ? enclosingMethod(site) : undefined;
  const cls = method && classOfMethod(method);
  if (!cls) return undefined;
  for (const assignment of cls.descendantsOfType('assignment')) {
    const right = assignment?.childForFieldName('right');
    if (assignment?.childForFieldName('left')?.text !== client.text || !right || !py.isToolsetConstruction(right)) continue;
    const builder = enclosingMethod(assignment);
    if (builder && classOfMethod(builder)?.equals(cls)) return right;
  }
  return undefined;
}

/** The method (a function defined in a class body) a node is in, through functions nested in it. */
function enclosingMethod(node: PyNode): PyNode | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (classOfMethod(fn)) return fn;
  return undefined;
}

/** The class a function is defined in the body of (decorated or not). */
function classOfMethod(fn: PyNode): PyNode | undefined {
  const definition = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  return definition.parent?.type === 'block' && definition.parent.parent?.type === 'class_definition' ? definition.parent.parent : undefined;
}

function firstParameter(fn: PyNode): string | undefined {
  return parameterNames(fn).all[0];
}

function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

/** Names a module's top level binds: assignments and imports. */
function moduleNames(py: PyFile): Set<string> {
  const names = new Set<string>();
  for (const statement of py.tree.rootNode.namedChildren) {
    if (!statement) continue;
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.type === 'identifier') names.add(assignment.childForFieldName('left')!.text);
    if (statement.type === 'import_from_statement' || statement.type === 'import_statement') {
      for (const name of importedNames(statement)) names.add(name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : name.text.split('.')[0]!);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// App.X, Action.X and strings

/** The local names of composio's `App` and `Action` enums (from composio or a plugin). */
function enumNames(py: PyFile): { app: Set<string>; action: Set<string> } {
  const app = new Set<string>();
  const action = new Set<string>();
  for (const statement of py.all('import_from_statement')) {
    if (!/^composio(_\w+)?(\.client\.enums)?$/.test(statement.childForFieldName('module_name')?.text ?? '')) continue;
    for (const name of importedNames(statement)) {
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
      const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : name.text;
      if (imported === 'App') app.add(local);
      if (imported === 'Action') action.add(local);
    }
  }
  return { app, action };
}

/** `App.GITHUB` → "GITHUB", `"github"` → "github"; anything else undefined. */
function enumValue(py: PyFile, node: PyNode | undefined, enumLocal: Set<string>): string | undefined {
  if (!node) return undefined;
  if (node.type === 'attribute' && enumLocal.has(node.childForFieldName('object')!.text)) return node.childForFieldName('attribute')!.text;
  return py.stringValue(enumArgument(py, node, enumLocal) ?? node);
}

/** `Action(name)`, `App("github")`: the enum built from its value (the slug) → that value's expression. */
function enumArgument(py: PyFile, node: PyNode, enumLocal: Set<string>): PyNode | undefined {
  if (node.type !== 'call' || !enumLocal.has(node.childForFieldName('function')!.text)) return undefined;
  const args = py.argumentsOf(node);
  return args?.positional.length === 1 && args.keywords.size === 0 ? args.positional[0] : undefined;
}

/** Whether an expression still names one of the enums (their import goes once the calls are migrated). */
function namesEnum(node: PyNode, enumLocal: Set<string>): boolean {
  return (node.type === 'identifier' ? [node] : node.descendantsOfType('identifier')).some((id) => id !== null && enumLocal.has(id.text));
}

/** `[App.GITHUB, "gmail"]` → `["github", "gmail"]`, else undefined. */
function mappedList(py: PyFile, node: PyNode, enumLocal: Set<string>, map: (name: string) => string): string | undefined {
  if (node.type !== 'list' && node.type !== 'tuple') return undefined;
  const elements = node.namedChildren.filter((n): n is PyNode => n !== null && n.type !== 'comment');
  const values = elements.map((e) => enumValue(py, e, enumLocal));
  if (values.some((v) => v === undefined)) return undefined;
  return `[${values.map((v) => py.quote(map(v!))).join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// toolset.get_tools(actions=None, apps=None, tags=None, entity_id=None, ...)

const GET_TOOLS_DROPPED: Record<string, string> = {
  use_case: 'py-legacy-use-case',
  tags: 'py-legacy-tools-filter',
  processors: 'py-legacy-processors',
  check_connected_accounts: 'py-legacy-option-dropped',
  skip_default: 'py-legacy-option-dropped',
};

function migrateGetTools(py: PyFile, call: PyNode, client: PyNode, names: { app: Set<string>; action: Set<string> }): void {
  const args = py.argumentsOf(call);
  const member = call.childForFieldName('function')!.childForFieldName('attribute')!.text;
  if (!args || args.positional.length > 3) {
    py.reportAt('py-legacy-get-tools-unmigrated', call, `(${member} with positional or spread arguments)`);
    return;
  }
  const given = (node: PyNode | undefined) => (node && node.type !== 'none' ? node : undefined);
  const actions = given(args.keywords.get('actions') ?? args.positional[0]);
  const apps = given(args.keywords.get('apps') ?? args.positional[1]);
  const tags = given(args.keywords.get('tags') ?? args.positional[2]);
  const unknown = [...args.keywords.keys()].filter((k) => !['actions', 'apps', 'entity_id'].includes(k) && !(k in GET_TOOLS_DROPPED));
  if (unknown.length > 0 || (actions && apps)) {
    py.reportAt('py-legacy-get-tools-unmigrated', call, unknown.length > 0 ? `(${unknown.join(', ')})` : '(apps and actions together: Composio gave the union of both)');
    return;
  }
  const list = actions ?? apps;
  const metaSlug = actions?.namedChildren.map((n) => enumValue(py, n ?? undefined, names.action)).find((s) => s !== undefined && metaToolRule(s));
  if (metaSlug) {
    py.reportAt('py-call-unmigrated', call, `(${metaSlug}: a Composio meta tool)`);
    return;
  }
  const listed = list && (list.type === 'list' || list.type === 'tuple') ? list.namedChildren.filter((n): n is PyNode => n !== null && n.type !== 'comment').map((e) => enumValue(py, e, actions ? names.action : names.app)) : [];
  if (pyNamesUnwritable(py, call, listed.map((v) => [v, actions ? 'tool' : 'toolkit']))) return;
  const mapped = actions ? mappedList(py, actions, names.action, (s) => pyToolName(s, py)) : apps ? mappedList(py, apps, names.app, (t) => pyConnectionName(t, py)) : undefined;
  if (list && !mapped) {
    py.reportAt('py-legacy-get-tools-unmigrated', call, `(${actions ? 'actions' : 'apps'}: not a list of App/Action members or strings${actions ? '; custom @action tools have no Scalekit equivalent' : ''})`);
    return;
  }
  const identifier = identifierFor(py, call, client, args.keywords.get('entity_id'));
  const key = actions ? 'tool_names' : 'connection_names';
  for (const [name, value] of args.keywords) {
    const rule = GET_TOOLS_DROPPED[name];
    if (!rule || (name === 'tags' && value.type === 'none')) continue;
    if (py.ctx.mappings.rules.get(rule)?.todo) py.reportAt(rule, call, `(${name}=${value.text})`);
    else py.ctx.report(rule, value.startIndex, `(${name})`);
  }
  if (tags && !args.keywords.has('tags')) py.reportAt('py-legacy-tools-filter', call, `(tags=${tags.text})`);
  const plugin = py.toolsetPlugin(client);
  if (LANGCHAIN_PLUGINS.has(plugin ?? '')) {
    const parts = [`identifier=${identifier}`, ...(mapped ? [`${key}=${mapped}`] : [])];
    py.replace(call, `${py.source(client)}.actions.langchain.get_tools${py.argumentList(call, parts)}`);
    py.ctx.report('py-langchain-tools', call.startIndex);
    return;
  }
  // a toolset of a plugin the tool has an adapter for: the generated module gives the framework's tools
  const adapter = legacyAdapter(plugin);
  if (adapter) {
    const parts = [py.source(client), identifier, ...(mapped ? [`${key}=${mapped}`] : [])];
    py.replace(call, `${adapter.tools}${py.argumentList(call, parts)}`);
    usePythonAdapter(py, adapter, adapter.tools);
    py.ctx.report('py-framework-adapter', call.startIndex, `(${adapter.module}.py: ${adapter.tools})`);
    return;
  }
  const parts = [`identifier=${identifier}`, ...(mapped ? [`filter=ScopedToolFilter(${key}=${mapped})`] : [])];
  py.replace(call, `${py.source(client)}.tools.list_scoped_tools${py.argumentList(call, parts)}`);
  if (mapped) py.addImport(FILTER_IMPORT, toolsetImport(py));
  py.reportAt('py-tools-get-definitions', call);
}

// ---------------------------------------------------------------------------------------------
// toolset.execute_action(action, params, metadata=None, entity_id=None, connected_account_id=None, text=None, *, processors=None)

function migrateExecuteAction(py: PyFile, call: PyNode, client: PyNode, names: { action: Set<string> }): void {
  const args = py.argumentsOf(call);
  const slugNode = args?.keywords.get('action') ?? args?.positional[0];
  const known = ['action', 'params', 'metadata', 'entity_id', 'connected_account_id', 'text', 'processors'];
  const unknown = [...(args?.keywords.keys() ?? [])].filter((k) => !known.includes(k));
  if (!args || !slugNode || args.positional.length > 4 || unknown.length > 0) {
    py.reportAt('py-legacy-execute-unmigrated', call, unknown.length > 0 ? `(${unknown.join(', ')})` : undefined);
    return;
  }
  const slug = enumValue(py, slugNode, names.action);
  // a name known at run time: `Action(action_name)` is the slug action_name; any other use of the enum is kept, reported
  const runTimeSlug = slug ? undefined : (enumArgument(py, slugNode, names.action) ?? slugNode);
  if (runTimeSlug && namesEnum(runTimeSlug, names.action)) {
    py.reportAt('py-legacy-execute-unmigrated', call, `(action=${slugNode.text})`);
    return;
  }
  if (slug && metaToolRule(slug)) {
    py.reportAt('py-call-unmigrated', call, `(${slug}: a Composio meta tool)`);
    return;
  }
  if (pyNamesUnwritable(py, call, [[slug, 'tool']])) return;
  const params = args.keywords.get('params') ?? args.positional[1];
  const identifier = identifierFor(py, call, client, args.keywords.get('entity_id') ?? args.positional[3]);
  // an action name known only at run time goes through scalekit_names.py
  const parts = [
    `tool_name=${slug ? py.quote(pyToolName(slug, py)) : runTimeName(py, 'to_scalekit_tool_name', runTimeSlug!)}`,
    `identifier=${identifier}`,
    `connection_name=${slug ? py.quote(connectionNameForTool(slug, py.ctx.mappings)) : runTimeName(py, 'scalekit_connection_for_tool', runTimeSlug!)}`,
  ];
  pyToolInput(py, slug, params, call);
  parts.push(`tool_input=${params ? py.source(params) : '{}'}`);
  const metadata = args.keywords.get('metadata') ?? args.positional[2];
  if (metadata && metadata.type !== 'none') py.ctx.report('py-legacy-option-dropped', metadata.startIndex, '(metadata)');
  for (const [name, value] of args.keywords) {
    if (name === 'connected_account_id') py.ctx.report('py-legacy-connected-account-ids', value.startIndex, '(connected_account_id)');
    else if (name === 'text') py.ctx.report('py-legacy-option-dropped', value.startIndex, '(text)');
    else if (name === 'processors') py.reportAt('py-legacy-processors', call, '(processors)');
  }
  if (runTimeSlug) reportRunTimeName(py, runTimeSlug);
  if (!py.replace(call, `${py.source(client)}.actions.execute_tool${py.argumentList(call, parts)}`)) return;
  migrateResult(py, call);
}

// ---------------------------------------------------------------------------------------------
// toolset.get_entity(id) ... entity.initiate_connection(app_name=App.GMAIL, redirect_url=...)

function migrateEntity(py: PyFile, call: PyNode, client: PyNode, names: { app: Set<string> }): void {
  const args = py.argumentsOf(call);
  const id = args?.positional[0] ?? args?.keywords.get('id');
  // toolset.get_entity(id).initiate_connection(...)
  const chained = initiateCall(call);
  if (chained) {
    if (!migrateInitiate(py, chained, client, () => identifierFor(py, chained, client, id), 'app_name', names)) py.reportAt('py-legacy-entity', call, '(get_entity)');
    return;
  }
  // entity = toolset.get_entity(id) ... entity.initiate_connection(...)
  const assignment = call.parent?.type === 'assignment' ? call.parent : undefined;
  const name = assignment?.childForFieldName('left');
  const statement = assignment ? py.statementOf(assignment) : undefined;
  if (!name || name.type !== 'identifier' || statement?.type !== 'expression_statement') {
    py.reportAt('py-legacy-entity', call, '(get_entity)');
    return;
  }
  const scope = statement.parent ?? py.tree.rootNode;
  let kept = false;
  for (const reference of scope.descendantsOfType('identifier')) {
    if (!reference || reference.text !== name.text || reference.equals(name) || reference.startIndex < call.endIndex) continue;
    const site = initiateCall(reference);
    if (site && migrateInitiate(py, site, client, () => identifierFor(py, site, client, id), 'app_name', names)) continue;
    kept = true;
    const access = reference.parent?.type === 'attribute' && reference.parent.childForFieldName('object')?.equals(reference) ? reference.parent : undefined;
    py.reportAt('py-legacy-entity', reference, access ? `(entity.${access.childForFieldName('attribute')!.text})` : undefined);
  }
  if (kept) py.reportAt('py-legacy-entity', call, '(get_entity)');
  else py.removeLine(statement);
}

/** `toolset.initiate_connection(app=App.GITHUB, entity_id=uid, redirect_url=...)`. */
function migrateToolsetInitiate(py: PyFile, call: PyNode, client: PyNode, names: { app: Set<string> }): void {
  const entity = py.argumentsOf(call)?.keywords.get('entity_id');
  if (!migrateInitiate(py, call, client, () => identifierFor(py, call, client, entity), 'app', names)) py.reportAt('py-call-unmigrated', call, '(initiate_connection)');
}

/** `<receiver>.initiate_connection(...)`, the call, when `receiver` is its target. */
function initiateCall(receiver: PyNode): PyNode | undefined {
  const access = receiver.parent;
  if (access?.type !== 'attribute' || !access.childForFieldName('object')?.equals(receiver) || access.childForFieldName('attribute')?.text !== 'initiate_connection') return undefined;
  const call = access.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.equals(access) ? call : undefined;
}

const CREDENTIAL_OPTIONS = new Set(['auth_config', 'connected_account_params']);

/** The two Scalekit calls, as authorize.ts writes them; false when the call cannot be read (nothing written). */
function migrateInitiate(py: PyFile, call: PyNode, client: PyNode, identifier: () => string, appKeyword: string, names: { app: Set<string> }): boolean {
  const args = py.argumentsOf(call);
  const statement = connectedAccountStatement(py, call);
  const app = args?.keywords.get(appKeyword) ?? (appKeyword === 'app_name' ? args?.positional[0] : undefined);
  const toolkit = enumValue(py, app, names.app);
  if (!args || !toolkit || !statement || args.positional.length > (appKeyword === 'app_name' ? 1 : 0)) return false;
  // reported there: nothing else to say of the call
  if (pyNamesUnwritable(py, call, [[toolkit, 'toolkit']])) return true;
  const parts = `connection_name=${py.quote(pyConnectionName(toolkit, py))}, identifier=${identifier()}`;
  // the options first: their TODO comments go above both new lines
  for (const [name, value] of args.keywords) {
    if (name === appKeyword || name === 'entity_id' || value.type === 'none') continue;
    if (name === 'redirect_url') py.reportAt('py-authorization-callback-url', call, `(redirect_url=${value.text})`);
    else if (CREDENTIAL_OPTIONS.has(name)) py.reportAt('py-connection-credentials', call, `(${name})`);
    else py.ctx.report('py-legacy-option-dropped', value.startIndex, `(${name})`);
  }
  addConnectedAccountCall(py, statement, client, parts);
  // the whole chain (toolset.get_entity(id).initiate_connection(...)) becomes the link call
  py.replace(call, `${py.source(client)}.actions.get_authorization_link(${parts})`);
  py.ctx.report('py-authorize', call.startIndex, '(initiate_connection)');
  migrateRequestUses(py, call);
  return true;
}

// ---------------------------------------------------------------------------------------------
// @action(...) custom actions, and toolset members read without a call

function reportCustomActions(py: PyFile): void {
  const local = new Set<string>();
  for (const statement of py.all('import_from_statement')) {
    if (!/^composio(_\w+)?$/.test(statement.childForFieldName('module_name')?.text ?? '')) continue;
    for (const name of importedNames(statement)) {
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
      if (imported === 'action') local.add(name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : name.text);
    }
  }
  if (local.size === 0) return;
  for (const decorator of py.all('decorator')) {
    const expression = decorator.namedChildren[0];
    const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
    if (callee?.type === 'identifier' && local.has(callee.text)) py.reportAt('py-custom-tools', decorator, `(@${callee.text})`);
  }
}

/** `toolset.client`, `toolset.entity_id`...: a toolset member read without a call has no Scalekit counterpart. */
function reportToolsetReads(py: PyFile): void {
  for (const first of py.all('attribute')) {
    const object = first.childForFieldName('object')!;
    if (!py.toolsets.has(object.text) || !py.isClient(object)) continue;
    let access = first;
    while (access.parent?.type === 'attribute' && access.parent.childForFieldName('object')?.equals(access)) access = access.parent;
    const parent = access.parent;
    if (py.touched(access) || (parent?.type === 'call' && parent.childForFieldName('function')?.equals(access))) continue; // a call: migrated, or reported with the client calls
    py.reportAt('py-call-unmigrated', access, `(${access.text}: a toolset member)`);
  }
}

/** The adapter for the plugin a toolset comes from (`composio_openai.ComposioToolSet` → the OpenAI adapter). */
function legacyAdapter(plugin: string | undefined): PythonAdapter | undefined {
  return plugin ? PYTHON_ADAPTERS.find((a) => a.legacyModules.includes(plugin)) : undefined;
}

/** toolset.handle_tool_calls(response, entity_id=uid) → handle_scalekit_tool_calls(toolset, uid, response), for a plugin with an adapter. */
function migrateHandleToolCalls(py: PyFile, call: PyNode, client: PyNode): void {
  const adapter = legacyAdapter(py.toolsetPlugin(client));
  const helper = adapter?.helpers['handle_tool_calls'];
  const args = py.argumentsOf(call);
  const response = args?.keywords.get('response') ?? args?.positional[0];
  if (!adapter || !helper || !args || !response || [...args.keywords.keys()].some((k) => !['response', 'entity_id'].includes(k)) || args.positional.length > 1) return;
  const identifier = identifierFor(py, call, client, args.keywords.get('entity_id'));
  py.replace(call, `${helper.name}(${py.source(client)}, ${identifier}, ${py.source(response)})`);
  usePythonAdapter(py, adapter, helper.name);
  py.ctx.report('py-framework-adapter', call.startIndex, `(${adapter.module}.py: ${helper.name})`);
}
