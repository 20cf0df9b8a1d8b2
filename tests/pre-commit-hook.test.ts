import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CODE_EXTENSIONS, SOURCE_EXTENSIONS } from '../src/file-kinds.js';
import { projectFileTransforms } from '../transforms/project-files/index.js';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

const HOOKS_YAML = readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');

/** The one hook's keys, read by this file's own layout (a list of one mapping, plain scalars). */
function hookKey(key: string): string | undefined {
  return new RegExp(`^ {2}${key}: (.+)$`, 'm').exec(HOOKS_YAML)?.[1];
}

const HOOK = {
  id: /^- id: (.+)$/m.exec(HOOKS_YAML)?.[1],
  entry: hookKey('entry')!,
  language: hookKey('language'),
  files: new RegExp(hookKey('files')!),
  passFilenames: hookKey('pass_filenames') !== 'false',
};

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' });

/**
 * The hook installed as pre-commit (4.6.2 and later) installs a `language: node` hook: npm takes a git clone
 * of this repository, installs its dependencies, runs its `prepare` script, packs the files package.json
 * lists and links the package's bin into the environment's bin folder. Here the clone is a copy of what
 * the build and the package read (package.json, its lock, tsconfig.json and its `include`, package.json's
 * `files`); the dependencies are this repository's node_modules (the registry is not reached); the link is
 * made as npm makes it. Returns the bin folder to put first on PATH, and the folders to remove after.
 */
