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
  const lazy = path.basename(file) === 'ts-morph-common.js' ? withLazyLibFiles(bytes, file) : undefined;
  const source = lazy ? lazy.source : decode(bytes);
  if (source.startsWith('#!') || source.charCodeAt(0) === 0xfeff) throw new Error(`${file}: not a plain CommonJS file`);
  const cached = readEntry(entry);
  // the same wrapper Node's CommonJS loader puts around a module (and the stand-in for ts-morph-common's lib texts)
  const script = new Script(`(function (exports, require, module, __filename, __dirname, ${LAZY_LIB_FILES}) { ${source}\n});`, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const module = new nodeModule(file);
  module.filename = file;
  module.paths = nodeModulePaths(path.dirname(file));
  cache[file] = module as unknown as NodeJS.Module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file), lazy?.libFiles);
  } catch (error) {
    delete cache[file];
    throw error;
  }
  module.loaded = true;
  const status = cached && !script.cachedDataRejected ? 'hit' : cached ? 'rejected' : 'written';
  if (status !== 'hit') writeEntry(entry, script.createCachedData(), slot);
  compileCacheLog.push({ file, cache: status });
}

/** A pure-ASCII file (TypeScript's is) is its own Latin-1 text, decoded by a copy: 60 ms less than UTF-8 for 9 MB. */
function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * @ts-morph/common carries TypeScript's lib .d.ts texts as one array literal, `const libFiles = [...];`
 * (2.9 of its 3 MB), which a project reads only when it loads lib files: ours never do (skipLoadingLibFiles,
 * noLib). Decoding it, and reading and deserialising its 5.5 MB of cached code, was ~85 ms of every run.
 * Here the literal is cut out of the module's text; the module's `libFiles` is a stand-in that compiles
 * the real array from the file's bytes the first time anything reads it (a Proxy: every reader, getLibFiles
 * or another, sees the array's elements). A file without exactly this shape loads whole, as before.
 */
const LAZY_LIB_FILES = '__scalekitMigrateLibFiles';
const LIB_FILES_START = Buffer.from('\nconst libFiles = [');
const LIB_FILES_END = Buffer.from('];\n\nfunction getLibFiles() {');

export function withLazyLibFiles(bytes: Buffer, file: string): { source: string; libFiles: unknown[] } | undefined {
  const start = bytes.indexOf(LIB_FILES_START);
  if (start < 0 || bytes.indexOf(LIB_FILES_START, start + 1) >= 0) return undefined;
  const end = bytes.indexOf(LIB_FILES_END, start);
  if (end < 0) return undefined;
  // `[` ... `]`: string literals cannot hold the end marker's line breaks, so the first `];` line after the start ends it.
  // Read again when asked for (never, in a run), rather than holding 3 MB of bytes.
  const size = bytes.length;
  const compile = () => {
    const again = readFileSync(file);
    if (again.length !== size || again.indexOf(LIB_FILES_START) !== start) throw new Error(`${file} changed while it was in use`);
    return new Script(`(${again.toString('utf8', start + LIB_FILES_START.length - 1, end + 1)})`, { filename: file }).runInThisContext() as unknown[];
  };
  let array: unknown[] | undefined;
  const real = () => (array ??= compile());
  const libFiles = new Proxy<unknown[]>([], {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(real(), key),
    set: (_, key, value) => Reflect.set(real(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
  });
  const source = `${decode(bytes.subarray(0, start))}\nconst libFiles = ${LAZY_LIB_FILES}${decode(bytes.subarray(end + 1))}`;
  return { source, libFiles };
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
