import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/discovery.js';
import { ignoresOutsideExtensions } from '../src/file-kinds.js';
import { ROOT, writeTree } from './support/fixtures.js';

const PROJECT = ['**/package.json', '**/.env', '**/.env.*'];
const CLI = path.join(ROOT, 'dist/src/cli.js');
const COMPOSIO = `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`;

async function listed(root: string, input = root, ignores: string[] = []): Promise<string[]> {
  return (await discoverFiles([input], PROJECT, ignores)).map((f) => path.relative(root, f.path).split(path.sep).join('/')).sort();
}

function cli(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('discovery', () => {
  it('respects .gitignore files, nested ones and negations, but never skips .env files', async () => {
    const dir = writeTree(
      new Map([
        ['.gitignore', 'generated/\n*.gen.ts\n.env\n.env.local\n'],
        ['src/app.ts', ''],
        ['src/client.gen.ts', ''],
        ['generated/api.ts', ''],
        ['packages/web/.gitignore', 'legacy/\n!keep.gen.ts\n'],
        ['packages/web/legacy/old.ts', ''],
        ['packages/web/keep.gen.ts', ''],
        ['packages/web/index.ts', ''],
        ['.env', 'COMPOSIO_API_KEY=x\n'],
        ['.env.local', ''],
      ]),
    );
    expect(await listed(dir)).toEqual(['.env', '.env.local', 'packages/web/index.ts', 'packages/web/keep.gen.ts', 'src/app.ts']);
  });

  it('applies the .gitignore of the repository above the folder it is given', async () => {
    const dir = writeTree(new Map([['.gitignore', 'src/vendor/\n'], ['src/app.ts', ''], ['src/vendor/lib.ts', '']]));
    expect(await listed(dir, path.join(dir, 'src'))).toEqual(['src/app.ts', 'src/vendor/lib.ts']); // no repository: the outer file is not ours to read
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(await listed(dir, path.join(dir, 'src'))).toEqual(['src/app.ts']);
  });

  it('skips dependency, build and virtualenv folders, and never follows symbolic links', async () => {
    const dir = writeTree(
      new Map([
        ['src/app.ts', ''],
        ['node_modules/x/index.js', ''],
        ['dist/app.js', ''],
        ['.venv/lib/site.js', ''],
        ['agent/__pycache__/x.js', ''],
      ]),
    );
    mkdirSync(path.join(dir, 'outside'));
    symlinkSync(dir, path.join(dir, 'src', 'loop'));
    symlinkSync(path.join(dir, 'src', 'app.ts'), path.join(dir, 'src', 'alias.ts'));
    expect(await listed(dir)).toEqual(['src/app.ts']);
  });

  it('--extensions narrows the source files read in folders; project files are still read', async () => {
    const dir = writeTree(new Map([['src/app.ts', COMPOSIO], ['src/legacy.js', COMPOSIO], ['package.json', '{ "dependencies": { "@composio/core": "^0.19.0" } }\n']]));
    expect(await listed(dir, dir, ignoresOutsideExtensions(['ts']))).toEqual(['package.json', 'src/app.ts']);
    for (const list of ['ts', '.ts']) {
      const run = cli(dir, ['--check', '--extensions', list, '.']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toContain('would change src/app.ts');
      expect(run.stdout).toContain('would change package.json');
      expect(run.stdout).not.toContain('src/legacy.js');
    }
    expect(cli(dir, ['--check', '.']).stdout).toContain('would change src/legacy.js');
  });

  it.each([['vue', /"vue" is not a supported extension; supported: ts, tsx, mts, cts, js, jsx, mjs, cjs/], ['ts,,tsx', /expected a comma-separated list/], ['src/*.ts', /expected a comma-separated list/]])(
    '--extensions %s is a usage error: exit 2, one line saying what is wrong',
    (list, message) => {
      const dir = writeTree(new Map([['src/app.ts', COMPOSIO]]));
      const run = cli(dir, ['--check', '--extensions', list, '.']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      // as for every flag commander validates, a second line may point at --help
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^scalekit-migrate: option '--extensions <list>' argument '.*' is invalid\./);
      expect(lines[0]).toMatch(message);
      expect(lines.slice(1).every((line) => /--help/.test(line)), run.stderr).toBe(true);
    },
  );
});
