import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ts } from '../src/ts-morph.js';
import { loadMappings } from '../src/mappings/load.js';
import { namesModuleText } from '../transforms/model/names-module.js';
import { connectionNameForTool, resolveTool, resolveToolkit } from '../transforms/model/names.js';
import { writeTree } from './support/fixtures.js';

/**
 * The generated names module (scalekit-names.ts / .mjs / .cjs, scalekit_names.py), run: a name known only at
 * run time maps as the same name written in the code does, and one the tables cannot vouch for throws,
 * naming it, where the literal would have been reported.
 */
const mappings = await loadMappings();
const hasPython3 = spawnSync('python3', ['--version']).status === 0;
const mentioned = new Set(['GMAIL', 'GITHUB', 'NOTION', 'SLACK', 'MICROSOFT_TEAMS', 'REDDIT']);

/** Each kind of slug: renamed by a table, verified in the catalogue, no counterpart, unknown, and a Scalekit name. */
const slugs = {
  renamed: ['GMAIL_SEND_EMAIL', 'GITHUB_CREATE_AN_ISSUE', 'NOTION_CREATE_NOTION_PAGE', 'SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL', 'MICROSOFT_TEAMS_TEAMS_LIST'],
  verified: ['GMAIL_LIST_THREADS', 'GMAIL_REPLY_TO_THREAD'],
  noCounterpart: ['GMAIL_GET_PEOPLE'],
  unknown: ['GMAIL_NO_SUCH_TOOL', 'REDDIT_CREATE_REDDIT_POST'],
  scalekit: ['github_repo_star'],
};

/** What a literal of each slug becomes: its tool and connection, or undefined where the run reports it instead. */
function literalMapping(slug: string): [string, string] | undefined {
  const resolution = resolveTool(slug, mappings);
  return 'name' in resolution ? [resolution.name, connectionNameForTool(slug, mappings)] : undefined;
}

interface RunResult {
  tools: Array<[string, string] | { error: string }>;
  toolkits: Array<string | { error: string }>;
}

const toolkits = ['github', 'MICROSOFT_TEAMS', 'gmail', 'reddit'];

function check(result: RunResult): void {
  const all = [...slugs.renamed, ...slugs.verified, ...slugs.noCounterpart, ...slugs.unknown];
  all.forEach((slug, i) => {
    const literal = literalMapping(slug);
    if (literal) expect(result.tools[i], slug).toEqual(literal);
    else expect(result.tools[i], slug).toEqual({ error: expect.stringContaining(slug) });
  });
  // tools listed by Scalekit (an LLM's tool call) pass through
  expect(result.tools[all.length]).toEqual(['github_repo_star', 'github']);
  toolkits.forEach((toolkit, i) => {
    const literal = resolveToolkit(toolkit, mappings);
    if (literal.ok) expect(result.toolkits[i], toolkit).toBe(literal.connection);
    else expect(result.toolkits[i], toolkit).toEqual({ error: expect.stringContaining(toolkit) });
  });
}

const inputs = [...slugs.renamed, ...slugs.verified, ...slugs.noCounterpart, ...slugs.unknown, ...slugs.scalekit];

describe('the generated names module', () => {
  it('holds the tables of the toolkits the code names, and no others', () => {
    const text = namesModuleText(mappings, 'typescript', new Set(['GMAIL']));
    expect(text).toContain("GMAIL_SEND_EMAIL: 'gmail_send_message'");
    expect(text).not.toContain('GITHUB_CREATE_AN_ISSUE');
    expect(text).toContain('for the toolkits the code names (GMAIL)');
  });

  it('TypeScript: maps a name at run time as the migration maps the literal, and throws where it reports one', async () => {
    const source = namesModuleText(mappings, 'typescript', mentioned);
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const dir = writeTree(new Map([['scalekit-names.mjs', js]]));
    const names = (await import(pathToFileURL(path.join(dir, 'scalekit-names.mjs')).href)) as Record<string, (s: string) => string>;
    const attempt = (f: () => unknown) => {
      try {
        return f();
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    check({
      tools: inputs.map((s) => attempt(() => [names['toScalekitToolName']!(s), names['scalekitConnectionForTool']!(s)])) as RunResult['tools'],
      toolkits: toolkits.map((t) => attempt(() => names['toScalekitConnectionName']!(t))) as RunResult['toolkits'],
    });
  });

  it('CommonJS: the same functions, through require', () => {
    const dir = writeTree(new Map([['scalekit-names.cjs', namesModuleText(mappings, 'commonjs', mentioned)]]));
    const script = `const n = require('./scalekit-names.cjs'); const t = (f) => { try { return f(); } catch (e) { return { error: e.message }; } };
      console.log(JSON.stringify({ tools: ${JSON.stringify(inputs)}.map((s) => t(() => [n.toScalekitToolName(s), n.scalekitConnectionForTool(s)])), toolkits: ${JSON.stringify(toolkits)}.map((k) => t(() => n.toScalekitConnectionName(k))) }));`;
    writeFileSync(path.join(dir, 'run.cjs'), script);
    const run = spawnSync(process.execPath, ['run.cjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    check(JSON.parse(run.stdout) as RunResult);
  });

  it.skipIf(!hasPython3)('Python: scalekit_names.py maps and raises the same', () => {
    const dir = writeTree(new Map([['scalekit_names.py', namesModuleText(mappings, 'python', mentioned)]]));
    const script = [
      'import json, sys',
      'import scalekit_names as n',
      'def attempt(f):',
      '    try:',
      '        return f()',
      '    except ValueError as e:',
      '        return {"error": str(e)}',
      'slugs, toolkits = json.loads(sys.argv[1]), json.loads(sys.argv[2])',
      'print(json.dumps({"tools": [attempt(lambda: [n.to_scalekit_tool_name(s), n.scalekit_connection_for_tool(s)]) for s in slugs], "toolkits": [attempt(lambda: n.to_scalekit_connection_name(t)) for t in toolkits]}))',
    ].join('\n');
    const run = spawnSync('python3', ['-B', '-c', script, JSON.stringify(inputs), JSON.stringify(toolkits)], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    check(JSON.parse(run.stdout) as RunResult);
  });
});
