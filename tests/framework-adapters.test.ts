import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { ADAPTERS, adapterModuleText } from '../transforms/model/framework-adapters.js';
import { stripTypes } from '../transforms/model/strip-types.js';
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

  it('are written for JavaScript as well: an .mjs module for an ES module, a .cjs module through require for CommonJS', async () => {
    const esm = VERCEL_ROUTE.replace(/\(userId: string\)/, '(userId)');
    const commonjs = esm
      .replace("import { Composio } from '@composio/core';\nimport { VercelProvider } from '@composio/vercel';", "const { Composio } = require('@composio/core');\nconst { VercelProvider } = require('@composio/vercel');")
      .replace('export const toolsFor =', 'exports.toolsFor =');
    const { byName } = await migrate([['app/route.js', esm], ['scripts/tools.js', commonjs]]);
    expect([...byName.keys()].sort()).toEqual(['app/route.js', 'app/scalekit-vercel-tools.mjs', 'scripts/scalekit-vercel-tools.cjs', 'scripts/tools.js']);
    expect(byName.get('app/route.js')?.after).toContain("import { scalekitVercelTools } from './scalekit-vercel-tools.mjs';");
    expect(byName.get('app/route.js')?.after).toContain("scalekitVercelTools(composio, userId, { filter: { connectionNames: ['github'] } })");
    expect(byName.get('scripts/tools.js')?.after).toContain("const { scalekitVercelTools } = require('./scalekit-vercel-tools.cjs');");
    expect(byName.get('scripts/scalekit-vercel-tools.cjs')?.after).toContain('module.exports = { scalekitVercelTools };');
  });

  it('are not generated when the clients a file may use disagree on the provider', async () => {
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

  describe('in JavaScript', () => {
    const compiled = (text: string, fileName: string) => {
      const out = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true } });
      return { code: out.outputText, errors: (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) };
    };

    it.each(ADAPTERS.map((a) => [a.module, a] as const))("%s is the template with its types taken out: plain JavaScript, whose code the compiler emits exactly as the template's", (_, adapter) => {
      const template = readFileSync(path.join(ROOT, 'templates', `${adapter.module}.ts`), 'utf8');
      const javascript = stripTypes(template);
      const asJavaScript = compiled(javascript, 'adapter.js');
      expect(asJavaScript.errors).toEqual([]);
      expect(asJavaScript.code).toBe(compiled(template, 'adapter.ts').code);
      // every comment of the template, as written (the compiler's own emit drops those above a type-only import)
      const comments = template.split('\n').filter((line) => /^\s*(\/\/|\/\*\*)/.test(line));
      expect(comments.length).toBeGreaterThan(3);
      for (const comment of comments) expect(javascript.split('\n')).toContain(comment);
    });

    it('run: the CommonJS Vercel module and the ES module OpenAI module list tools and execute a call through a Scalekit client', () => {
      const dir = writeTree(
        new Map([
          ['scalekit-vercel-tools.cjs', adapterModuleText(ADAPTERS.find((a) => a.provider === 'VercelProvider')!, path.join(ROOT, 'package.json'), 'commonjs')],
          ['scalekit-openai-tools.mjs', adapterModuleText(ADAPTERS.find((a) => a.provider === 'OpenAIProvider')!, path.join(ROOT, 'package.json'), 'esm')],
        ]),
      );
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      const fakeClient = `
        const calls = [];
        const scalekit = {
          tools: { listScopedTools: async () => ({ tools: [{ connectedAccountId: 'ca_1', tool: { definition: { name: 'github_issue_create', description: 'Create an issue', input_schema: { type: 'object', properties: { title: { type: 'string' } } } } } }], nextPageToken: '' }) },
          actions: { executeTool: async (request) => { calls.push(request); return { data: { number: 7 } }; } },
        };`;
      writeFileSync(
        path.join(dir, 'run-vercel.cjs'),
        `${fakeClient}
        const { scalekitVercelTools } = require('./scalekit-vercel-tools.cjs');
        scalekitVercelTools(scalekit, 'user-1', { filter: {} }).then(async (tools) => {
          const result = await tools.github_issue_create.execute({ title: 'Bug' }, { toolCallId: 't1', messages: [] });
          console.log(JSON.stringify({ names: Object.keys(tools), result, calls }));
        });`,
      );
      writeFileSync(
        path.join(dir, 'run-openai.mjs'),
        `${fakeClient}
        const { scalekitOpenAITools, handleScalekitToolCalls } = await import('./scalekit-openai-tools.mjs');
        const tools = await scalekitOpenAITools(scalekit, 'user-1', { filter: {} });
        const completion = { choices: [{ message: { tool_calls: [{ id: 'c1', type: 'function', function: { name: 'github_issue_create', arguments: '{"title":"Bug"}' } }] } }] };
        const messages = await handleScalekitToolCalls(scalekit, 'user-1', completion);
        console.log(JSON.stringify({ names: tools.map((t) => t.function.name), messages, calls }));`,
      );
      const vercel = JSON.parse(execFileSync(process.execPath, ['run-vercel.cjs'], { cwd: dir, encoding: 'utf8' }));
      expect(vercel).toEqual({ names: ['github_issue_create'], result: { number: 7 }, calls: [{ toolName: 'github_issue_create', connectedAccountId: 'ca_1', toolInput: { title: 'Bug' } }] });
      const openai = JSON.parse(execFileSync(process.execPath, ['run-openai.mjs'], { cwd: dir, encoding: 'utf8' }));
      expect(openai.names).toEqual(['github_issue_create']);
      expect(openai.messages).toEqual([{ role: 'tool', tool_call_id: 'c1', content: JSON.stringify({ data: { number: 7 }, successful: true }) }]);
      expect(openai.calls).toEqual([{ toolName: 'github_issue_create', identifier: 'user-1', toolInput: { title: 'Bug' } }]);
    });
  });
});
