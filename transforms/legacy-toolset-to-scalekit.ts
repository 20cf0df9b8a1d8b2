import { Node, SyntaxKind, type CallExpression, type Expression, type Identifier, type ImportDeclaration, type ObjectLiteralElementLike, type ObjectLiteralExpression, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { ObjectLiteralEditor, propertyName } from '../src/primitives/object-literal.js';
import { insertLinesBefore, removeStatement } from '../src/primitives/statements.js';
import { legacyBindingsFor } from './model/analyze-exports.js';
import type { ComposioProjectState } from './model/project-state.js';
import { property } from './model/call-site.js';
import { quoted, styleFor } from './model/code-style.js';
import { LEGACY_CORE, SCALEKIT_SDK, clientCalls, declarationsOf, moduleOfCall, unwrap, type ComposioBindings } from './model/composio-bindings.js';
import { descendantsOfKind, descendantsOfKindWhere, identifiersNamed } from './model/identifiers.js';
import { isRequireOrImportCall } from './model/provider-instances.js';
import { isBoundTo, symbolOf } from './model/scopes.js';
import { migrateToolInput } from './model/tool-input.js';
import { reportArrayUses } from './tools-get-to-list-scoped-tools.js';
import { connectionForToolText, connectionNameText, constantString, nameListText, namesUnwritable, toolNameText, writtenName } from './model/name-expressions.js';
import { insertAfter, removeProperties } from './model/property-list.js';
import { SCALEKIT_CLASS, claimScalekitImport, scalekitImportText, type ScalekitImportClaim } from './model/scalekit-class.js';
import { adapterForToolset, useAdapter } from './model/framework-adapters.js';
import { followRequest, isSimple, statementForLineBefore } from './authorize-to-authorization-link.js';
import { scalekitConstructionText } from './composio-client-to-scalekit-client.js';
import { migrateResult } from './tools-execute-to-execute-tool.js';
import { memberPathMatches } from './model/member-path.js';

/**
 * The legacy TypeScript SDK, composio-core 0.5.x:
 *
 * new OpenAIToolSet({ apiKey, entityId: 'u1' })     → new ScalekitClient(process.env['SCALEKIT_ENV_URL'] ?? '', ...)   (also VercelAIToolSet, LangchainToolSet, ComposioToolSet, Composio)
 * toolset.executeAction({ action: 'GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER', params, entityId })
 *   → toolset.actions.executeTool({ toolName: 'github_repo_star', identifier: entityId, connector: 'github', toolInput: params })
 * toolset.getTools({ apps: ['github'] }, entityId)  → toolset.tools.listScopedTools(entityId, { filter: { connectionNames: ['github'] } })
 * const entity = await toolset.getEntity(userId); const req = await entity.initiateConnection({ appName: 'github' })
 *   → await toolset.actions.getOrCreateConnectedAccount({ connectionName: 'github', identifier: userId });
 *     const req = await toolset.actions.getAuthorizationLink({ connectionName: 'github', identifier: userId });   (`req.redirectUrl` → `req.link`)
 * import { OpenAIToolSet } from 'composio-core'     → import { ScalekitClient } from '@scalekit-sdk/node'
 *
 * A call that passes no entityId gets the toolset's own (its text, where it is in scope), else
 * 'default' as in Composio, reported. Every other call or use of a toolset is reported, with the
 * rule mappings/legacy-calls.json gives it.
 */
const transform: SourceTransform = {
  id: 'legacy-toolset-to-scalekit',
  description: 'composio-core toolsets → ScalekitClient; executeAction → actions.executeTool, getTools → tools.listScopedTools, getEntity().initiateConnection → actions.getAuthorizationLink; the rest reported',
  apply(file, ctx) {
    const bindings = legacyBindingsFor(file, ctx);
    // a toolset comes from a `composio-core` import or require in the file, or from a local module exporting one
    // (the analysis's own shortcut, analyzeExports): with neither, the file has no toolset call to find
    if (!bindings.usesCore() && !(ctx.project as ComposioProjectState).legacy.hasExports()) return;
    const calls = clientCalls(file, bindings);
    if (!bindings.usesCore() && calls.length === 0) return;
    migrateConstructions(file, bindings, ctx);
    const covered = new Set<Node>();
    for (const { call, client, path } of calls) {
      for (let access: Node = call.getExpression(); access !== client && Node.isPropertyAccessExpression(access); access = access.getExpression()) covered.add(access);
      if (ctx.edits.touches(call.getStart(), call.getEnd())) continue;
      const member = (path[0] === 'client' ? path.slice(1) : path).join('.');
      if (member === 'executeAction' && migrateExecuteAction(call, client, bindings, file, ctx)) continue;
      if (member === 'getTools' && migrateGetTools(call, client, bindings, file, ctx)) continue;
      if (member === 'getEntity' && migrateEntity(call, client, bindings, file, ctx)) continue;
      reportCall(call, member, ctx);
    }
    reportOtherUses(file, bindings, covered, ctx);
    for (const declaration of file.getImportDeclarations()) {
      if (declaration.getModuleSpecifierValue() === LEGACY_CORE) migrateImport(declaration, bindings, file, ctx);
    }
    for (const call of descendantsOfKindWhere(file, SyntaxKind.CallExpression, isRequireOrImportCall)) {
      if (moduleOfCall(call) === LEGACY_CORE) migrateRequire(call, bindings, file, ctx);
    }
  },
};

export default transform;

function reportCall(call: CallExpression, member: string, ctx: SourceFileContext): void {
  const entry = ctx.mappings.legacyCalls.find((c) => memberPathMatches(c.path, member.split('.')));
  ctx.reportAt(entry?.rule ?? 'legacy-toolset-call', call, `(${member})`);
}

/** `toolset.entityId`, a toolset passed on, `toolset.connectedAccounts` held in a variable...: reads of a toolset member that is not a call. */
function reportOtherUses(file: SourceFile, bindings: ComposioBindings, covered: Set<Node>, ctx: SourceFileContext): void {
  for (const access of descendantsOfKind(file, SyntaxKind.PropertyAccessExpression)) {
    if (covered.has(access) || ctx.edits.touches(access.getStart(), access.getEnd())) continue;
    if (Node.isPropertyAccessExpression(access.getParent()) && (access.getParent() as Expression).getStart() === access.getStart()) continue; // the outermost access reports
    let target: Node = access.getExpression();
    const path = [access.getName()];
    while (Node.isPropertyAccessExpression(target) && !bindings.isClient(target)) {
      path.unshift(target.getName());
      target = target.getExpression();
    }
    if (!bindings.isClient(target)) continue;
    ctx.reportAt('legacy-toolset-call', access, `(${path.join('.')})`);
  }
}

// ---------------------------------------------------------------------------------------------
// new OpenAIToolSet({ ... })

function migrateConstructions(file: SourceFile, bindings: ComposioBindings, ctx: SourceFileContext): void {
  for (const expression of descendantsOfKind(file, SyntaxKind.NewExpression)) {
    if (!bindings.isClientClass(expression.getExpression())) continue;
    const config = expression.getArguments()[0];
    // the options vanish with the call, so they are reported without a TODO comment
    if (config && Node.isObjectLiteralExpression(config)) {
      for (const option of config.getProperties()) {
        const name = propertyName(option);
        const value = Node.isPropertyAssignment(option) ? option.getInitializer() : undefined;
        if (name === 'apiKey') {
          if (value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) && value.getLiteralValue() !== '') ctx.report('hardcoded-api-key', option.getStart());
        } else if (name === 'entityId') {
          ctx.report('legacy-default-entity', option.getStart(), `(entityId: ${Node.isShorthandPropertyAssignment(option) ? 'entityId' : value?.getText() ?? '...'})`);
        } else if (name === 'connectedAccountIds') {
          ctx.report('legacy-connected-account-ids', option.getStart());
        } else if (name === 'baseUrl') {
          ctx.report('client-option-dropped', option.getStart(), '(baseUrl: the Scalekit environment URL comes from SCALEKIT_ENV_URL)');
        } else {
          ctx.report('client-option-dropped', option.getStart(), name ? `(${name})` : undefined);
        }
      }
    } else if (config) {
      ctx.reportAt('client-config-dropped', config);
    }
    ctx.edits.add(expression.getStart(), expression.getEnd(), scalekitConstructionText(expression, scalekitClassName(expression.getExpression()), file, ctx));
    ctx.reportAt('client-constructed', expression);
  }
}

