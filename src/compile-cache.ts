import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * A V8 code cache for the big CommonJS files ts-morph loads: TypeScript (9 MB of JavaScript),
 * @ts-morph/common (3 MB, with the lib .d.ts texts) and ts-morph (1 MB). Compiling them is about
 * 300 ms of every run; with the code V8 produced last time, about 115 ms. Node 22.1+ does this
 * itself (module.enableCompileCache); on Node 20 these files are loaded here, in their require
 * order: read, compiled with the cached code, run as CommonJS modules and put in require.cache,
 * where ts-morph's own `require` calls find them.
 *
 * The cache lives in a folder of the user's own ($XDG_CACHE_HOME or ~/.cache, scalekit-migrate/),
 * named after the Node version; an entry is named after its file's path, size and modification
 * time, and written whole (temp file, then rename). V8 rejects code from another V8 version or
 * with other flags; a rejected or unreadable entry costs a normal compile and is written again.
 * Anything wrong with the folder (not ours, writable by others, read-only) means no cache, never
 * a failed run. NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off;
 * SCALEKIT_MIGRATE_CACHE_DIR names another folder.
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
  const dir = cacheDir();
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
  const entry = path.join(dir, `${path.basename(file)}-${hashOf(file)}-${stats.size}-${Math.trunc(stats.mtimeMs)}.bin`);
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
  if (status !== 'hit') writeEntry(entry, script.createCachedData());
  compileCacheLog.push({ file, cache: status });
}

/** The cache folder, made if missing; undefined when caching is off or the folder cannot be trusted. */
function cacheDir(): string | undefined {
  if (process.env['NODE_DISABLE_COMPILE_CACHE'] && process.env['NODE_DISABLE_COMPILE_CACHE'] !== '0') return undefined;
  try {
    // homedir() throws where the user has neither $HOME nor a passwd entry
    const base = process.env['SCALEKIT_MIGRATE_CACHE_DIR'] ?? path.join(process.env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache'), 'scalekit-migrate');
    const dir = path.join(base, `v8-${process.version}-${process.arch}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // code from this folder runs as ours: it must be ours, and nobody else's to write (POSIX; Windows
    // reports no owner and no meaningful mode bits, and a user's cache folder is private there)
    const stats = statSync(dir);
    if (process.getuid && (stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function readEntry(entry: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(entry, 'r');
    if (process.getuid && fstatSync(fd).uid !== process.getuid()) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeEntry(entry: string, data: Buffer): void {
  const temp = `${entry}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, entry);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
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
