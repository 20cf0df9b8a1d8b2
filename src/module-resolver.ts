import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ts } from './ts-morph.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** TypeScript lets `./x.js` name `./x.ts`; the same holds for the module flavours. */
const SOURCE_FOR_EMITTED: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

const NODE_RESOLUTION = /^(node16|node18|node20|nodenext)$/i;

/** `module` and `moduleResolution` of a tsconfig, through its `extends` chain (the extending file wins). */
function moduleOptions(file: string, depth = 0): { module?: string; moduleResolution?: string } {
  let raw: { extends?: unknown; compilerOptions?: { module?: unknown; moduleResolution?: unknown } } | undefined;
  try {
    raw = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8')).config;
  } catch {
    return {};
  }
  const own = raw?.compilerOptions ?? {};
  let inherited: { module?: string; moduleResolution?: string } = {};
  const bases = typeof raw?.extends === 'string' ? [raw.extends] : Array.isArray(raw?.extends) ? raw.extends : [];
  for (const base of bases) {
    const found = typeof base === 'string' && depth < 10 ? extendedConfig(path.dirname(file), base) : undefined;
    if (!found) continue;
    const next = moduleOptions(found, depth + 1);
    inherited = { module: next.module ?? inherited.module, moduleResolution: next.moduleResolution ?? inherited.moduleResolution };
  }
  return {
    module: typeof own.module === 'string' ? own.module : inherited.module,
    moduleResolution: typeof own.moduleResolution === 'string' ? own.moduleResolution : inherited.moduleResolution,
  };
}

/** The file an `extends` names: a path, or a package's file in the nearest node_modules (`@tsconfig/node20/tsconfig.json`). */
function extendedConfig(dir: string, name: string): string | undefined {
  const candidates = (base: string) => (base.endsWith('.json') ? [base] : [base, `${base}.json`, path.join(base, 'tsconfig.json')]);
  if (name.startsWith('.') || path.isAbsolute(name)) return candidates(path.resolve(dir, name)).find((f) => existsSync(f) && !isDirectory(f));
  for (let at = dir; ; at = path.dirname(at)) {
    const found = candidates(path.join(at, 'node_modules', name)).find((f) => existsSync(f) && !isDirectory(f));
    if (found || path.dirname(at) === at) return found;
  }
}

interface PathOptions {
  /** Absolute. */
  baseUrl?: string;
  paths?: Record<string, unknown>;
  /** The folder of the config that sets `paths`. */
  pathsDir?: string;
}

/**
 * `baseUrl` and `paths` of a tsconfig through its `extends` chain (the extending file wins, a later base over an
 * earlier one), each relative to the file that sets it. A base that is missing, unreadable or already on the
 * chain (a cycle) is skipped.
 */
