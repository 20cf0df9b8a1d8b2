import type { Migration, SourceTransform } from '../src/migration.js';
import { analyzeExports } from './model/analyze-exports.js';
import { ComposioProjectState } from './model/project-state.js';
import clientConstruction from './composio-client-to-scalekit-client.js';
import sessions from './sessions-to-stateless-calls.js';
import mcpServers from './mcp-servers-to-configs.js';
import toolsGet from './tools-get-to-list-scoped-tools.js';
import providerToolCalls from './provider-tool-calls-to-adapter.js';
import executeTool from './tools-execute-to-execute-tool.js';
import proxyExecute from './proxy-execute-to-actions-request.js';
import authorize from './authorize-to-authorization-link.js';
import connectedAccounts from './connected-accounts-to-actions.js';
import statusComparisons from './status-comparisons.js';
import legacyToolsets from './legacy-toolset-to-scalekit.js';
import metaTools from './meta-tools.js';
import composioEndpoints from './composio-endpoints.js';
import unmappableCalls from './unmappable-calls.js';
import wrappedResults from './wrapped-results.js';
import clientMemberTypes from './client-member-types.js';
import clientMemberValues from './client-member-values.js';
import clientInGlobal from './client-in-global.js';
import providerPackages from './provider-packages.js';
import coreImports from './core-imports-to-scalekit-sdk.js';
import hardcodedApiKeys from './hardcoded-api-keys.js';
import leftoverTodos from './leftover-todos.js';
import { projectFileTransforms, projectFilePatterns } from './project-files/index.js';
import { collectPlan } from './migration-plan.js';
import { mcpSetupScript } from './mcp-setup-script.js';

/**
 * The order matters: call-site transforms first, the unmigrated-call report after them, imports last (they keep what is still used).
 * The legacy composio-core toolsets are migrated in one transform (calls, report, imports), before the transforms that
 * report what is left of Composio in the file (endpoints, COMPOSIO_API_KEY reads), so that they see its edits.
 */
const transforms: SourceTransform[] = [
  clientConstruction,
  sessions,
  mcpServers,
  toolsGet,
  providerToolCalls,
  executeTool,
  proxyExecute,
  authorize,
  connectedAccounts,
  statusComparisons,
  legacyToolsets,
  metaTools,
  composioEndpoints,
  unmappableCalls,
  wrappedResults,
  clientMemberTypes,
  clientMemberValues,
  clientInGlobal,
  providerPackages,
  coreImports,
  leftoverTodos,
  // after leftover-todos: a key whose TODO an earlier run wrote is reported once, by that TODO
  hardcodedApiKeys,
];

export const migration: Migration = {
  seed: /@composio\/|composio-core|\bComposio\b|COMPOSIO_|composio\.dev|TODO\(scalekit-migrate\)/,
  createProjectState: () => new ComposioProjectState(),
  analyze: analyzeExports,
  transforms,
  projectFiles: projectFileTransforms,
  projectFilePatterns,
  plan: collectPlan,
  setupScript: mcpSetupScript,
};

export const transformCatalog: Array<{ id: string; description: string }> = [...transforms, ...projectFileTransforms];
