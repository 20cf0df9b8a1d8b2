import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withLazyLibFiles } from '../src/compile-cache.js';
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

  it("ts-morph-common through the cache: its lib texts (left out of the module's code), once read, are the file's own, and a project that loads them type-checks", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-cache-'));
    // the texts as Node's own loader gives them
    const plain = spawnSync(process.execPath, ['-e', `const common = require(require.resolve('@ts-morph/common', { paths: [${JSON.stringify(path.dirname(fileURLToPath(TS_MORPH)))}] })); process.stdout.write(JSON.stringify(common.getLibFiles()))`], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    expect(plain.status, plain.stderr).toBe(0);
    const expected = JSON.parse(plain.stdout) as Array<{ fileName: string; text: string }>;
    expect(expected.length).toBeGreaterThan(50);
    for (const run of ['written', 'hit']) {
      const script = `
        const { Project, ts } = await import(${JSON.stringify(TS_MORPH)});
        const { compileCacheLog } = await import(${JSON.stringify(COMPILE_CACHE)});
        const { createRequire } = await import('node:module');
        const common = createRequire(${JSON.stringify(TS_MORPH)}).cache[Object.keys(createRequire(${JSON.stringify(TS_MORPH)}).cache).find((f) => f.endsWith('ts-morph-common.js'))].exports;
        const before = process.memoryUsage().heapUsed;
        const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022 } });
        project.createSourceFile('/a.ts', 'export const n: Promise<string> = Promise.resolve([1, 2].map((x) => x.toFixed()).join());');
        project.createSourceFile('/b.ts', 'export const m: number = Promise.resolve(1);');
        const errors = project.getPreEmitDiagnostics().map((d) => d.getSourceFile().getBaseName() + ' ' + d.getCode());
        process.stdout.write(JSON.stringify({ log: compileCacheLog.map((e) => e.cache), errors, lib: common.getLibFiles() }));
      `;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', SCALEKIT_MIGRATE_CACHE_DIR: dir } });
      expect(result.status, result.stderr).toBe(0);
      const answer = JSON.parse(result.stdout) as { log: string[]; errors: string[]; lib: unknown };
      expect(answer.log).toEqual([run, run, run]);
      // Promise, Array#map, Number#toFixed come from the lib texts: only b.ts's wrong type is an error
      expect(answer.errors).toEqual(['b.ts 2322']);
      expect(answer.lib).toEqual(expected);
    }
  });

  it('cuts the lib texts out of a file of the expected shape only', () => {
    const shaped = Buffer.from('"use strict";\nconst a = 1;\nconst libFiles = [{\n    fileName: "lib.d.ts",\n    text: "x];\\n"\n}];\n\nfunction getLibFiles() {\n    return libFiles;\n}\nexports.getLibFiles = getLibFiles;\n');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-lib-')), 'common.js');
    writeFileSync(file, shaped);
    const cut = withLazyLibFiles(shaped, file)!;
    expect(cut.source).toBe('"use strict";\nconst a = 1;\nconst libFiles = __scalekitMigrateLibFiles;\n\nfunction getLibFiles() {\n    return libFiles;\n}\nexports.getLibFiles = getLibFiles;\n');
    expect(cut.libFiles.length).toBe(1);
    expect([...cut.libFiles]).toEqual([{ fileName: 'lib.d.ts', text: 'x];\n' }]);
    // no literal, or two: the file loads whole
    expect(withLazyLibFiles(Buffer.from('const libFiles = getLibFiles();\n'), file)).toBeUndefined();
    const twice = Buffer.concat([shaped, shaped]);
    expect(withLazyLibFiles(twice, file)).toBeUndefined();
  });
});
