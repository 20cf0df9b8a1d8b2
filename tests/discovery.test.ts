import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/discovery.js';
import { writeTree } from './support/fixtures.js';

const PROJECT = ['**/package.json', '**/.env', '**/.env.*'];

async function listed(root: string, input = root): Promise<string[]> {
  return (await discoverFiles([input], PROJECT)).map((f) => path.relative(root, f.path).split(path.sep).join('/')).sort();
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
});
