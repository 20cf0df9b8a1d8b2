import { readFileSync } from 'node:fs';
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

interface PathsConfig {
  baseDir: string;
  hasBaseUrl: boolean;
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

/**
 * Resolves import specifiers to files of the run: relative paths (with TypeScript's
 * extension rules) and the `paths` / `baseUrl` of the nearest tsconfig.json or jsconfig.json.
 * Packages are never resolved: only the run's own files matter.
 */
export class ModuleResolver {
  private readonly configs = new Map<string, PathsConfig | null>();
  /** Answers by directory and specifier: the files and the configs do not change during a run, and every file asks again. */
  private readonly resolved = new Map<string, string | undefined>();

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
      const parsed = ts.parseConfigFileTextToJson(file, text);
      const options = (parsed.config?.compilerOptions ?? {}) as { baseUrl?: string; paths?: Record<string, string[]> };
      const baseDir = path.resolve(dir, options.baseUrl ?? '.');
      config = {
        baseDir,
        hasBaseUrl: options.baseUrl !== undefined,
        paths: Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
          const star = pattern.indexOf('*');
          return {
            prefix: star === -1 ? pattern : pattern.slice(0, star),
            suffix: star === -1 ? '' : pattern.slice(star + 1),
            wildcard: star !== -1,
            targets: Array.isArray(targets) ? targets : [],
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