/** An aliased import keeps its local name (`import { OpenAIToolSet as Toolset }` → `import { ScalekitClient as Toolset }`). */
function scalekitClassName(reference: Node): string {
  const node = unwrap(reference);
  if (!Node.isIdentifier(node)) return SCALEKIT_CLASS;
  const aliased = declarationsOf(node).some((d) => Node.isImportSpecifier(d) && d.getAliasNode() !== undefined);
  return aliased ? node.getText() : SCALEKIT_CLASS;
}

// ---------------------------------------------------------------------------------------------
// The identifier: the call's entityId, else the toolset's, else 'default'

/** The `entityId` the toolset was built with, when the client is a variable or field initialized here with `new XToolSet({ entityId })`. */
function toolsetEntityId(client: Expression, bindings: ComposioBindings): Node | undefined {
  const node = unwrap(client);
  const name = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  for (const declaration of declarationsOf(name)) {
    if (!(Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration))) continue;
    const init = declaration.getInitializer();
    const construction = init && unwrap(init);
    if (!construction || !Node.isNewExpression(construction) || !bindings.isClientClass(construction.getExpression())) continue;
    const options = construction.getArguments()[0];
    if (!options || !Node.isObjectLiteralExpression(options)) return undefined;
    const entityId = options.getProperty('entityId');
    if (Node.isPropertyAssignment(entityId)) return entityId.getInitializer();
    if (Node.isShorthandPropertyAssignment(entityId)) return entityId.getNameNode();
  }
  return undefined;
}

