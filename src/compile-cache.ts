import { isAscii } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { cacheDir, readEntry, writeEntry } from './cache-dir.js';

/**
 * A V8 code cache for the big CommonJS files ts-morph loads: TypeScript (9 MB of JavaScript),
 * @ts-morph/common (3 MB, with the lib .d.ts texts) and ts-morph (1 MB). Compiling them is about
 * 300 ms of every run; with the code V8 produced last time, about 115 ms. Node 22.1+ does this
 * itself (module.enableCompileCache); on Node 20 these files are loaded here, in their require
 * order: read, compiled with the cached code, run as CommonJS modules and put in require.cache,
 * where ts-morph's own `require` calls find them.
 *
 * The cache lives in our cache folder (src/cache-dir.ts: the user's own, ~/.cache/scalekit-migrate/),
 * in a folder named after the Node version; an entry is named after its file's path, size and
 * modification time, written whole, and replaces the entry of the same path at another size or time.
 * V8 rejects code from another V8 version or with other flags; a rejected or unreadable entry costs
 * a normal compile and is written again. NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it
 * off; SCALEKIT_MIGRATE_CACHE_DIR names another folder.
 */

/** What requireWithCompileCache did with each file it loaded itself (for the tests; empty when the cache is off or Node's own is used). */
export const compileCacheLog: Array<{ file: string; cache: 'hit' | 'written' | 'rejected' }> = [];

const nodeModule = Module as unknown as typeof Module & {
  enableCompileCache?: (dir?: string) => unknown;
  new (id: string): { id: string; filename: string; loaded: boolean; exports: unknown; paths: string[] };
};

/** `require(specifier)` from `fromUrl`, through the code cache; the module's exports. */
export function requireWithCompileCache(specifier: string, fromUrl: string): unknown {
  const require = createRequire(fromUrl);
  const dir = codeCacheDir();
  if (dir === undefined) return require(specifier);
  if (typeof nodeModule.enableCompileCache === 'function') {
    nodeModule.enableCompileCache(dir);
    return require(specifier);
  }
  try {
    for (const file of bigFilesOf(require, specifier)) loadCached(file, dir);
  } catch {
    // a file that did not load this way loads the usual way (require compiles it again)
  }
  return require(specifier);
}

/** ts-morph's big files, in the order they require each other (each needs the one before it). */
function bigFilesOf(require: NodeRequire, specifier: string): string[] {
  if (specifier !== 'ts-morph') return [];
  const tsMorph = require.resolve('ts-morph');
  const common = createRequire(tsMorph).resolve('@ts-morph/common');
  const typescript = createRequire(common).resolve('./typescript');
  return [typescript, common, tsMorph];
}

function loadCached(file: string, dir: string): void {
  const cache = createRequire(file).cache;
  if (cache[file]) return;
  const stats = statSync(file);
  const slot = `${path.basename(file)}-${hashOf(file)}-`;
  const entry = path.join(dir, `${slot}${stats.size}-${Math.trunc(stats.mtimeMs)}.bin`);
  const bytes = readFileSync(file);
  // a pure-ASCII file (TypeScript's is) is its own Latin-1 text, decoded by a copy: 60 ms less than UTF-8 for 9 MB
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  if (source.startsWith('#!') || source.charCodeAt(0) === 0xfeff) throw new Error(`${file}: not a plain CommonJS file`);
  const cached = readEntry(entry);
  // the same wrapper Node's CommonJS loader puts around a module
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const module = new nodeModule(file);
  module.filename = file;
  module.paths = nodeModulePaths(path.dirname(file));
  cache[file] = module as unknown as NodeJS.Module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (error) {
    delete cache[file];
    throw error;
  }
  module.loaded = true;
  const status = cached && !script.cachedDataRejected ? 'hit' : cached ? 'rejected' : 'written';
  if (status !== 'hit') writeEntry(entry, script.createCachedData(), slot);
  compileCacheLog.push({ file, cache: status });
}

/** The code cache's folder, per Node version and architecture; undefined when caching is off or the folder cannot be trusted. */
function codeCacheDir(): string | undefined {
  if (process.env['NODE_DISABLE_COMPILE_CACHE'] && process.env['NODE_DISABLE_COMPILE_CACHE'] !== '0') return undefined;
  return cacheDir(`v8-${process.version}-${process.arch}`);
}

/** Where `module.require` looks for packages, as Node's loader computes it: node_modules of each folder up to the root. */
function nodeModulePaths(from: string): string[] {
  const paths: string[] = [];
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') paths.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) return paths;
  }
}

/** A short stable name for a path (two installs of the same version are two entries). */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}
