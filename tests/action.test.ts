import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_INPUTS, ACTION_OUTPUTS, stepSummary } from '../src/github-action.js';
import type { Report } from '../src/report/model.js';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

/**
 * The GitHub Action, run as the runner runs a composite action's step: action.yml's `run:` text in a
 * script file under `bash --noprofile --norc -e -o pipefail`, in the workspace, with the step's `env:`
 * (each `${{ inputs.x }}` replaced by the workflow's `with:` value or the input's default) and the
 * runner's variables: GITHUB_ACTIONS, GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP, and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY as temporary files. dist/ is built (npm test builds first): that
 * is what the action's install step gives.
 */
const ACTION_YML = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

const COMPOSIO_APP = new Map([
  ['src/lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`],
  [
    'src/agent.ts',
    `import { composio } from './lib/composio';\n\nexport async function run(userId: string) {\n  await composio.triggers.subscribe((event) => console.log(event));\n  return composio.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId, arguments: {} });\n}\n`,
  ],
]);

const CLEAN_APP = new Map([
  ['package.json', `{ "name": "app", "dependencies": { "@scalekit-sdk/node": "^2.11.0" } }\n`],
  ['src/hello.ts', `export function hello(name: string) {\n  return \`hello \${name}\`;\n}\n`],
]);

/** action.yml's `inputs:`: each name with its default. Reads this file's own layout (two-space indents, quoted defaults). */
function declaredInputs(): Map<string, string> {
  const section = /^inputs:\n([\s\S]*?)^\S/m.exec(ACTION_YML)![1]!;
  const inputs = new Map<string, string>();
  for (const match of section.matchAll(/^ {2}([a-z-]+):\n((?: {4}.*\n)+)/gm)) {
    const value = /^ {4}default: '(.*)'$/m.exec(match[2]!);
    if (!value) throw new Error(`action.yml: input ${match[1]} has no quoted default`);
    inputs.set(match[1]!, value[1]!);
  }
  return inputs;
}

function declaredOutputs(): Map<string, string> {
  const section = /^outputs:\n([\s\S]*?)^\S/m.exec(ACTION_YML)![1]!;
  return new Map([...section.matchAll(/^ {2}([a-z-]+):\n(?: {4}.*\n)*? {4}value: \$\{\{ (.+?) \}\}$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** The step with `id: migrate`: its `run:` text and its `env:` as variable → input name. */
function migrateStep(): { run: string; env: Map<string, string> } {
  const step = /^ {4}- id: migrate\n((?: {6}.*\n)+)/m.exec(ACTION_YML)![1]!;
  const env = new Map([...step.matchAll(/^ {8}([A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)].map((m) => [m[1]!, m[2]!]));
  const run = /^ {6}run: (.+)$/m.exec(step)![1]!;
  return { run, env };
}

function gitRepo(files: Map<string, string>): string {
  const dir = writeTree(files);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'app');
  return dir;
}

/** `name<<delimiter` blocks (and `name=value` lines), as the runner reads $GITHUB_OUTPUT. */
function readOutputs(file: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs.set(heredoc[1]!, lines.slice(i + 1, end).join('\n'));
      i = end;
    } else if (lines[i]!.includes('=')) {
      outputs.set(lines[i]!.slice(0, lines[i]!.indexOf('=')), lines[i]!.slice(lines[i]!.indexOf('=') + 1));
    }
  }
  return outputs;
}

function runActionStep(workspace: string, inputs: Record<string, string> = {}) {
  const runner = mkdtempSync(path.join(tmpdir(), 'action-runner-'));
  const defaults = declaredInputs();
  const { run, env: stepEnv } = migrateStep();
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(GITHUB_|RUNNER_|INPUT_)/.test(name)) env[name] = value;
  Object.assign(env, {
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT,
    RUNNER_TEMP: path.join(runner, 'temp'),
    GITHUB_OUTPUT: path.join(runner, 'output'),
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary'),
  });
  for (const [variable, input] of stepEnv) {
    if (!defaults.has(input)) throw new Error(`action.yml passes inputs.${input}, which it does not declare`);
    env[variable] = inputs[input] ?? defaults.get(input)!;
  }
  for (const input of Object.keys(inputs)) if (!defaults.has(input)) throw new Error(`the test passes ${input}, which action.yml does not declare`);
  const script = path.join(runner, 'step.sh');
  writeFileSync(script, `${run}\n`);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: readOutputs(env['GITHUB_OUTPUT']!),
    summary: existsSync(env['GITHUB_STEP_SUMMARY']!) ? readFileSync(env['GITHUB_STEP_SUMMARY']!, 'utf8') : '',
  };
}

describe('the GitHub Action (action.yml)', () => {
  it('passes every input to its step, with the defaults the step applies, and reads every output from it', () => {
    const inputs = declaredInputs();
    expect([...inputs.keys()].sort()).toEqual(Object.keys(ACTION_INPUTS).sort());
    for (const [name, spec] of Object.entries(ACTION_INPUTS)) expect(inputs.get(name), name).toBe(spec.default);
    const { env } = migrateStep();
    expect(new Map([...env].map(([variable, input]) => [input, variable]))).toEqual(new Map(Object.entries(ACTION_INPUTS).map(([name, spec]) => [name, spec.variable])));
    const outputs = declaredOutputs();
    expect([...outputs.keys()].sort()).toEqual([...ACTION_OUTPUTS].sort());
    for (const [name, value] of outputs) expect(value).toBe(`steps.migrate.outputs.${name}`);
    // the upload step: only when asked, after a failed check too, with the file the step wrote
    const upload = /^ {4}- name: Upload SARIF[^\n]*\n((?: {6}.*\n)+)/m.exec(ACTION_YML)![1]!;
    expect(upload).toContain("if: ${{ !cancelled() && inputs.upload-sarif == 'true' && steps.migrate.outputs.sarif-file != '' }}");
    expect(upload).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+/);
    expect(upload).toContain('sarif_file: ${{ steps.migrate.outputs.sarif-file }}');
  });

  it('check mode on a repository with Composio code: fails, annotates the lines, summarises, sets the outputs, writes the SARIF to upload', () => {
    const repo = gitRepo(COMPOSIO_APP);
    const { code, stdout, stderr, outputs, summary } = runActionStep(repo, { 'upload-sarif': 'true', report: 'out/migration.json\nout/migration.md' });
    expect(code, stderr).toBe(1);
    expect(stdout).toMatch(/^::error file=src\/agent\.ts,line=4,col=9,title=scalekit-migrate%3A triggers::Scalekit does not deliver event triggers/m);
    expect(stdout).toContain('would change src/agent.ts');
    const report = JSON.parse(readFileSync(path.join(repo, 'out/migration.json'), 'utf8')) as Report;
    expect(report.summary.findings.error).toBeGreaterThan(0);
    expect(outputs.get('files-changed')).toBe('2');
    expect(outputs.get('changed-files')).toBe('src/agent.ts\nsrc/lib/composio.ts');
    expect(outputs.get('errors')).toBe(String(report.summary.findings.error));
    expect(outputs.get('warnings')).toBe(String(report.summary.findings.warning));
    expect(outputs.get('exit-code')).toBe('1');
    expect([...outputs.keys()].sort()).toEqual([...ACTION_OUTPUTS].sort());
    expect(JSON.parse(readFileSync(outputs.get('report-json')!, 'utf8'))).toEqual(report);
    const sarif = JSON.parse(readFileSync(outputs.get('sarif-file')!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('triggers');
    expect(summary).toMatch(/^> \*\*scalekit-migrate --check\*\*: 2 files would change, \d+ errors?, \d+ warnings? \(exit 1\)\.\n\n# Scalekit migration report\n/);
    expect(summary).toContain('### `src/agent.ts`');
    expect(summary).toBe(`${summary.split('\n\n')[0]}\n\n${readFileSync(path.join(repo, 'out/migration.md'), 'utf8')}`);
    // a check writes nothing but the reports asked for
    const after = readTree(repo);
    for (const [file, text] of COMPOSIO_APP) expect(after.get(file)).toBe(text);
  });

  it('check mode on a clean repository passes, with zero outputs and no SARIF unless asked', () => {
    const { code, stderr, outputs, summary } = runActionStep(gitRepo(CLEAN_APP));
    expect(code, stderr).toBe(0);
    expect(outputs.get('files-changed')).toBe('0');
    expect(outputs.get('changed-files')).toBe('');
    expect(outputs.get('errors')).toBe('0');
    expect(outputs.get('warnings')).toBe('0');
    expect(outputs.get('exit-code')).toBe('0');
    expect(outputs.has('sarif-file')).toBe(false);
    expect(summary).toMatch(/^> \*\*scalekit-migrate --check\*\*: 0 files would change, 0 errors, 0 warnings \(exit 0\)\./);
    expect(summary).toContain('Nothing left to do by hand.');
  });

  it('after the migration is committed the check passes; fail-on unmappable keeps it red while errors remain', () => {
    const repo = gitRepo(COMPOSIO_APP);
    execFileSync(process.execPath, [path.join(ROOT, 'dist/src/cli.js'), '--quiet', '.'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qam', 'migrated'], { cwd: repo });
    const passed = runActionStep(repo);
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.outputs.get('files-changed')).toBe('0');
    expect(Number(passed.outputs.get('errors'))).toBeGreaterThan(0);
    const strict = runActionStep(repo, { 'fail-on': 'unmappable' });
    expect(strict.code).toBe(1);
    expect(strict.outputs.get('exit-code')).toBe('1');
    expect(strict.stdout).toMatch(/^::error file=src\/agent\.ts,.*title=scalekit-migrate%3A triggers::/m);
  });

  it('dry-run mode prints the diff and passes; paths, connection and mappings reach the CLI', () => {
    const repo = gitRepo(new Map([...COMPOSIO_APP, ['mappings.json', `{ "toolNames": { "GITHUB_CREATE_AN_ISSUE": "github_repo_star" } }\n`]]));
    const { code, stdout, stderr, outputs } = runActionStep(repo, { mode: 'dry-run', paths: 'src/agent.ts\nsrc/lib', connection: 'github=github-prod', mappings: 'mappings.json' });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("+  return composio.actions.executeTool({ toolName: 'github_repo_star', identifier: userId, connector: 'github-prod', toolInput: {} });");
    expect(stdout).toMatch(/^::error file=src\/agent\.ts,/m);
    expect(outputs.get('changed-files')).toBe('src/agent.ts\nsrc/lib/composio.ts');
    const narrowed = runActionStep(repo, { mode: 'dry-run', paths: 'src/lib' });
    expect(narrowed.outputs.get('changed-files')).toBe('src/lib/composio.ts');
  });

  it('a bad input stops the step with exit 2 and says why, in the log and the job summary', () => {
    const repo = gitRepo(COMPOSIO_APP);
    const mode = runActionStep(repo, { mode: 'write' });
    expect(mode.code).toBe(2);
    expect(mode.stdout).toContain('::error title=scalekit-migrate::mode must be check or dry-run, got "write"');
    expect(mode.outputs.size).toBe(0);
    const failOn = runActionStep(repo, { 'fail-on': 'everything' });
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toContain("scalekit-migrate: option '--fail-on <what>' argument 'everything' is invalid");
    expect(failOn.outputs).toEqual(new Map([['exit-code', '2']]));
    expect(failOn.summary).toContain('stopped with exit 2 before writing its report');
    const mappings = runActionStep(repo, { mappings: 'missing.json' });
    expect(mappings.code).toBe(2);
  });

  it('cuts the job summary under GitHub\'s 1 MiB at a line, saying where the whole report is', () => {
    const report = { summary: { filesChanged: 3, findings: { error: 1, warning: 0, info: 0 } } } as Report;
    const markdown = `# Scalekit migration report\n\n${Array.from({ length: 200 }, (_, i) => `- [ ] **line ${i}** · é`).join('\n')}\n`;
    const cut = stepSummary('check', report, markdown, 1, 2000);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(2000);
    expect(cut).toMatch(/- \[ \] \*\*line \d+\*\* · é\n\n\*The report is cut here/);
    expect(cut).toContain("`report-markdown` output");
    expect(stepSummary('check', report, markdown, 1)).toContain('**line 199** · é\n');
  });
});

describe('the example workflow (docs/github-workflow.yml)', () => {
  it("uses the action with inputs it declares, and the permission SARIF upload needs", () => {
    const workflow = readFileSync(path.join(ROOT, 'docs/github-workflow.yml'), 'utf8');
    const steps = [...workflow.matchAll(/uses: [^\s]*scalekit-migrate@\S+\n\s+with:\n((?:\s{10}.*\n)+)/g)];
    expect(steps.length).toBeGreaterThan(0);
    const declared = declaredInputs();
    for (const step of steps) {
      for (const key of step[1]!.matchAll(/^\s{10}([a-z-]+):/gm)) expect(declared.has(key[1]!), key[1]).toBe(true);
    }
    expect(workflow).toContain('security-events: write');
  });
});