/** The identifier text for a call that passed `explicit` (or nothing). */
function identifierText(site: Node, explicit: Node | undefined, client: Expression, bindings: ComposioBindings, file: SourceFile, ctx: SourceFileContext): { text: string; simple: boolean } {
  if (explicit) return { text: explicit.getText(), simple: isSimple(explicit) };
  const fallback = toolsetEntityId(client, bindings);
  if (fallback && inScopeAt(fallback, site)) return { text: fallback.getText(), simple: isSimple(fallback) };
  ctx.reportAt('legacy-identifier-default', site, fallback ? `(the toolset's entityId, ${fallback.getText()}, is not in scope here)` : undefined);
  return { text: quoted('default', styleFor(file, ctx.state)), simple: true };
}

/** Whether every name an expression reads is declared in a scope that holds `site` (and `this` is the same class). */
function inScopeAt(expression: Node, site: Node): boolean {
  const ids = Node.isIdentifier(expression) ? [expression] : expression.getDescendantsOfKind(SyntaxKind.Identifier);
  for (const id of ids) {
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    for (const declaration of declarationsOf(id)) {
      const scope = declaration.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a) || Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isModuleBlock(a) || Node.isCaseBlock(a) || Node.isForStatement(a) || Node.isForOfStatement(a) || Node.isForInStatement(a) || Node.isCatchClause(a));
      if (scope && !(scope.getStart() <= site.getStart() && site.getEnd() <= scope.getEnd())) return false;
    }
  }
  const usesThis = Node.isThisExpression(expression) || expression.getDescendantsOfKind(SyntaxKind.ThisKeyword).length > 0;
  if (usesThis && expression.getFirstAncestorByKind(SyntaxKind.ClassDeclaration) !== site.getFirstAncestorByKind(SyntaxKind.ClassDeclaration)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// toolset.executeAction({ action, params, entityId })

const EXECUTE_DROPPED = new Set(['nlaText', 'config']);

function migrateExecuteAction(call: CallExpression, client: Expression, bindings: ComposioBindings, file: SourceFile, ctx: SourceFileContext): boolean {
  const [body] = call.getArguments();
  if (!body || !isReadable(body)) {
    ctx.reportAt('tools-execute-body-not-literal', call);
    return true;
  }
  const properties = body.getProperties();
  const slugProperty = properties.find((p) => propertyName(p) === 'actionName') ?? properties.find((p) => propertyName(p) === 'action');
  if (!slugProperty) return false;
  const slug = valueOf(slugProperty);
  if (namesUnwritable(call, [[slug, 'tool']], ctx)) return true;

  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  ctx.edits.add(callee.getNameNode().getStart(), callee.getNameNode().getEnd(), 'actions.executeTool');

  const toolName = toolNameText(slug, file, ctx);
  const connector = connectionForToolText(slug, file, ctx);
  if (Node.isShorthandPropertyAssignment(slugProperty)) {
    ctx.edits.add(slugProperty.getStart(), slugProperty.getEnd(), `toolName: ${toolName}`);
  } else {
    const key = (slugProperty as ObjectLiteralElementLike & { getNameNode(): Node }).getNameNode();
    ctx.edits.add(key.getStart(), key.getEnd(), 'toolName');
    if (!ctx.edits.touches(slug.getStart(), slug.getEnd()) && toolName !== slug.getText()) ctx.edits.add(slug.getStart(), slug.getEnd(), toolName);
  }

  const entityProperty = properties.find((p) => propertyName(p) === 'entityId');
  const identifier = identifierText(call, entityProperty ? valueOf(entityProperty) : undefined, client, bindings, file, ctx);
  const editor = new ObjectLiteralEditor(body, ctx.edits);
  insertAfter(body, slugProperty, property('identifier', identifier.text), ctx.edits);
  insertAfter(body, slugProperty, `connector: ${connector}`, ctx.edits);
  const params = properties.find((p) => propertyName(p) === 'params');
  if (params) editor.renameKey(params, 'toolInput');
  else insertAfter(body, slugProperty, 'toolInput: {}', ctx.edits);
  migrateToolInput(slug, params ? valueOf(params) : undefined, call, file, ctx);

  const removed: ObjectLiteralElementLike[] = [];
  for (const option of properties) {
    const name = propertyName(option)!;
    if (option === slugProperty || option === params) continue;
    if (name === 'entityId') removed.push(option);
    else if (name === 'action' || name === 'actionName') removed.push(option); // both given: actionName wins, as in Composio
    else if (name === 'connectedAccountId') {
      removed.push(option);
      ctx.reportAt('tools-connected-account-id', option);
    } else if (EXECUTE_DROPPED.has(name)) {
      removed.push(option);
      ctx.reportAt('tools-execute-option-dropped', option, `(${name})`);
    } else {
      ctx.reportAt('tools-execute-option-unsupported', option, `(${name})`);
    }
  }
  removeProperties(body, removed, ctx.edits);
  migrateResult(call, file, ctx);
  return true;
}

function isReadable(body: Node): body is ObjectLiteralExpression {
  if (!Node.isObjectLiteralExpression(body)) return false;
  return body.getProperties().every((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && propertyName(p) !== undefined);
}

function valueOf(property: ObjectLiteralElementLike): Node {
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  if (Node.isPropertyAssignment(property)) return property.getInitializerOrThrow();
  throw new Error('a readable literal holds plain properties');
}

// ---------------------------------------------------------------------------------------------
// toolset.getTools({ apps | actions }, entityId?)

const NAME_FILTERS: Record<string, { key: string; kind: 'toolkit' | 'tool' }> = {
  apps: { key: 'connectionNames', kind: 'toolkit' },
  actions: { key: 'toolNames', kind: 'tool' },
};
const DROPPED_FILTERS: Record<string, string> = {
  tags: 'tools-get-tags',
  integrationId: 'tools-get-auth-config-ids',
  useCase: 'legacy-use-case',
  useCaseLimit: 'legacy-use-case',
  usecaseLimit: 'legacy-use-case',
  filterByAvailableApps: 'legacy-tools-filter',
};

function migrateGetTools(call: CallExpression, client: Expression, bindings: ComposioBindings, file: SourceFile, ctx: SourceFileContext): boolean {
  const [filters, entityId] = call.getArguments();
  if (filters && !isReadableFilters(filters)) {
    ctx.reportAt('tools-get-filters-not-literal', call);
    return true;
  }
  const lists = filters ? (filters as ObjectLiteralExpression).getProperties().flatMap((p): Array<[Node | undefined, 'tools' | 'toolkits']> => {
    const filter = NAME_FILTERS[propertyName(p) ?? ''];
    return filter ? [[valueOf(p), filter.kind === 'tool' ? 'tools' : 'toolkits']] : [];
  }) : [];
  if (namesUnwritable(call, lists, ctx)) return true;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const identifier = identifierText(call, entityId && !isNullish(entityId) ? entityId : undefined, client, bindings, file, ctx);
  // a toolset built here for a framework the tool has an adapter for: the adapter lists the tools and shapes them
  const toolsetClass = toolsetClassBuiltIn(file, bindings);
  const adapter = adapterForToolset(ctx, toolsetClass);
  const leading = adapter ? `${client.getText()}, ${identifier.text}` : identifier.text;
  if (adapter) {
    ctx.edits.add(callee.getStart(), callee.getEnd(), adapter.tools);
    useAdapter(file, ctx, adapter, adapter.tools);
  } else {
    ctx.edits.add(callee.getNameNode().getStart(), callee.getNameNode().getEnd(), 'tools.listScopedTools');
  }
  if (!filters) {
    const open = call.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
    ctx.edits.add(open.getEnd(), open.getEnd(), `${leading}, { filter: {} }`);
  } else {
    ctx.edits.add(filters.getStart(), filters.getStart(), `${leading}, `);
    if (entityId) ctx.edits.add(filters.getEnd(), entityId.getEnd(), '');
    migrateFilters(filters as ObjectLiteralExpression, file, ctx);
  }
  if (adapter) ctx.reportAt('framework-adapter', call, `(${adapter.module}.ts: ${adapter.tools})`);
  else {
    ctx.reportAt('tools-get-result-definitions', call);
    reportArrayUses(call, ctx);
  }
  return true;
}

/** The one toolset class this file constructs (`new VercelAIToolSet(...)`), when it constructs exactly one kind. */
function toolsetClassBuiltIn(file: SourceFile, bindings: ComposioBindings): string | undefined {
  const classes = new Set<string>();
  for (const construction of descendantsOfKind(file, SyntaxKind.NewExpression)) {
    if (!bindings.isClientClass(construction.getExpression())) continue;
    const name = construction.getExpression().getText().split('.').pop()!;
    const imported = declarationsOf(construction.getExpression()).find((d) => Node.isImportSpecifier(d));
    classes.add(imported && Node.isImportSpecifier(imported) ? imported.getName() : name);
  }
  const [only] = classes;
  return classes.size === 1 ? only : undefined;
}

function isNullish(node: Node): boolean {
  return node.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(node) && node.getText() === 'undefined');
}

function isReadableFilters(filters: Node): filters is ObjectLiteralExpression {
  if (!Node.isObjectLiteralExpression(filters)) return false;
  return filters.getProperties().every((p) => {
    const name = propertyName(p);
    return (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && name !== undefined && (name in NAME_FILTERS || name in DROPPED_FILTERS);
  });
}

function migrateFilters(filters: ObjectLiteralExpression, file: SourceFile, ctx: SourceFileContext): void {
  const editor = new ObjectLiteralEditor(filters, ctx.edits);
  const dropped: ObjectLiteralElementLike[] = [];
  let written = false;
  for (const option of filters.getProperties()) {
    const name = propertyName(option)!;
    const nameFilter = NAME_FILTERS[name];
    if (nameFilter && !written) {
      writeNameFilter(option, nameFilter.key, nameFilter.kind, file, ctx);
      written = true;
    } else {
      dropped.push(option);
    }
  }
  // listScopedTools needs a filter: without one, the first removed option leaves its place to an empty one
  if (!written && dropped.length > 0) ctx.edits.add(dropped[0]!.getStart(), dropped[0]!.getEnd(), 'filter: {}');
  else if (!written) editor.insert(0, 'filter: {}');
  removeProperties(filters, written ? dropped : dropped.slice(1), ctx.edits);
  for (const option of dropped) {
    const name = propertyName(option)!;
    ctx.reportAt(DROPPED_FILTERS[name] ?? 'legacy-tools-filter', option, `(${option.getText()})`);
  }
}

function writeNameFilter(option: ObjectLiteralElementLike, key: string, kind: 'toolkit' | 'tool', file: SourceFile, ctx: SourceFileContext): void {
  if (Node.isShorthandPropertyAssignment(option)) {
    const text = nameListText(option.getNameNode(), file, ctx, kind);
    ctx.edits.add(option.getStart(), option.getEnd(), `filter: { ${key}: ${text} }`);
    return;
  }
  if (!Node.isPropertyAssignment(option)) return;
  const value = option.getInitializerOrThrow();
  const text = nameListText(value, file, ctx, kind);
  const name = option.getNameNode();
  ctx.edits.add(name.getStart(), name.getEnd(), `filter: { ${key}`);
  if (text !== value.getText()) ctx.edits.add(value.getStart(), value.getEnd(), text);
  ctx.edits.add(value.getEnd(), value.getEnd(), ' }');
}

// ---------------------------------------------------------------------------------------------
// toolset.getEntity(id).initiateConnection({ appName })

/** Migrates the entity's initiateConnection calls; the entity disappears when nothing else uses it. */
function migrateEntity(call: CallExpression, client: Expression, bindings: ComposioBindings, file: SourceFile, ctx: SourceFileContext): boolean {
  const [id] = call.getArguments();
  let holder: Node = call;
  while (Node.isAwaitExpression(holder.getParent()) || Node.isParenthesizedExpression(holder.getParent())) holder = holder.getParentOrThrow();
  const parent = holder.getParent();

  // (await toolset.getEntity(id)).initiateConnection({...})
  const chained = initiateConnectionCall(holder);
  if (chained) {
    const identifier = identifierText(chained, id, client, bindings, file, ctx);
    return migrateInitiateConnection(chained, holder.getStart(), client.getText(), identifier, file, ctx);
  }

  // const entity = await toolset.getEntity(id); ... entity.initiateConnection({...})
  if (!Node.isVariableDeclaration(parent) || parent.getInitializer() !== holder || !Node.isIdentifier(parent.getNameNode())) return false;
  const name = parent.getNameNode() as Identifier;
  const symbol = symbolOf(name);
  const references = identifiersNamed(file, name.getText()).filter((r) => r !== name && (symbol ? isBoundTo(r, symbol) : symbolOf(r) === undefined));
  let kept = references.length === 0;
  for (const reference of references) {
    const site = initiateConnectionCall(reference);
    if (site && (id === undefined || inScopeAt(id, site))) {
      const identifier = identifierText(site, id, client, bindings, file, ctx);
      if (migrateInitiateConnection(site, reference.getStart(), client.getText(), identifier, file, ctx)) continue;
    }
    kept = true;
    const member = reference.getParent();
    ctx.reportAt('legacy-entity', reference, Node.isPropertyAccessExpression(member) && member.getExpression() === reference ? `(entity.${member.getName()})` : undefined);
  }
  const statement = parent.getVariableStatement();
  if (!kept && statement && statement.getDeclarations().length === 1) {
    removeStatement(statement, ctx.edits);
    return true;
  }
  ctx.reportAt('legacy-entity', call, '(getEntity)');
  return true;
}

/** `<receiver>.initiateConnection(...)`, the call, when `receiver` is its target. */
function initiateConnectionCall(receiver: Node): CallExpression | undefined {
  const access = receiver.getParent();
  if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== receiver || access.getName() !== 'initiateConnection') return undefined;
  const call = access.getParent();
  return Node.isCallExpression(call) && call.getExpression() === access ? call : undefined;
}

const CREDENTIAL_OPTIONS = new Set(['authConfig', 'connectionParams']);

/** `entity.initiateConnection({ appName: 'github', redirectUri })` → the two Scalekit calls, as authorize-to-authorization-link writes them. */
function migrateInitiateConnection(call: CallExpression, start: number, clientText: string, identifier: { text: string; simple: boolean }, file: SourceFile, ctx: SourceFileContext): boolean {
  const [params] = call.getArguments();
  if (!params || !isReadable(params)) return false;
  const app = params.getProperties().find((p) => propertyName(p) === 'appName');
  if (!app) {
    ctx.reportAt('auth-config-unresolved', call, '(initiateConnection without appName)');
    return true;
  }
  const appValue = valueOf(app);
  const literal = constantString(appValue);
  if (namesUnwritable(call, [[appValue, 'toolkit']], ctx)) return true;
  const style = styleFor(file, ctx.state);
  const connection = literal !== undefined && (Node.isStringLiteral(appValue) || Node.isNoSubstitutionTemplateLiteral(appValue)) ? quoted(writtenName(literal, 'toolkit', ctx.mappings), style) : connectionNameText(appValue, file, ctx);
  const connectionIsSimple = isSimple(appValue);
  const semi = style.semicolons ? ';' : '';
  const args = `{ ${property('connectionName', connection)}, ${property('identifier', identifier.text)} }`;
  const statement = connectionIsSimple && identifier.simple ? statementForLineBefore(call) : undefined;
  const async = /\bawait\b/.test(clientText) ? 'async ' : '';
  let done: boolean;
  if (statement) {
    done = ctx.edits.add(start, call.getEnd(), `${clientText}.actions.getAuthorizationLink(${args})`);
    if (done) insertLinesBefore(statement, [`await ${clientText}.actions.getOrCreateConnectedAccount(${args})${semi}`], ctx.edits);
  } else if (connectionIsSimple && identifier.simple) {
    done = ctx.edits.add(start, call.getEnd(), `${clientText}.actions.getOrCreateConnectedAccount(${args}).then(${async}() => ${clientText}.actions.getAuthorizationLink(${args}))`);
  } else {
    done = ctx.edits.add(
      start,
      call.getEnd(),
      `${clientText}.actions.getOrCreateConnectedAccount(${args}).then(${async}({ connectedAccount }) => ${clientText}.actions.getAuthorizationLink({ connectedAccountId: connectedAccount?.id }))`,
    );
  }
  if (!done) return false;
  followRequest(call, ctx);
  for (const option of params.getProperties()) {
    const name = propertyName(option)!;
    if (name === 'appName') continue;
    if (name === 'redirectUri') ctx.reportAt('authorization-callback-url', call, `(redirectUri: ${valueOf(option).getText()})`);
    else if (CREDENTIAL_OPTIONS.has(name)) ctx.reportAt('authorization-user-credentials', call, `(${name})`);
    else ctx.reportAt('authorization-option-dropped', option, `(${name})`);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// import { OpenAIToolSet } from 'composio-core'

function migrateImport(declaration: ImportDeclaration, bindings: ComposioBindings, file: SourceFile, ctx: SourceFileContext): void {
  const specifierLiteral = declaration.getModuleSpecifier();
  const quote = specifierLiteral.getText()[0]!;
  if (declaration.getNamespaceImport() || declaration.getDefaultImport()) {
    ctx.reportAt('composio-export-unmapped', declaration, '(composio-core namespace or default import)');
    return;
  }
  const migrated: Array<{ claim: ScalekitImportClaim; text: string }> = [];
  const kept: string[] = [];
  for (const specifier of declaration.getNamedImports()) {
    const imported = specifier.getNameNode().getText();
    const alias = specifier.getAliasNode();
    const local = alias ?? specifier.getNameNode();
    if (!Node.isIdentifier(local)) continue;
    if (bindings.sdk.classes.has(imported)) {
      const scalekitLocal = alias?.getText() ?? SCALEKIT_CLASS;
      const claim = claimScalekitImport(file, ctx, scalekitLocal, declaration.isTypeOnly() ? 'type' : 'value');
      if (claim) migrated.push({ claim, text: scalekitLocal === SCALEKIT_CLASS ? SCALEKIT_CLASS : `${SCALEKIT_CLASS} as ${scalekitLocal}` });
      if (!alias) for (const reference of liveReferences(local, file, ctx)) ctx.edits.add(reference.getStart(), reference.getEnd(), SCALEKIT_CLASS);
      continue;
    }
    const live = liveReferences(local, file, ctx);
    if (live.length === 0) continue;
    kept.push(specifier.getText());
    for (const reference of live) ctx.reportAt(/Error$/.test(imported) ? 'composio-error-class' : 'composio-export-unmapped', reference, `(${imported} from composio-core)`);
  }
  const semi = declaration.getText().trimEnd().endsWith(';') ? ';' : '';
  const typeOnly = declaration.isTypeOnly() ? 'type ' : '';
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const keptImport = kept.length > 0 ? `import ${typeOnly}{ ${kept.join(', ')} } from ${specifierLiteral.getText()}${semi}` : '';
  if (migrated.length === 0 && keptImport === '') removeStatement(declaration, ctx.edits);
  // read when applied: a later value import may turn a type-only one into a value one
  else ctx.edits.add(declaration.getStart(), declaration.getEnd(), () => [migrated.length > 0 ? scalekitImportText(migrated, declaration.isTypeOnly(), quote, semi) : '', keptImport].filter(Boolean).join(eol));
}

/** `const { OpenAIToolSet } = require('composio-core')` → `const { ScalekitClient } = require('@scalekit-sdk/node')`, when it binds toolset classes only. */
function migrateRequire(call: CallExpression, bindings: ComposioBindings, file: SourceFile, ctx: SourceFileContext): void {
  let holder: Node = call;
  while (Node.isAwaitExpression(holder.getParent()) || Node.isParenthesizedExpression(holder.getParent())) holder = holder.getParentOrThrow();
  const parent = holder.getParent();
  const pattern = Node.isVariableDeclaration(parent) && parent.getInitializer() === holder ? parent.getNameNode() : undefined;
  const elements = pattern && Node.isObjectBindingPattern(pattern) ? pattern.getElements() : undefined;
  const imported = (e: { getPropertyNameNode(): Node | undefined; getName(): string }) => e.getPropertyNameNode()?.getText() ?? e.getName();
  const others = elements?.filter((e) => !bindings.sdk.classes.has(imported(e)) && Node.isIdentifier(e.getNameNode()) && liveReferences(e.getNameNode() as Identifier, file, ctx).length > 0);
  if (!elements || !others || others.length > 0 || elements.some((e) => e.getDotDotDotToken())) {
    ctx.reportAt('composio-export-unmapped', call, '(composio-core required as a whole, or for names with no Scalekit equivalent)');
    return;
  }
  const names = new Set<string>();
  for (const element of elements) {
    if (!bindings.sdk.classes.has(imported(element))) continue;
    const local = element.getNameNode();
    if (element.getPropertyNameNode()) {
      if (claimScalekitImport(file, ctx, local.getText(), 'binding')) names.add(`${SCALEKIT_CLASS}: ${local.getText()}`);
    } else {
      if (claimScalekitImport(file, ctx, SCALEKIT_CLASS, 'binding')) names.add(SCALEKIT_CLASS);
      if (Node.isIdentifier(local)) for (const reference of liveReferences(local, file, ctx)) ctx.edits.add(reference.getStart(), reference.getEnd(), SCALEKIT_CLASS);
    }
  }
  const statement = parent!.getParent()?.getParent();
  if (names.size === 0 && Node.isVariableStatement(statement) && statement.getDeclarations().length === 1) {
    removeStatement(statement, ctx.edits); // an earlier require of the file binds ScalekitClient already
    return;
  }
  const literal = call.getArguments()[0]!;
  const quote = literal.getText()[0]!;
  ctx.edits.add(pattern!.getStart(), pattern!.getEnd(), `{ ${[...names].join(', ')} }`);
  ctx.edits.add(literal.getStart(), literal.getEnd(), `${quote}${SCALEKIT_SDK}${quote}`);
}

/** References of an imported name that no edit has rewritten (the import itself left out). */
function liveReferences(name: Identifier, file: SourceFile, ctx: SourceFileContext): Identifier[] {
  const symbol = symbolOf(name);
  if (!symbol) return [];
  return identifiersNamed(file, name.getText()).filter((id) => {
    if (id === name || (symbol ? !isBoundTo(id, symbol) : symbolOf(id) !== undefined) || ctx.edits.touches(id.getStart(), id.getEnd())) return false;
    const parent = id.getParent();
    return !(Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) && !Node.isImportSpecifier(parent) && !Node.isBindingElement(parent);
  });
}