function installHookAsPreCommitDoes(): { bin: string; folders: string[] } {
  const clone = mkdtempSync(path.join(tmpdir(), 'hook-clone-'));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; files: string[]; bin: Record<string, string> };
  const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  const sources = new Set(['package.json', 'package-lock.json', 'tsconfig.json', ...tsconfig.include, ...pkg.files.filter((f) => !f.startsWith('!') && !f.startsWith('dist'))]);
  for (const source of sources) cpSync(path.join(ROOT, source), path.join(clone, source), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  execFileSync('npm', ['run', 'prepare', '--silent'], { cwd: clone, stdio: 'pipe' });
  const packs = mkdtempSync(path.join(tmpdir(), 'hook-pack-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packs], { cwd: clone, encoding: 'utf8' })) as Array<{ filename: string }>;
  const env = mkdtempSync(path.join(tmpdir(), 'hook-env-'));
  execFileSync('tar', ['-xzf', path.join(packs, packed!.filename), '-C', packs]);
  const installed = path.join(env, 'lib/node_modules', pkg.name);
  mkdirSync(path.dirname(installed), { recursive: true });
  renameSync(path.join(packs, 'package'), installed);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'));
  mkdirSync(path.join(env, 'bin'));
  for (const [name, target] of Object.entries(pkg.bin)) {
    chmodSync(path.join(installed, target), 0o755);
    symlinkSync(path.join('..', 'lib/node_modules', pkg.name, target), path.join(env, 'bin', name));
  }
  return { bin: path.join(env, 'bin'), folders: [clone, packs, env] };
}

/**
 * What pre-commit does at `git commit`: the staged files its `files` pattern takes, passed to the entry; no file, no
 * run. `config` is what a .pre-commit-config.yaml may override: `args` after the entry, `pass_filenames`.
 */
function runHook(repo: string, bin: string, config: { args?: string[]; passFilenames?: boolean } = {}) {
  const staged = git(repo, 'diff', '--staged', '--name-only', '--no-ext-diff', '-z', '--diff-filter=ACMRTUXB').split('\0').filter(Boolean);
  const files = staged.filter((file) => HOOK.files.test(file));
  if (files.length === 0) return { ran: false, code: 0, stdout: '', stderr: '', files };
  const [command, ...args] = HOOK.entry.split(' ');
  const result = spawnSync(command!, [...args, ...(config.args ?? []), ...((config.passFilenames ?? HOOK.passFilenames) ? files : [])], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}`, NO_COLOR: '1', GITHUB_ACTIONS: '' },
  });
  return { ran: true, code: result.status, stdout: result.stdout, stderr: result.stderr, files };
}

function committedRepo(files: Map<string, string>): string {
  const dir = writeTree(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'start');
  return dir;
}

function stage(repo: string, files: Map<string, string>) {
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  git(repo, 'add', ...files.keys());
}

const CLEAN = new Map([
  ['README.md', '# app\n'],
  ['src/hello.ts', 'export const hello = (name: string) => `hello ${name}`;\n'],
]);

const COMPOSIO_CHANGE = new Map([
  ['package.json', `{\n  "name": "app",\n  "dependencies": {\n    "@composio/core": "^0.19.0"\n  }\n}\n`],
  ['src/lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`],
  ['src/agent.ts', `import { composio } from './lib/composio';\n\nexport async function tools(userId: string) {\n  return composio.tools.get(userId, { toolkits: ['GITHUB'] });\n}\n`],
]);

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  let bin = '';
  let installed: string[] = [];
  beforeAll(() => {
    ({ bin, folders: installed } = installHookAsPreCommitDoes());
  }, 180_000);
  // a copy of the package with its build: 15 MB a run (the node_modules links go, not what they point to)
  afterAll(() => {
    for (const folder of installed) rmSync(folder, { recursive: true, force: true });
  });

  it('is scalekit-migrate-check, a node hook running --check on the staged files', () => {
    expect(HOOK.id).toBe('scalekit-migrate-check');
    expect(HOOK.language).toBe('node');
    expect(HOOK.entry).toBe('scalekit-migrate --check');
    expect(HOOK.passFilenames).toBe(true);
    expect(hookKey('require_serial')).toBe('true');
  });

  it('fails while a staged file would change; passes once the migrated files are staged', () => {
    const repo = committedRepo(CLEAN);
    stage(repo, COMPOSIO_CHANGE);
    const before = runHook(repo, bin);
    expect(before.files).toEqual(['package.json', 'src/agent.ts', 'src/lib/composio.ts']);
    expect(before.code, before.stderr).toBe(1);
    expect(before.stdout).toContain('would change package.json');
    expect(before.stdout).toContain('would change src/agent.ts');
    expect(before.stdout).toContain('would change src/lib/composio.ts');
    // --check writes nothing
    const tree = readTree(repo);
    for (const [file, text] of COMPOSIO_CHANGE) expect(tree.get(file)).toBe(text);

    execFileSync(path.join(bin, 'scalekit-migrate'), ['--force', '--quiet', '.'], { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });
    git(repo, 'add', '-A');
    expect(readFileSync(path.join(repo, 'src/lib/composio.ts'), 'utf8')).toContain('@scalekit-sdk/node');
    const after = runHook(repo, bin);
    expect(after.ran).toBe(true);
    expect(after.code, after.stdout + after.stderr).toBe(0);
  });

  it('passes when only files without Composio code are staged', () => {
    const repo = committedRepo(new Map([['README.md', '# app\n']]));
    stage(repo, new Map([...CLEAN, ['README.md', '# app\n\nNo Composio here.\n'], ['src/util.py', 'def add(a, b):\n    return a + b\n']]));
    const run = runHook(repo, bin);
    expect(run.files).toEqual(['src/hello.ts', 'src/util.py']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('checks the staged files only: Composio code left unstaged does not fail the commit', () => {
    const repo = committedRepo(CLEAN);
    for (const [file, text] of COMPOSIO_CHANGE) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
    }
    stage(repo, new Map([['src/hello.ts', 'export const hello = (name: string) => `hi ${name}`;\n']]));
    const run = runHook(repo, bin);
    expect(run.files).toEqual(['src/hello.ts']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('sees only the staged files: a staged importer of an unstaged client module passes, unless the config checks the whole tree', () => {
    const repo = committedRepo(new Map([...CLEAN, ['src/lib/composio.ts', COMPOSIO_CHANGE.get('src/lib/composio.ts')!]]));
    stage(repo, new Map([['src/agent.ts', COMPOSIO_CHANGE.get('src/agent.ts')!]]));
    const staged = runHook(repo, bin);
    expect(staged.files).toEqual(['src/agent.ts']);
    expect(staged.code, staged.stdout + staged.stderr).toBe(0);
    // the override docs/reports-and-ci.md gives: `args: ['.']`, `pass_filenames: false`
    const whole = runHook(repo, bin, { args: ['.'], passFilenames: false });
    expect(whole.code).toBe(1);
    expect(whole.stdout).toContain('would change src/agent.ts');
    expect(whole.stdout).toContain('would change src/lib/composio.ts');
  });

  it('its files pattern takes every file the CLI reads in a folder, and not others', () => {
    const read = [
      ...[...SOURCE_EXTENSIONS, ...OTHER_CODE_EXTENSIONS].map((ext) => `src/app.${ext}`),
      'package.json', 'web/package.json', '.env', 'web/.env.local', '.env.example', 'mcp.json', '.cursor/mcp.json', '.mcp.json',
      'claude_desktop_config.json', 'mcp_config.json', 'requirements.txt', 'agent/requirements-dev.txt', 'requirements.in',
      'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg', 'notebooks/agent.ipynb',
    ];
    for (const file of read) {
      const readByCli = SOURCE_EXTENSIONS.includes(file.split('.').pop()!) || projectFileTransforms.some((t) => t.matches(file));
      expect(readByCli, file).toBe(true);
      expect(HOOK.files.test(file), file).toBe(true);
    }
    for (const file of ['README.md', 'logo.png', 'Dockerfile', 'tsconfig.json', 'package-lock.json', 'Pipfile.lock', '.envrc', 'src/env.d.ts.map']) {
      expect(HOOK.files.test(file), file).toBe(false);
    }
  });
});
