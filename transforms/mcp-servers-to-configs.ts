import { Node, type CallExpression, type VariableDeclaration } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { propertyName } from '../src/primitives/object-literal.js';
import { bindingsFor } from './model/analyze-exports.js';
import { clientCalls, declarationsOf } from './model/composio-bindings.js';
import { configText, serverConnections, suggestedConfig, type McpConfigSpec } from './model/mcp-configs.js';
import { constantString, constantStrings, resolveConstant } from './model/name-expressions.js';
import { outermostWrapper, referencesOf } from './model/sessions.js';

/**
 * const server = await composio.mcp.create('relay', { toolkits: ['gmail'], allowedTools: ['GMAIL_SEND_EMAIL'] })
 *   → kept, TODO: the MCP config to create once, `MCP config "relay" {gmail: gmail_send_message}` (mcp-server-create)
 * await composio.mcp.generate(userId, server.id), await server.generate(userId)
 *   → kept, TODO: a user's URL of that config, from scalekit-sdk-python's ensure_instance or REST (mcp-user-url)
 * await composio.mcp.get(server.id) / update / delete → kept, TODO naming the config (composio-mcp)
 *
 * @scalekit-sdk/node (2.11.0, lib/*.d.ts) has no MCP config or instance call, so nothing is rewritten: each
 * call is reported with what Scalekit's side is, and the config it stands for goes to the plan's MCP section.
 */
const transform: SourceTransform = {
  id: 'mcp-servers-to-configs',
  description: 'composio.mcp.create / generate / get / update / delete → kept (no MCP call in @scalekit-sdk/node), reported with the Scalekit MCP config each stands for',
  precondition: /\bmcp\b/,
  apply(file, ctx) {
    const calls = clientCalls(file, bindingsFor(file, ctx)).filter((c) => c.path.length === 2 && c.path[0] === 'mcp');
    const servers = new Map<Node, McpConfigSpec>();
    for (const { call, path } of calls) {
      if (path[1] !== 'create') continue;
      const spec = createSpec(call, ctx);
      ctx.reportAt('mcp-server-create', call, `(composio.mcp.create: ${configText(spec)})`);
      const holder = outermostWrapper(call).getParent();
      if (Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode())) servers.set(holder, spec);
    }
    for (const { call, path } of calls) {
      const member = path[1]!;
      if (member === 'generate') {
        const server = serverOf(call.getArguments()[1], servers);
        // a created server's mapping is said at its creation
        ctx.reportAt('mcp-user-url', call, `(composio.mcp.generate: the user's URL of ${configText(server.spec, !server.created)})`);
      } else if (member === 'get' || member === 'update' || member === 'delete') {
        const id = call.getArguments()[0];
        const server = id ? serverOf(id, servers) : undefined;
        ctx.reportAt('composio-mcp', call, `(composio.mcp.${member}${server ? `: ${configText(server.spec, !server.created)}` : ''})`);
      }
    }
    for (const [declaration, spec] of servers) {
      for (const reference of referencesOf(declaration as VariableDeclaration)) {
        const access = reference.getParent();
        const call = access?.getParent();
        if (Node.isPropertyAccessExpression(access) && access.getName() === 'generate' && Node.isCallExpression(call) && call.getExpression() === access) {
          ctx.reportAt('mcp-user-url', call, `(${reference.getText()}.generate: the user's URL of ${configText(spec, false)})`);
        }
      }
    }
  },
};

export default transform;

/** `mcp.create(name, { toolkits, allowedTools })`: the config's name and mapping; ≤0.1.40's `mcp.create(name, [{ authConfigId, allowedTools }])` says no toolkits. */
function createSpec(call: CallExpression, ctx: SourceFileContext): McpConfigSpec {
  const [nameArg, options] = call.getArguments();
  const name = nameArg ? constantString(nameArg) : undefined;
  const named: McpConfigSpec = name !== undefined ? { name } : suggestedConfig({ expression: nameArg?.getText() });
  if (!options || !Node.isObjectLiteralExpression(options)) return named;
  const value = (key: string) => {
    const property = options.getProperties().find((p) => propertyName(p) === key);
    return Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
  };
  const toolkits = toolkitNames(value('toolkits'));
  const allowedNode = value('allowedTools');
  const allowed = allowedNode ? constantStrings(allowedNode) : undefined;
  if (!toolkits || (allowedNode && !allowed)) return named;
  const { connections, problems } = serverConnections(toolkits, allowed, ctx.mappings);
  // a name the catalogue does not back is reported as the tool-name code reports it everywhere (and left out of the config)
  const byRule = new Map<string, string[]>();
  for (const problem of problems) byRule.set(problem.rule, [...(byRule.get(problem.rule) ?? []), problem.detail]);
  for (const [rule, details] of byRule) ctx.reportAt(rule, call, `(${[...new Set(details)].join('; ')})`);
  return connections.length > 0 ? { ...named, connections } : named;
}

/** `['gmail', { toolkit: 'github', authConfigId }]` (or a constant of this file holding it): the toolkit names, when all are known. */
function toolkitNames(node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const plain = constantStrings(node);
  if (plain) return plain;
  const list = resolveConstant(node);
  if (!Node.isArrayLiteralExpression(list)) return undefined;
  const names = list.getElements().map((element) => {
    if (!Node.isObjectLiteralExpression(element)) return constantString(element);
    const toolkit = element.getProperties().find((p) => propertyName(p) === 'toolkit');
    return Node.isPropertyAssignment(toolkit) ? constantString(toolkit.getInitializerOrThrow()) : undefined;
  });
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/** The config a server id stands for: `server.id` of a server this file creates (also through a constant holding it), else a suggested one. */
function serverOf(id: Node | undefined, servers: Map<Node, McpConfigSpec>): { spec: McpConfigSpec; created: boolean } {
  let node: Node | undefined = id;
  for (let depth = 0; depth < 3 && node; depth++) {
    if (Node.isPropertyAccessExpression(node) && node.getName() === 'id') {
      const found = declarationsOf(node.getExpression()).map((d) => servers.get(d)).find((s) => s !== undefined);
      if (found) return { spec: found, created: true };
      break;
    }
    if (!Node.isIdentifier(node)) break;
    const declaration = declarationsOf(node).find((d): d is VariableDeclaration => Node.isVariableDeclaration(d));
    node = declaration?.getInitializer();
  }
  const text = id?.getText();
  const literal = id ? constantString(id) : undefined;
  return { spec: suggestedConfig(literal !== undefined ? { literal } : { expression: text }), created: false };
}
