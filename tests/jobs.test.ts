import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');

// over the worker threshold (64 files to transform), with a shared client module and run-time names
const files = new Map<string, string>([['lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`]]);
for (let i = 0; i < 80; i++) {
  files.set(
    `src/f${i}.ts`,
    `import { composio } from '../lib/composio';\n\nexport async function f${i}(userId: string, slug: string) {\n  const a = await composio.tools.execute(slug, { userId, arguments: {} });\n  await composio.triggers.subscribe((e) => console.log(e));\n  return a;\n}\n`,
  );
}

function run(dir: string, args: string[]) {
  // the workers are ready before phase 2's first file: they surely transform some files
  return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SCALEKIT_MIGRATE_WAIT_FOR_WORKERS: '1' } });
}

describe('--jobs', () => {
  it('gives the same diff, findings and files with worker threads as without', () => {
    const one = run(writeTree(files), ['--dry-run', '-j', '1', '.']);
    const two = run(writeTree(files), ['--dry-run', '-j', '2', '.']);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    const verbose = run(writeTree(files), ['--check', '-v', '-j', '2', '.']).stderr;
    const byWorker = /transformed on 2 threads \(this one and 1 worker thread: (\d+) files\)/.exec(verbose);
    expect(Number(byWorker?.[1])).toBeGreaterThan(0);
    expect(one.stdout).toContain('+++ b/lib/scalekit-names.ts');

    const a = writeTree(files);
    const b = writeTree(files);
    expect(run(a, ['--force', '-q', '-j', '1', '.']).status).toBe(0);
    expect(run(b, ['--force', '-q', '-j', '2', '.']).status).toBe(0);
    expect(readTree(b)).toEqual(readTree(a));
  });

  it('refuses a bad value with exit 2', () => {
    const bad = run(writeTree(files), ['-j', '0', '.']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')[0]).toContain('--jobs');
  });
});
