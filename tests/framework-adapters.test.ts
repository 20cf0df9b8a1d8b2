import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { ROOT, writeTree } from './support/fixtures.js';

const mappings = await loadMappings();

const VERCEL_ROUTE = `import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';

const composio = new Composio({ provider: new VercelProvider() });

export const toolsFor = (userId: string) => composio.tools.get(userId, { toolkits: ['GITHUB'] });
`;
const DEFAULT_PROVIDER = `import { Composio } from '@composio/core';

const composio = new Composio();

export const toolsFor = (userId: string) => composio.tools.get(userId, { toolkits: ['GITHUB'] });
`;

async function migrate(files: Array<[string, string]>) {
  const dir = writeTree(new Map(files));
  const result = await runMigration({ paths: [dir], mappings, migration, write: false });
  const byName = new Map(result.files.map((f) => [path.relative(dir, f.path), f]));
  return { byName, rules: result.files.flatMap((f) => f.findings.map((x) => x.rule)) };
}

describe('framework adapters', () => {
  it('compile under the strictest flags (exactOptionalPropertyTypes, noUncheckedIndexedAccess) against the real packages', () => {
    const templates = readdirSync(path.join(ROOT, 'templates')).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, 'templates', f));
    expect(templates.length).toBe(5);
    const program = ts.createProgram(templates, {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitReturns: true,
      noUnusedLocals: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(errors).toEqual([]);
  });

  it('write the Vercel AI SDK v4 option name (parameters) when the project depends on ai 4', async () => {
    const { byName } = await migrate([['route.ts', VERCEL_ROUTE], ['package.json', '{ "dependencies": { "ai": "^4.3.16", "@composio/vercel": "^0.12.0" } }\n']]);
    const adapter = byName.get('scalekit-vercel-tools.ts')?.after ?? '';
    expect(adapter).toContain('parameters: jsonSchema<Record<string, unknown>>(definition.inputSchema)');
    expect(adapter).not.toContain('inputSchema: jsonSchema');
    const v5 = await migrate([['route.ts', VERCEL_ROUTE], ['package.json', '{ "dependencies": { "ai": "^5.0.0" } }\n']]);
    expect(v5.byName.get('scalekit-vercel-tools.ts')?.after).toContain('inputSchema: jsonSchema');
  });

  it('are not generated when the package.json does not list the framework: the call is migrated and reported instead', async () => {
    const { byName, rules } = await migrate([['route.ts', VERCEL_ROUTE], ['package.json', '{ "dependencies": { "@composio/core": "^0.19.0" } }\n']]);
    expect(byName.has('scalekit-vercel-tools.ts')).toBe(false);
    expect(byName.get('route.ts')?.after).toContain('composio.tools.listScopedTools(userId');
    expect(rules).toContain('tools-get-result-definitions');
    expect(rules).not.toContain('framework-adapter');
  });

  it("follow Composio's default provider (OpenAI) only when the project lists openai itself", async () => {
    const without = await migrate([['tools.ts', DEFAULT_PROVIDER]]);
    expect(without.byName.has('scalekit-openai-tools.ts')).toBe(false);
    const listed = await migrate([['tools.ts', DEFAULT_PROVIDER], ['package.json', '{ "dependencies": { "openai": "^5.0.0" } }\n']]);
    expect(listed.byName.get('tools.ts')?.after).toContain("scalekitOpenAITools(composio, userId, { filter: { connectionNames: ['github'] } })");
    expect(listed.byName.get('scalekit-openai-tools.ts')?.created).toBe(true);
  });

  it('are not generated for JavaScript, nor when the clients a file may use disagree on the provider', async () => {
    const js = await migrate([['route.js', VERCEL_ROUTE.replace(/\(userId: string\)/, '(userId)')]]);
    expect([...js.byName.keys()]).toEqual(['route.js']);
    expect(js.rules).toContain('tools-get-result-definitions');
    // a file using an imported client goes by every client of the run; a file building its own, by its own
    const shared = "import { Composio } from '@composio/core';\nimport { VercelProvider } from '@composio/vercel';\n\nexport const composio = new Composio({ provider: new VercelProvider() });\n";
    const user = "import { composio } from './client';\n\nexport const toolsFor = (userId: string) => composio.tools.get(userId, { toolkits: ['GITHUB'] });\n";
    const mixed = await migrate([['client.ts', shared], ['script.ts', DEFAULT_PROVIDER], ['route.ts', user]]);
    expect([...mixed.byName.keys()].sort()).toEqual(['client.ts', 'route.ts', 'script.ts']);
    const agreeing = await migrate([['client.ts', shared], ['route.ts', user]]);
    expect([...agreeing.byName.keys()].sort()).toEqual(['client.ts', 'route.ts', 'scalekit-vercel-tools.ts']);
  });

  it('are not guessed for other providers: the finding says what to do for that framework', async () => {
    const mastra = VERCEL_ROUTE.replace(/VercelProvider/g, 'MastraProvider').replace('@composio/vercel', '@composio/mastra');
    const dir = writeTree(new Map([['agent.ts', mastra]]));
    const result = await runMigration({ paths: [dir], mappings, migration, write: false });
    expect(result.files.map((f) => path.basename(f.path))).toEqual(['agent.ts']);
    const finding = result.files[0]!.findings.find((f) => f.rule === 'provider-package');
    expect(finding?.message).toContain("(Mastra) give the agent Scalekit's per-user MCP URL");
  });

  it('go where --adapter-path says, imported by a relative path from each file', async () => {
    const dir = writeTree(new Map([['app/api/route.ts', VERCEL_ROUTE]]));
    const result = await runMigration({ paths: [dir], mappings: await loadMappings({ adapterDir: path.join(dir, 'lib/ai') }), migration, write: false });
    const byName = new Map(result.files.map((f) => [path.relative(dir, f.path), f]));
    expect(byName.get('lib/ai/scalekit-vercel-tools.ts')?.created).toBe(true);
    expect(byName.get('app/api/route.ts')?.after).toContain("import { scalekitVercelTools } from '../../lib/ai/scalekit-vercel-tools';");
  });

  it('is one module per framework, imported once per file however many call sites use it', async () => {
    const twice = VERCEL_ROUTE + `export const more = (userId: string) => composio.tools.get(userId, { toolkits: ['GMAIL'] });\n`;
    const { byName } = await migrate([['a.ts', twice], ['b.ts', VERCEL_ROUTE.replace("new Composio({ provider: new VercelProvider() })", "new Composio({ provider: new VercelProvider() })")]]);
    expect([...byName.keys()].sort()).toEqual(['a.ts', 'b.ts', 'scalekit-vercel-tools.ts']);
    expect(byName.get('a.ts')?.after?.match(/import \{ scalekitVercelTools \} from '\.\/scalekit-vercel-tools';/g)).toHaveLength(1);
  });
});
