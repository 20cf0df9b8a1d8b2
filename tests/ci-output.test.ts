import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');

const APP = new Map([
  ['src/lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`],
  [
    'src/agent.ts',
    `import { composio } from './lib/composio';\n\nexport async function run(userId: string) {\n  await composio.triggers.subscribe((event) => console.log(event));\n  return composio.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId, arguments: {} });\n}\n`,
  ],
]);

function run(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const dir = cwd ?? writeTree(APP);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env } });
  return { dir, code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CI and machine-readable output', () => {
  it('--check on GitHub Actions annotates each finding on its line', () => {
    const { code, stdout } = run(['--check', '.'], { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error file=src\/agent\.ts,line=4,col=9,title=scalekit-migrate%3A triggers::Scalekit does not deliver event triggers/m);
    const outside = run(['--check', '.']);
    expect(outside.stdout).not.toContain('::error');
  });

  it('--fail-on unmappable exits 1 while errors remain, even with nothing left to change', () => {
    const first = run(['--force', '.']);
    expect(first.code).toBe(0);
    const again = run(['--check', '.'], {}, first.dir);
    expect(again.code).toBe(0);
    const strict = run(['--check', '--fail-on', 'unmappable', '.'], {}, first.dir);
    expect(strict.code).toBe(1);
    expect(run(['--fail-on', 'everything', '.']).code).toBe(2);
  });

  it('--format json prints the JSON report alone on stdout', () => {
    const { code, stdout } = run(['--dry-run', '--format', 'json', '.']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.tool).toBe('scalekit-migrate');
    expect(report.summary.filesChanged).toBe(2);
    expect(report.plan.tools.map((t: { name: string }) => t.name)).toEqual(['github_issue_create']);
  });

  it('--report x.sarif writes a SARIF log', () => {
    const { dir, code } = run(['--check', '--report', 'out/scan.sarif', '.']);
    expect(code).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/scan.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'triggers')).toBe(true);
    expect(run(['--report', 'x.txt', '.']).code).toBe(2);
  });

  it('plan prints what to set up and writes nothing', () => {
    const { dir, code, stdout } = run(['plan', '--report', 'plan.md', '.']);
    expect(code).toBe(0);
    expect(stdout).toContain("- [ ] `github`, auth type not stated in the code (pick it on the connector's page): `src/agent.ts:");
    expect(stdout).toContain('`github_issue_create`, renamed (`mappings/tools/github.json`)');
    expect(stdout).toContain('github_issue_create needs owner, repo, title (`tool-argument-missing`)');
    expect(stdout).toContain('- `userId`: `src/agent.ts:');
    const files = readTree(dir);
    for (const [file, text] of APP) expect(files.get(file)).toBe(text);
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toContain('## Migration plan');
  });

  it('--interactive without a terminal refuses, exit 2, one line', () => {
    const { dir, code, stderr } = run(['-i', '--force', '.']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--interactive needs a terminal');
    expect(existsSync(path.join(dir, 'src/agent.ts'))).toBe(true);
    expect(readFileSync(path.join(dir, 'src/agent.ts'), 'utf8')).toBe(APP.get('src/agent.ts'));
  });
});
