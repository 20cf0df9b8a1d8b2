/**
 * What the run reads, by name: the rules the CLI needs before any file is listed. Kept apart from
 * discovery.ts so that the main thread never loads fast-glob: the file scan runs in a worker thread
 * (src/scan.ts) while TypeScript loads.
 */
export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
/** Code in other languages, read as project files by their own transform (Python): --extensions narrows them too. */
export const OTHER_CODE_EXTENSIONS = ['py'];

/**
 * --extensions: the ignore globs that narrow the source files found in folders to `extensions` (a subset
 * of SOURCE_EXTENSIONS). Project files (package.json, .env, MCP configs) are found as before, and a file
 * named on the command line is read whatever its extension.
 */
export function ignoresOutsideExtensions(extensions: string[]): string[] {
  return [...SOURCE_EXTENSIONS, ...OTHER_CODE_EXTENSIONS].filter((ext) => !extensions.includes(ext)).map((ext) => `**/*.${ext}`);
}

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Relative to the root it was found under, forward slashes (what project-file transforms match on). */
  relativeToRoot: string;
  /** `stale-temp`: a temporary file an interrupted write run of ours left (`.<name>.scalekit-migrate-<pid>.tmp`). */
  kind: 'source' | 'project' | 'stale-temp';
}

/** A path the user named that does not exist or cannot be read: a usage error. */
export class PathError extends Error {}

/** The temporary files src/safe-write.ts writes beside a file; one left behind means a run was killed mid-write. */
export const STALE_TEMP = /^\..+\.scalekit-migrate-(\d+)\.tmp$/;
