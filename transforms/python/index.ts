import type { FileContext, ProjectFileTransform } from '../../src/migration.js';
import { makeFinding } from '../../src/source-context.js';
import { parsePython, preparePython, pythonSyntaxError } from '../../src/python/parser.js';
import { migrateAuthorize } from './authorize.js';
import { migrateClient } from './client.js';
import { migrateProviderHelpers } from './framework-adapters.js';
import { migrateLegacyToolsets } from './legacy-toolset.js';
import { PyFile } from './model.js';
import { migrateProviderImports } from './provider-imports.js';
import { migrateProxy } from './proxy.js';
import { migrateSessions } from './sessions.js';
import { migrateMcp } from './mcp.js';
import { migrateStatuses } from './statuses.js';
import { migrateToolsExecute } from './tools-execute.js';
import { migrateToolsGet } from './tools-get.js';
import { reportUnmappable } from './unmappable.js';
import { reportClientMembers } from './client-members.js';
import { reportUnresolvedClientFields } from './client-fields.js';
import { analyzeImportedClients } from './imported-clients.js';
import { reportApiKeys } from './api-keys.js';
import { reportComposioEndpoints } from './composio-endpoints.js';
import { reportLeftoverTodos } from './leftover-todos.js';

/** The order matters, as for TypeScript: call sites first, the unmigrated-call report after them, imports last. */
export const PYTHON_TRANSFORMS: Array<{ id: string; apply(py: PyFile): void }> = [
  { id: 'python-client', apply: migrateClient },
  { id: 'python-legacy-toolsets', apply: migrateLegacyToolsets },
  { id: 'python-sessions', apply: migrateSessions },
  { id: 'python-mcp', apply: migrateMcp },
  { id: 'python-tools-get', apply: migrateToolsGet },
  { id: 'python-tools-execute', apply: migrateToolsExecute },
  { id: 'python-authorize', apply: migrateAuthorize },
  { id: 'python-proxy', apply: migrateProxy },
  { id: 'python-statuses', apply: migrateStatuses },
  { id: 'python-provider-helpers', apply: migrateProviderHelpers },
  { id: 'python-unmappable-calls', apply: reportUnmappable },
  { id: 'python-client-members', apply: reportClientMembers },
  { id: 'python-client-fields', apply: reportUnresolvedClientFields },
  { id: 'python-provider-imports', apply: migrateProviderImports },
  // after every rewrite (a read inside the client's construction goes with it), before leftover-todos (its TODO is reported once)
  { id: 'python-composio-endpoints', apply: reportComposioEndpoints },
  { id: 'python-leftover-todos', apply: reportLeftoverTodos },
  // last, after leftover-todos: it asks whether the migrated text still holds each key (a key whose TODO an earlier run wrote is reported once)
  { id: 'python-api-keys', apply: reportApiKeys },
];

/**
 * Python files (`composio` and the `composio_<framework>` providers) → scalekit-sdk-python, in the same
 * run and report. Parsed with tree-sitter's Python grammar; edits are text ranges on the original, so
 * every line not migrated stays byte-for-byte as it was. Each transform rolls back on failure.
 */
const python: ProjectFileTransform = {
  id: 'python',
  description: 'Python: Composio(...) and the legacy ComposioToolSet(...) → ScalekitClient (legacy get_tools, execute_action, get_entity().initiate_connection likewise), tools.execute → actions.execute_tool, tools.get → list_scoped_tools (LangChain: actions.langchain.get_tools), toolkits.authorize → get_authorization_link, mcp.create → actions.mcp.create_config, a per-user MCP URL → actions.mcp.ensure_instance(...).instance.url; the rest reported',
  language: 'python',
  seed: /\bcomposio|TODO\(scalekit-migrate\)/i,
  matches: (relativePath) => /\.py$/.test(relativePath),
  prepare: preparePython,
  analyze: analyzeImportedClients,
  syntaxError: pythonSyntaxError,
  imports: { language: 'python', of: pythonImports },
  apply(ctx: FileContext) {
    const tree = parsePython(ctx.text);
    try {
      const py = new PyFile(tree, ctx);
      // a file already migrated: what is left of the work is its TODO comments; a key is reported wherever it stands
      // (a settings module holds it with no client in sight)
      if (py.clientNames.size === 0 && py.clientAttributes.size === 0 && !/^\s*(from|import)\s+composio/m.test(ctx.text)) {
        reportComposioEndpoints(py);
        reportLeftoverTodos(py);
        reportApiKeys(py);
        return;
      }
      for (const transform of PYTHON_TRANSFORMS) {
        const mark = ctx.edits.snapshot();
        const findings = ctx.findings.length;
        try {
          transform.apply(py);
        } catch (error) {
          ctx.edits.restore(mark);
          ctx.findings.length = findings;
          ctx.findings.push(makeFinding(ctx.mappings, ctx.text, 'transform-failed', 0, `(${transform.id}: ${(error as Error).message})`));
        }
      }
    } finally {
      tree.delete();
    }
  },
};

export default python;

/** `from composio_openai import App` / `import composio, os.path as p` lines (a regular expression's reading: in strings too). */
const IMPORT_LINE = /^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)[\w.]*[ \t]+import\b|import[ \t]+([^\n#;]+))/gm;

/** The top-level packages a Python text imports (`composio_openai`, `os`); relative imports are not packages. */
export function pythonImports(text: string): string[] {
  const packages: string[] = [];
  for (const [, from, names] of text.matchAll(IMPORT_LINE)) {
    if (from) packages.push(from);
    else for (const name of names!.split(',')) packages.push(...(/^\s*\(?\s*([A-Za-z_]\w*)/.exec(name)?.slice(1) ?? []));
  }
  return packages;
}
