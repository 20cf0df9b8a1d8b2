import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

const TS_MORPH = pathToFileURL(path.join(ROOT, 'dist/src/ts-morph.js')).href;
const COMPILE_CACHE = pathToFileURL(path.join(ROOT, 'dist/src/compile-cache.js')).href;
const CLI = path.join(ROOT, 'dist/src/cli.js');

/** Loads ts-morph in a fresh node (the built module, as the CLI does), parses a line with it, and says what the cache did. */
function loadTsMorph(env: Record<string, string>): { log: string[]; parsed: string } {
  const script = `
    const { Project, SyntaxKind } = await import(${JSON.stringify(TS_MORPH)});
    const { compileCacheLog } = await import(${JSON.stringify(COMPILE_CACHE)});
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('/a.ts', 'const x: number = 1;');
    process.stdout.write(JSON.stringify({ log: compileCacheLog.map((e) => e.cache), parsed: file.getFirstDescendantByKindOrThrow(SyntaxKind.VariableDeclaration).getName() }));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { log: string[]; parsed: string };
}

const entriesOf = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

// On Node 22.1+ Node's own compile cache does the work (module.enableCompileCache) and the log stays empty.
describe.skipIf('enableCompileCache' in (await import('node:module')).default)('the V8 code cache for ts-morph (Node 20)', () => {
  it('is written on the first run, used on the next, and ts-morph works either way', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    const first = loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: dir });
    expect(first).toEqual({ log: ['written', 'written', 'written'], parsed: 'x' });
    // one entry per file: <file name>-<path hash>-<size>-<mtime>.bin
    expect(entriesOf(dir).map((f) => path.basename(f).replace(/-\w+-\d+-\d+\.bin$/, '')).sort()).toEqual(['ts-morph-common.js', 'ts-morph.js', 'typescript.js']);
    const second = loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: dir });
    expect(second).toEqual({ log: ['hit', 'hit', 'hit'], parsed: 'x' });
  });

  it('an entry V8 rejects (truncated, or garbage) costs a compile and is written again', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: dir });
    const [a, b] = entriesOf(dir);
    writeFileSync(a!, readFileSync(a!).subarray(0, 1000));
    writeFileSync(b!, 'not a code cache');
    const damaged = loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: dir });
    expect(damaged.parsed).toBe('x');
    expect(damaged.log.filter((s) => s === 'rejected')).toHaveLength(2);
    expect(loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: dir }).log).toEqual(['hit', 'hit', 'hit']);
  });

  it('is not used from a folder others can write to, nor with NODE_DISABLE_COMPILE_CACHE=1', () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    const versionDir = path.join(shared, `v8-${process.version}-${process.arch}`);
    mkdirSync(versionDir);
    chmodSync(versionDir, 0o777);
    expect(loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: shared })).toEqual({ log: [], parsed: 'x' });
    expect(entriesOf(shared)).toEqual([]);
    const off = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    expect(loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: off, NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ log: [], parsed: 'x' });
    expect(entriesOf(off)).toEqual([]);
  });

  it('a cache folder that cannot be made means no cache, and the run is the same', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    writeFileSync(path.join(parent, 'file'), '');
    expect(loadTsMorph({ SCALEKIT_MIGRATE_CACHE_DIR: path.join(parent, 'file', 'below-a-file') })).toEqual({ log: [], parsed: 'x' });
  });

  it('a migration run from a cold cache and one from a warm cache write the same files', () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    const input = new Map([['lib.ts', "import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\nexport const run = () => composio.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId: 'u', arguments: {} });\n"]]);
    const trees = [1, 2].map(() => {
      const dir = writeTree(input);
      const run = spawnSync(process.execPath, [CLI, '--force', '--quiet', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SCALEKIT_MIGRATE_CACHE_DIR: cache } });
      expect(run.status, run.stderr).toBe(0);
      return readTree(dir);
    });
    expect(trees[1]).toEqual(trees[0]);
    expect(trees[0]!.get('lib.ts')).toContain('ScalekitClient');
  });
});
