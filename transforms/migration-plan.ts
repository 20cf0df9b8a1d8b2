import { Node, Project, SyntaxKind, ts, type ObjectLiteralExpression } from '../src/ts-morph.js';
import type { Mappings } from '../src/mappings/load.js';
import type { MigrationPlan, PlanAuth, PlanMcpConfig, PlanSite, ToolNameSource } from '../src/plan.js';
import { parseConfigTexts } from './model/mcp-configs.js';
import { resolveAuthConfig } from './model/auth-configs.js';
import { ADAPTERS } from './model/framework-adapters.js';
import { parsePython, pythonReady, type PyNode } from '../src/python/parser.js';
import { HELPER_CONNECTION, HELPER_CONNECTION_FOR_TOOL, HELPER_TOOL } from './model/name-expressions.js';
import { connectionNameOf } from './model/names.js';
import { scalekitCatalog } from '../src/mappings/scalekit-catalog.js';
import type { Finding } from '../src/findings.js';
import { redactSecrets } from '../src/secrets.js';

/**
 * What the migrated code needs before it can run, read from the migrated text itself (so it says
 * exactly what the code will call): the connections to create in the Scalekit dashboard, the tool
 * names it calls and where each name came from, and the identifier expressions it passes.
 *
 *   composio.actions.executeTool({ toolName: 'github_issue_create', identifier: userId, connector: 'github', ... })
 *     → connection `github`; tool `github_issue_create` (from the table); identifier `userId`
 *
 * The auth scheme of each connection comes from the original text, where the Composio code set it up:
 *
 *   composio.authConfigs.create('LINEAR', { type: 'use_custom_auth', authScheme: 'API_KEY', ... })
 *   composio.connectedAccounts.initiate(userId, LINEAR_AUTH_CONFIG_ID, { config: AuthScheme.APIKey({...}) })
 *     → connection `linear`, auth type API_KEY
 */
