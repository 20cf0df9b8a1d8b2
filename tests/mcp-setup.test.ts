import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparePython, pythonSyntaxError } from '../src/python/parser.js';
import { ROOT, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');
const CHECK = path.join(ROOT, 'tests/support/mcp-setup-check.py');
const hasPython3 = spawnSync('python3', ['--version']).status === 0;

/** A Python service, a TypeScript route and a Cursor config, each on Composio MCP. */
const APP = new Map([
  [
    'agent/servers.py',
    [
      'from composio import Composio',
      '',
      'composio = Composio()',
      '',
      '',
      'def relay_url(user_id):',
      '    server = composio.mcp.create("relay-team", toolkits=["gmail", "github"], allowed_tools=["GMAIL_SEND_EMAIL", "GITHUB_CREATE_AN_ISSUE"])',
      '    return composio.mcp.generate(user_id, server.id)["url"]',
      '',
      '',
      'def session_url(user_id):',
      '    session = composio.create(user_id=user_id, toolkits=["gmail"])',
      '    return session.mcp.url',
      '',
    ].join('\n'),
  ],
  [
    'web/route.ts',
    [
      "import { Composio } from '@composio/core';",
      '',
      'const composio = new Composio();',
      '',
      'export async function mcpFor(userId: string) {',
      "  const session = await composio.create(userId, { toolkits: ['gmail', 'notion'], mcp: true });",
      '  return session.mcp.url;',
      '}',
      '',
      'export async function byId(userId: string) {',
      '  return (await composio.mcp.generate(userId, process.env.MCP_SERVER_ID!)).url;',
      '}',
      '',
    ].join('\n'),
  ],
  ['.cursor/mcp.json', '{\n  "mcpServers": {\n    "composio": { "url": "https://mcp.composio.dev/partner/composio/gmail/mcp?customerId=c1" }\n  }\n}\n'],
]);

function plan(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'plan', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

beforeAll(async () => {
  await preparePython();
});

describe('plan --write-setup', () => {
  it('writes a Python script holding the MCP configs of the plan, which parses', () => {
    const dir = writeTree(APP);
    const run = plan(dir, '--write-setup', 'setup/scalekit_mcp_setup.py', '.');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('wrote setup/scalekit_mcp_setup.py');
    expect(run.stdout).toContain('### MCP configs to create (once per environment)');
    expect(run.stdout).toContain("- [ ] `relay-team`: `gmail` → `gmail_send_message`; `github` → `github_issue_create`. Created by the code at `agent/servers.py:7`; a user's URL read at `agent/servers.py:8`");
    const script = readFileSync(path.join(dir, 'setup/scalekit_mcp_setup.py'), 'utf8');
    expect(pythonSyntaxError(script)).toBeUndefined();
    expect(script).toContain(
      [
        'CONFIGS = {',
        '    "mcp-gmail": {',
        '        "gmail": [],',
        '    },',
        '    "mcp-gmail-notion": {',
        '        "gmail": [],',
        '        "notion": [],',
        '    },',
        '    "relay-team": {',
        '        "gmail": ["gmail_send_message"],',
        '        "github": ["github_issue_create"],',
        '    },',
        '}',
      ].join('\n'),
    );
    expect(script).toMatch(/BY_HAND = \{\n {4}"mcp-server": "the code does not say its connections and tools \(web\/route\.ts:11\): give it those of the Composio server or session it replaces",\n\}/);
    // the migrated code itself: nothing is written by plan
    expect(readFileSync(path.join(dir, 'agent/servers.py'), 'utf8')).toBe(APP.get('agent/servers.py'));
    if (hasPython3) {
      const check = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])', path.join(dir, 'setup/scalekit_mcp_setup.py')], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
    }
  });

  it.skipIf(!hasPython3)('against a stand-in client: lists every page, creates only the missing configs, and a second run creates nothing', () => {
    const dir = writeTree(APP);
    expect(plan(dir, '--write-setup', 'setup.py', '.').status).toBe(0);
    // 31 configs of other apps (two pages of 30) and one of ours already there
    const existing = [...Array.from({ length: 31 }, (_, i) => `other-${i}`), 'mcp-gmail'];
    const run = spawnSync('python3', [CHECK, path.join(dir, 'setup.py'), ...existing], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { runs, configs } = JSON.parse(run.stdout) as { runs: Array<{ printed: string[]; counts: Record<string, number>; calls: unknown[] }>; configs: string[] };
    const [first, second] = runs;
    expect(first!.calls).toEqual([
      { list_configs: { page_size: 30, page_token: null } },
      { list_configs: { page_size: 30, page_token: '30' } },
      { create_config: { name: 'mcp-gmail-notion', connection_tool_mappings: [{ connection_name: 'gmail', tools: [] }, { connection_name: 'notion', tools: [] }] } },
      { create_config: { name: 'relay-team', connection_tool_mappings: [{ connection_name: 'gmail', tools: ['gmail_send_message'] }, { connection_name: 'github', tools: ['github_issue_create'] }] } },
    ]);
    expect(first!.printed).toEqual([
      'exists   mcp-gmail',
      'created  mcp-gmail-notion: gmail (all tools); notion (all tools)',
      'created  relay-team: gmail (gmail_send_message); github (github_issue_create)',
      'by hand  mcp-server: the code does not say its connections and tools (web/route.ts:11): give it those of the Composio server or session it replaces',
      'done: 2 created, 1 already there, 1 to create by hand',
    ]);
    expect(first!.counts).toEqual({ created: 2, exists: 1, 'by hand': 1 });
    // the second run: every config is there, nothing is created
    expect(second!.calls.filter((c) => Object.hasOwn(c as object, 'create_config'))).toEqual([]);
    expect(second!.counts).toEqual({ created: 0, exists: 3, 'by hand': 1 });
    expect(second!.printed.at(-1)).toBe('done: 0 created, 3 already there, 1 to create by hand');
    // docs/mcp.md shows this very run: its script and what it printed
    const readme = readFileSync(path.join(ROOT, 'docs/mcp.md'), 'utf8');
    const script = readFileSync(path.join(dir, 'setup.py'), 'utf8');
    expect(readme).toContain(/^CONFIGS = \{\n[\s\S]*?^\}$/m.exec(script)![0]);
    expect(readme).toContain(/^BY_HAND = \{\n[\s\S]*?^\}$/m.exec(script)![0]);
    expect(readme).toContain(`\n${first!.printed.join('\n')}\n`);
    expect(configs.filter((c) => !c.startsWith('other-'))).toEqual(['mcp-gmail', 'mcp-gmail-notion', 'relay-team']);
  });

  it.skipIf(!hasPython3)('the stand-in refuses a keyword scalekit-sdk-python 2.10 does not have (the check can fail)', () => {
    const dir = writeTree(APP);
    expect(plan(dir, '--write-setup', 'setup.py', '.').status).toBe(0);
    const script = readFileSync(path.join(dir, 'setup.py'), 'utf8');
    for (const [from, to] of [
      ['McpConfigConnectionToolMapping(connection_name=connection', 'McpConfigConnectionToolMapping(connection=connection'],
      ['list_configs(page_size=30', 'list_configs(limit=30'],
      ['mcp.create_config(\n            name=name', 'mcp.create_config(\n            config_name=name'],
    ]) {
      expect(script).toContain(from);
      writeFileSync(path.join(dir, 'broken.py'), script.replace(from!, to!));
      const run = spawnSync('python3', [CHECK, path.join(dir, 'broken.py')], { encoding: 'utf8' });
      expect(run.status, `${to}: ${run.stdout}`).not.toBe(0);
      expect(run.stderr).toMatch(/TypeError/);
    }
  });

  it('writes nothing when the plan has no MCP config, and is refused outside plan', () => {
    const dir = writeTree(new Map([['agent.py', 'from composio import Composio\n\ncomposio = Composio()\ncomposio.tools.execute("GMAIL_SEND_EMAIL", arguments={}, user_id="u1")\n']]));
    const run = plan(dir, '--write-setup', 'setup.py', '.');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('the plan has nothing to set up; setup.py not written');
    expect(existsSync(path.join(dir, 'setup.py'))).toBe(false);
    const refused = spawnSync(process.execPath, [CLI, '--dry-run', '--write-setup', 'setup.py', '.'], { cwd: dir, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--write-setup goes with plan');
  });

  it('the template is a complete script: it parses, and its CONFIGS and BY_HAND lines are there to fill', () => {
    const template = readFileSync(path.join(ROOT, 'templates/scalekit_mcp_setup.py'), 'utf8');
    expect(pythonSyntaxError(template)).toBeUndefined();
    expect(template).toMatch(/^CONFIGS = \{\}$/m);
    expect(template).toMatch(/^BY_HAND = \{\}$/m);
  });
});