function pathOptions(file: string, text: string | undefined, chain: Set<string>): PathOptions {
  let raw: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  try {
    raw = ts.parseConfigFileTextToJson(file, text ?? readFileSync(file, 'utf8')).config;
  } catch {
    return {};
  }
  const dir = path.dirname(file);
  let inherited: PathOptions = {};
  const bases = typeof raw?.extends === 'string' ? [raw.extends] : Array.isArray(raw?.extends) ? raw.extends : [];
  if (bases.length > 0) {
    chain.add(file);
    for (const base of bases) {
      const found = typeof base === 'string' && chain.size < 10 ? extendedConfig(dir, base) : undefined;
      if (!found || chain.has(found)) continue;
      const next = pathOptions(found, undefined, chain);
      inherited = { baseUrl: next.baseUrl ?? inherited.baseUrl, paths: next.paths ?? inherited.paths, pathsDir: next.paths ? next.pathsDir : inherited.pathsDir };
    }
    chain.delete(file);
  }
  const own = raw?.compilerOptions ?? {};
  const ownPaths = typeof own.paths === 'object' && own.paths !== null && !Array.isArray(own.paths) ? (own.paths as Record<string, unknown>) : undefined;
  return {
    baseUrl: typeof own.baseUrl === 'string' ? path.resolve(dir, own.baseUrl) : inherited.baseUrl,
    paths: ownPaths ?? inherited.paths,
    pathsDir: ownPaths ? dir : inherited.pathsDir,
  };
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

interface PathsConfig {
  baseDir: string;
  hasBaseUrl: boolean;
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

/**
 * Resolves import specifiers to files of the run: relative paths (with TypeScript's
 * extension rules) and the `paths` / `baseUrl` of the nearest tsconfig.json or jsconfig.json, through its `extends`.
 * Packages are never resolved: only the run's own files matter.
 */
export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | null>();
  /** Answers by directory and specifier: the files and the configs do not change during a run, and every file asks again. */
  private readonly resolved = new Map<string, string | undefined>();
  private readonly nodeResolutions = new Map<string, boolean>();
  private readonly packageTypes = new Map<string, string | undefined>();

  constructor(private readonly files: ReadonlySet<string>) {}

  resolve(fromFile: string, specifier: string): string | undefined {
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const found = this.resolveUncached(fromFile, specifier);
    this.resolved.set(key, found);
    return found;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
      return this.probe(path.resolve(path.dirname(fromFile), specifier));
    }
    const config = this.configFor(path.dirname(fromFile));
    if (!config) return undefined;
    for (const entry of config.paths) {
      if (entry.wildcard ? !(specifier.startsWith(entry.prefix) && specifier.endsWith(entry.suffix)) : specifier !== entry.prefix) continue;
      const star = entry.wildcard ? specifier.slice(entry.prefix.length, specifier.length - entry.suffix.length) : '';
      for (const target of entry.targets) {
        const found = this.probe(path.resolve(config.baseDir, target.replace('*', star)));
        if (found) return found;
      }
    }
    return config.hasBaseUrl ? this.probe(path.resolve(config.baseDir, specifier)) : undefined;
  }

  /**
   * Whether relative imports of `file` must name the file (`./x.js`): an .mts/.mjs file is always an ES
   * module; a .ts/.js one is under node16/nodenext resolution when the nearest package.json says
   * `"type": "module"` (TS2835 without it, ERR_MODULE_NOT_FOUND in Node).
   */
  needsExtensions(file: string): boolean {
    if (/\.m[jt]s$/.test(file)) return true;
    if (/\.c[jt]s$/.test(file)) return false;
    return this.nodeResolution(path.dirname(file)) && this.packageType(path.dirname(file)) === 'module';
  }

  private nodeResolution(dir: string): boolean {
    const cached = this.nodeResolutions.get(dir);
    if (cached !== undefined) return cached;
    let found: boolean | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const { module, moduleResolution } = moduleOptions(file);
      // without moduleResolution, module node16/node18/node20/nodenext implies the matching resolution
      found = NODE_RESOLUTION.test(moduleResolution ?? module ?? '');
      break;
    }
    const parent = path.dirname(dir);
    if (found === undefined) found = parent !== dir ? this.nodeResolution(parent) : false;
    this.nodeResolutions.set(dir, found);
    return found;
  }

  private packageType(dir: string): string | undefined {
    if (this.packageTypes.has(dir)) return this.packageTypes.get(dir);
    let type: string | undefined;
    const file = path.join(dir, 'package.json');
    const parent = path.dirname(dir);
    if (existsSync(file)) {
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown };
        type = typeof parsed.type === 'string' ? parsed.type : 'commonjs';
      } catch {
        type = 'commonjs';
      }
    } else if (parent !== dir) {
      type = this.packageType(parent);
    }
    this.packageTypes.set(dir, type);
    return type;
  }

  private probe(base: string): string | undefined {
    const candidates = [base];
    const ext = path.extname(base);
    for (const source of SOURCE_FOR_EMITTED[ext] ?? []) candidates.push(base.slice(0, -ext.length) + source);
    for (const e of EXTENSIONS) candidates.push(base + e);
    for (const e of EXTENSIONS) candidates.push(path.join(base, `index${e}`));
    return candidates.find((candidate) => this.files.has(candidate));
  }

  private configFor(dir: string): PathsConfig | null {
    const cached = this.configs.get(dir);
    if (cached !== undefined) return cached;
    let config: PathsConfig | null = null;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const options = pathOptions(file, text, new Set());
      config = {
        // paths' targets are relative to baseUrl, else to the config that sets them
        baseDir: options.baseUrl ?? options.pathsDir ?? dir,
        hasBaseUrl: options.baseUrl !== undefined,
        paths: Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
          const star = pattern.indexOf('*');
          return {
            prefix: star === -1 ? pattern : pattern.slice(0, star),
            suffix: star === -1 ? '' : pattern.slice(star + 1),
            wildcard: star !== -1,
            targets: Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : [],
          };
        }),
      };
      break;
    }
    const parent = path.dirname(dir);
    if (!config && parent !== dir) config = this.configFor(parent);
    this.configs.set(dir, config);
    return config;
  }
}