export function collectPlan(files: Array<{ path: string; text: string; before?: string; findings?: Finding[] }>, mappings: Mappings): MigrationPlan {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noLib: true, noResolve: true, jsx: ts.JsxEmit.Preserve } });
  const connections = new Map<string, PlanSite[]>();
  type ToolEntry = { source: ToolNameSource; table?: string; sites: PlanSite[] };
  const tools = new Map<string, ToolEntry>();
  const identifiers = new Map<string, PlanSite[]>();
  const vouched = toolSources(mappings);
  const toolEntry = (name: string) => (): ToolEntry => vouched(name);
  const add = <T extends { sites: PlanSite[] } | PlanSite[]>(map: Map<string, T>, key: string, site: PlanSite, make: () => T) => {
    const entry = map.get(key) ?? make();
    map.set(key, entry);
    const sites = Array.isArray(entry) ? entry : entry.sites;
    if (!sites.some((s) => s.path === site.path && s.line === site.line)) sites.push(site);
  };

  for (const file of files) {
    if (/\.py$/.test(file.path)) {
      collectPython(file, {
        connection: (name, line) => add(connections, name, { path: file.path, line }, () => []),
        tool: (name, line) => add(tools, name, { path: file.path, line }, toolEntry(name)),
        identifier: (text, line) => add(identifiers, text, { path: file.path, line }, () => []),
      });
      continue;
    }
    if (!/\.[cm]?[jt]sx?$/.test(file.path) || !/\b(connectionNames?|connector|toolNames?|identifier)\b|listScopedTools|scalekit\w+Tools\(/.test(file.text)) continue;
    const source = project.createSourceFile(`/plan/${files.indexOf(file)}${extensionOf(file.path)}`, file.text, { overwrite: true });
    const siteOf = (node: Node): PlanSite => ({ path: file.path, line: node.getStartLineNumber() });
    for (const literal of source.getDescendantsOfKind(SyntaxKind.ObjectLiteralExpression)) {
      if (!isScalekitArgument(literal)) continue;
      for (const property of literal.getProperties()) {
        if (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property)) continue;
        const name = property.getName();
        const value = Node.isPropertyAssignment(property) ? property.getInitializer() : property.getNameNode();
        if (!value) continue;
        if (name === 'connectionName' || name === 'connector') {
          for (const text of strings(value)) add(connections, text, siteOf(property), () => []);
          if (isCallOf(value, [HELPER_CONNECTION, HELPER_CONNECTION_FOR_TOOL])) add(connections, '(known at run time)', siteOf(property), () => []);
        } else if (name === 'connectionNames') {
          for (const text of strings(value)) add(connections, text, siteOf(property), () => []);
        } else if (name === 'toolName' || name === 'toolNames') {
          for (const text of strings(value)) add(tools, text, siteOf(property), toolEntry(text));
          if (isCallOf(value, [HELPER_TOOL])) add(tools, '(known at run time)', siteOf(property), (): ToolEntry => ({ source: 'run time', sites: [] }));
        } else if (name === 'identifier') {
          add(identifiers, value.getText().replace(/\s+/g, ' '), siteOf(property), () => []);
        }
      }
    }
    for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      // tools.listScopedTools(identifier, ...); an adapter's scalekitVercelTools(client, identifier, ...)
      const at = Node.isPropertyAccessExpression(callee) && callee.getName() === 'listScopedTools' ? 0 : Node.isIdentifier(callee) && ADAPTER_FUNCTIONS.has(callee.getText()) ? 1 : -1;
      const identifier = at < 0 ? undefined : call.getArguments()[at];
      if (identifier) add(identifiers, identifier.getText().replace(/\s+/g, ' '), siteOf(identifier), () => []);
    }
    project.removeSourceFile(source);
  }

  const auth = new Map<string, PlanAuth>();
  for (const file of files) {
    if (file.before === undefined || !/\.[cm]?[jt]sx?$/.test(file.path) || !/authScheme|AuthScheme\./.test(file.before)) continue;
    const source = project.createSourceFile(`/plan/before-${files.indexOf(file)}${extensionOf(file.path)}`, file.before, { overwrite: true });
    for (const [connection, found] of authSchemesSetUp(source, file.path, mappings)) {
      if (!auth.has(connection)) auth.set(connection, found);
      if (!connections.has(connection)) connections.set(connection, []);
    }
    project.removeSourceFile(source);
  }

  // from the findings: the calls the run left as they were, and what it did to each call's arguments
  const notMigrated = new Map<string, { rule: string; detail: string; sites: PlanSite[] }>();
  const args: MigrationPlan['arguments'] = [];
  for (const file of files) {
    for (const finding of file.findings ?? []) {
      const detail = detailOf(finding, mappings);
      if (detail === undefined) continue;
      const site = { path: file.path, line: finding.line };
      if (NOT_MIGRATED.has(finding.rule)) {
        const key = `${finding.rule}\0${detail}`;
        const entry = notMigrated.get(key) ?? { rule: finding.rule, detail, sites: [] };
        notMigrated.set(key, entry);
        entry.sites.push(site);
      } else if (ARGUMENTS.has(finding.rule)) {
        args.push({ site, rule: finding.rule, detail });
      }
    }
  }

  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const connectorOf = new Map(Object.entries(mappings.connections).map(([connector, connection]) => [connection, connector]));
  return {
    connections: [...connections]
      .map(([name, sites]) => {
        const found = auth.get(name);
        return { name, connector: connectorOf.get(name) ?? name, ...(found ? { auth: found } : {}), sites };
      })
      .sort(byName),
    tools: [...tools].map(([name, entry]) => ({ name, ...entry })).sort(byName),
    notMigrated: [...notMigrated.values()].sort((a, b) => a.detail.localeCompare(b.detail)),
    arguments: args.sort((a, b) => a.site.path.localeCompare(b.site.path) || a.site.line - b.site.line),
    identifiers: [...identifiers].map(([name, sites]) => ({ name, sites })).sort(byName),
    mcpConfigs: mcpConfigs(files, mappings),
  };
}

/** What each MCP finding's place is to the config it names: where the code creates it, reads a user's URL of it, or uses it otherwise. */
const MCP_ROLES: Record<string, 'createdAt' | 'userUrlAt' | 'otherAt'> = {
  'mcp-server-create': 'createdAt',
  'py-mcp-config-created': 'createdAt',
  'py-mcp-server-create': 'createdAt',
  'mcp-user-url': 'userUrlAt',
  'session-mcp': 'userUrlAt',
  'py-mcp-instance-url': 'userUrlAt',
  'py-mcp-user-url': 'userUrlAt',
  'mcp-config-composio': 'userUrlAt',
  'composio-mcp': 'otherAt',
  'py-mcp': 'otherAt',
};

/**
 * The MCP configs the findings name (transforms/model/mcp-configs.ts writes each as `MCP config "<name>" {<mapping>}`):
 * one entry a name, its mapping from the first finding that gives one, every place that names it.
 */
