import { statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { PathError, SOURCE_EXTENSIONS, STALE_TEMP, type DiscoveredFile } from './file-kinds.js';
import { GitignoreRules } from './gitignore.js';

/** Folders that never hold the user's own source. */
export const ALWAYS_IGNORED = [
  '**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/.next/**', '**/out/**', '**/coverage/**', '**/.turbo/**', '**/.vercel/**',
  '**/__pycache__/**', '**/.venv/**', '**/venv/**', '**/.tox/**',
];

/** The temporary files src/safe-write.ts writes beside a file (STALE_TEMP). */
const STALE_TEMP_GLOB = '.*.scalekit-migrate-*.tmp';

/** Lists the files of the run: source files by extension, and the project files the migration asks for. */
export async function discoverFiles(inputs: string[], projectFilePatterns: string[], extraIgnores: string[] = []): Promise<DiscoveredFile[]> {
  const found = new Map<string, DiscoveredFile>();
  const sourceGlob = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;
  for (const input of inputs) {
    const absolute = path.resolve(input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new PathError(code === 'ENOENT' ? `${input}: no such file or directory` : `${input}: cannot be read (${code})`);
    }
    if (stats.isFile()) {
      const name = path.basename(absolute);
      const kind = SOURCE_EXTENSIONS.includes(path.extname(name).slice(1)) && !name.endsWith('.d.ts') ? 'source' : 'project';
      found.set(absolute, { path: absolute, relativeToRoot: name, kind });
      continue;
    }
    const globOptions = { cwd: absolute, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true };
    const listed = await fg([sourceGlob, ...projectFilePatterns, '**/.gitignore', `**/${STALE_TEMP_GLOB}`], {
      ...globOptions,
      ignore: [...ALWAYS_IGNORED, '**/*.d.ts', '**/*.d.mts', '**/*.d.cts', ...extraIgnores],
    });
    const isGitignore = (relative: string) => path.posix.basename(relative) === '.gitignore';
    const gitignore = new GitignoreRules(absolute, listed.filter(isGitignore));
    const entries = listed.filter((relative) => !isGitignore(relative));
    // fast-glob's paths are clean relative ones (forward slashes, no `.` or `..`): joined by concatenation
    const base = absolute.endsWith(path.sep) ? absolute : absolute + path.sep;
    for (const relative of entries.sort()) {
      const file = base + (path.sep === '/' ? relative : relative.split('/').join(path.sep));
      // .env files are git-ignored by convention, yet they are the user's own and hold COMPOSIO_API_KEY
      if (found.has(file) || (!path.basename(file).startsWith('.env') && gitignore.ignores(file))) continue;
      const isSource = SOURCE_EXTENSIONS.includes(path.extname(relative).slice(1));
      const kind = STALE_TEMP.test(path.basename(relative)) ? 'stale-temp' : isSource ? 'source' : 'project';
      found.set(file, { path: file, relativeToRoot: relative, kind });
    }
  }
  return [...found.values()];
}
