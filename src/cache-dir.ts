import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * The folder of our caches (src/compile-cache.ts: V8 code for ts-morph; src/mappings/validated-tables.ts:
 * mapping tables zod has checked): $SCALEKIT_MIGRATE_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, then
 * scalekit-migrate/. What is read from it is trusted (code runs, tables are used unchecked), so a folder
 * or entry that is not the user's own, or that others can write to, is not used. Anything wrong with it
 * means no cache, never a failed run.
 */

/** `<cache folder>/<name>`, made if missing; undefined when it cannot be trusted or made. */
export function cacheDir(name: string): string | undefined {
  try {
    // homedir() throws where the user has neither $HOME nor a passwd entry
    const base = process.env['SCALEKIT_MIGRATE_CACHE_DIR'] ?? path.join(process.env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache'), 'scalekit-migrate');
    const dir = path.join(base, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // it must be ours, and nobody else's to write (POSIX; Windows reports no owner and no meaningful
    // mode bits, and a user's cache folder is private there)
    const stats = statSync(dir);
    if (process.getuid && (stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** An entry's bytes; undefined when missing, unreadable or not the user's own. */
export function readEntry(entry: string): Buffer | undefined {
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

/**
 * Writes an entry whole (temp file, then rename) and removes the entries it replaces: those of the
 * folder whose names start with `slot` (the same file at another size or time: the cache does not
 * grow with every install or edit). A failure writes nothing.
 */
export function writeEntry(entry: string, data: Buffer | string, slot: string): void {
  // one temp name per thread: a worker thread shares the process id, and may write the same entry at the same time
  const temp = `${entry}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, entry);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return;
  }
  try {
    const dir = path.dirname(entry);
    for (const name of readdirSync(dir)) if (name.startsWith(slot) && name !== path.basename(entry) && !name.endsWith('.tmp')) unlinkSync(path.join(dir, name));
  } catch {
    // an old entry left behind costs disk space, nothing else
  }
}