function mcpConfigs(files: Array<{ path: string; findings?: Finding[] }>, mappings: Mappings): PlanMcpConfig[] {
  const configs = new Map<string, PlanMcpConfig & { named: boolean; mapped: boolean }>();
  for (const file of files) {
    for (const finding of file.findings ?? []) {
      const role = MCP_ROLES[finding.rule];
      if (!role) continue;
      const rule = mappings.rules.get(finding.rule);
      const detail = rule && finding.message.startsWith(redactSecrets(rule.message)) ? finding.message.slice(redactSecrets(rule.message).length) : finding.message;
      for (const named of parseConfigTexts(detail)) {
        let entry = configs.get(named.name);
        if (!entry) configs.set(named.name, (entry = { name: named.name, named: false, mapped: false, connections: null, createdAt: [], userUrlAt: [], otherAt: [] }));
        entry.named ||= !named.suggested;
        if (named.connections) {
          if (!entry.mapped) Object.assign(entry, { mapped: true, connections: named.connections });
          else if (JSON.stringify(entry.connections) !== JSON.stringify(named.connections)) entry.note ??= `the code gives it other connections or tools at \`${file.path}:${finding.line}\`: check which it needs`;
        }
        const sites = entry[role];
        if (!sites.some((s) => s.path === file.path && s.line === finding.line)) sites.push({ path: file.path, line: finding.line });
      }
    }
  }
  return [...configs.values()]
    .map(({ named, mapped: _mapped, ...config }) => ({ ...config, ...(named ? {} : { suggested: true }) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const NOT_MIGRATED = new Set(['tool-not-in-catalog', 'tool-no-counterpart', 'connector-not-in-catalog']);
const ARGUMENTS = new Set(['tool-arguments-renamed', 'tool-argument-unknown', 'tool-argument-missing', 'tool-argument-shape', 'tool-arguments-not-literal']);

/** What a finding said beyond its rule's message: the `(...)` detail the transform gave. */
function detailOf(finding: Finding, mappings: Mappings): string | undefined {
  const rule = mappings.rules.get(finding.rule);
  if (!rule || (!NOT_MIGRATED.has(finding.rule) && !ARGUMENTS.has(finding.rule))) return undefined;
  const message = redactSecrets(rule.message);
  const rest = finding.message.startsWith(message) ? finding.message.slice(message.length).trim() : finding.message;
  return rest.replace(/^\((.*)\)$/s, '$1');
}

/**
 * What vouches for a Scalekit tool name found in the migrated code: a mapping table that writes it (its
 * file), else Scalekit's catalogue, else nothing. The tables are read once per plan.
 */
function toolSources(mappings: Mappings): (name: string) => { source: ToolNameSource; table?: string; sites: PlanSite[] } {
  const tables = new Map<string, { table: string; user: boolean }>();
  // a table entry keeping the slug's own name renames nothing: the catalogue vouches for that name
  for (const [slug, entry] of Object.entries(mappings.tools)) {
    if (entry.scalekit !== null && entry.scalekit !== slug.toLowerCase() && !tables.has(entry.scalekit)) tables.set(entry.scalekit, { table: entry.source, user: entry.user === true });
  }
  const catalog = scalekitCatalog();
  return (name) => {
    const table = tables.get(name);
    const known = catalog.hasTool(name);
    if (table && known) return { source: 'table', table: table.table, sites: [] };
    if (known) return { source: 'catalogue', sites: [] };
    return { source: 'not in catalogue', ...(table ? { table: table.table } : {}), sites: [] };
  };
}

/**
 * Python: the keyword arguments of scalekit-sdk-python calls in the migrated text, and the identifier
 * the generated adapters take second (`scalekit_openai_tools(client, user_id, ...)`).
 *   actions.execute_tool(tool_name="github_repo_star", identifier=uid, connection_name="github", ...)
 *   ScopedToolFilter(connection_names=["gmail"]), actions.langchain.get_tools(identifier=uid, tool_names=[...])
 */
function collectPython(
  file: { path: string; text: string },
  found: { connection(name: string, line: number): void; tool(name: string, line: number): void; identifier(text: string, line: number): void },
): void {
  if (!/\b(connection_names?|tool_names?|identifier)\s*=|scalekit_\w+_tools\(/.test(file.text) || !pythonReady()) return;
  const tree = parsePython(file.text);
  try {
    const strings = (node: PyNode | null): string[] => {
      if (!node) return [];
      if (node.type === 'string' && !node.namedChildren.some((c) => c?.type === 'interpolation')) return [node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('')];
      if (node.type === 'list' || node.type === 'tuple') return node.namedChildren.flatMap((c) => strings(c));
      return [];
    };
    for (const argument of tree.rootNode.descendantsOfType('keyword_argument')) {
      if (!argument) continue;
      const name = argument.childForFieldName('name')?.text;
      const value = argument.childForFieldName('value');
      const line = argument.startPosition.row + 1;
      if (!value) continue;
      if (name === 'connection_name' || name === 'connection_names') for (const text of strings(value)) found.connection(text, line);
      else if (name === 'tool_name' || name === 'tool_names') for (const text of strings(value)) found.tool(text, line);
      else if (name === 'identifier') found.identifier(value.text.replace(/\s+/g, ' '), line);
    }
    for (const call of tree.rootNode.descendantsOfType('call')) {
      const callee = call?.childForFieldName('function');
      if (!call || callee?.type !== 'identifier' || !/^(scalekit_\w+_tools|handle_scalekit_\w+|execute_scalekit_\w+)$/.test(callee.text)) continue;
      const identifier = call.childForFieldName('arguments')?.namedChildren[1];
      if (identifier && identifier.type !== 'keyword_argument') found.identifier(identifier.text.replace(/\s+/g, ' '), identifier.startPosition.row + 1);
    }
  } finally {
    tree.delete();
  }
}

/** Where the Composio code states an auth scheme for a toolkit, by the connection name the migrated code uses for it. */
function authSchemesSetUp(source: Node, file: string, mappings: Mappings): Map<string, PlanAuth> {
  const found = new Map<string, PlanAuth>();
  const record = (toolkit: string, scheme: string, at: Node) => {
    const connection = connectionNameOf(toolkit, mappings);
    const target = mappings.authSchemes[scheme];
    if (found.has(connection)) return;
    found.set(connection, {
      composio: scheme,
      scalekit: target?.typescript ?? null,
      ...(target?.note ? { note: target.note } : target ? {} : { note: 'a scheme the tables do not know' }),
      from: { path: file, line: at.getStartLineNumber() },
    });
  };
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const [first, second, third] = call.getArguments();
    // authConfigs.create('LINEAR', { type: 'use_custom_auth', authScheme: 'API_KEY', ... })
    if (callee.getName() === 'create' && /\bauthConfigs$/.test(callee.getExpression().getText()) && first && Node.isObjectLiteralExpression(second)) {
      const toolkit = strings(first)[0];
      const scheme = second.getProperty('authScheme');
      const value = Node.isPropertyAssignment(scheme) ? strings(scheme.getInitializerOrThrow())[0] : undefined;
      if (toolkit && value) record(toolkit, value, call);
    }
    // connectedAccounts.initiate(userId, authConfigId, { config: AuthScheme.APIKey({...}) })
    if (callee.getName() === 'initiate' && /\bconnectedAccounts$/.test(callee.getExpression().getText()) && second && Node.isObjectLiteralExpression(third)) {
      const config = third.getProperty('config');
      const helper = Node.isPropertyAssignment(config) ? config.getInitializer() : undefined;
      const helperName = Node.isCallExpression(helper) && Node.isPropertyAccessExpression(helper.getExpression()) ? helper.getExpression().getText().replace(/^AuthScheme\./, '') : undefined;
      const scheme = helperName ? mappings.authSchemeHelpers[helperName] : undefined;
      const toolkit = resolveAuthConfig(second, mappings)?.toolkit;
      if (scheme && toolkit) record(toolkit, scheme, call);
    }
  }
  return found;
}

/** An object passed to a Scalekit call: `x.actions.executeTool({...})`, `x.tools.listScopedTools(id, { filter: {...} })`. */
function isScalekitArgument(literal: ObjectLiteralExpression): boolean {
  for (let node: Node | undefined = literal; node; node = node.getParent()) {
    const parent = node.getParent();
    if (Node.isCallExpression(parent) && parent.getArguments().includes(node as never)) {
      const callee = parent.getExpression();
      if (Node.isIdentifier(callee)) return ADAPTER_FUNCTIONS.has(callee.getText());
      return Node.isPropertyAccessExpression(callee) && /\.(actions|tools)$/.test(callee.getExpression().getText());
    }
    if (!Node.isObjectLiteralExpression(node) && !Node.isPropertyAssignment(node)) return false;
  }
  return false;
}

/** The names a value holds: literals, arrays of them, and `const` variables of the same file holding either. */
function strings(value: Node, depth = 0): string[] {
  if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return [value.getLiteralValue()];
  if (Node.isArrayLiteralExpression(value)) return value.getElements().flatMap((e) => strings(e, depth));
  if (Node.isAsExpression(value) || Node.isSatisfiesExpression(value)) return strings(value.getExpression(), depth);
  if (Node.isIdentifier(value) && depth < 3) {
    const declaration = value.getSourceFile().getVariableDeclaration(value.getText());
    const init = declaration?.getInitializer();
    if (declaration && init && declaration.getVariableStatement()?.getDeclarationKind() === 'const') return strings(init, depth + 1);
  }
  return [];
}

/** The generated adapters' functions, which take (client, identifier, ...) like the Scalekit calls they wrap. */
const ADAPTER_FUNCTIONS = new Set(ADAPTERS.flatMap((a) => [a.tools, ...Object.values(a.helpers)]));

function isCallOf(value: Node, names: string[]): boolean {
  return Node.isCallExpression(value) && names.includes(value.getExpression().getText());
}

function extensionOf(file: string): string {
  return /\.[cm]?[jt]sx?$/.exec(file)![0];
}
