import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file's content atomically: a temporary file in the same folder, flushed,
 * given the original's mode, then renamed over it. A run killed at any moment leaves
 * the file either as it was or fully written.
 */
export function writeFileAtomic(file: string, text: string, bom: boolean): void {
  const mode = statSync(file).mode & 0o7777;
  const temp = writeTempBeside(file, bom ? `\ufeff${text}` : text, mode);
  try {
    chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** Creates a file that must not exist yet, atomically: a temporary file beside it, then a link (fails if the name was taken meanwhile). */
export function writeNewFileAtomic(file: string, text: string): void {
  const temp = writeTempBeside(file, text, 0o644);
  try {
    linkSync(temp, file);
  } finally {
    removeQuietly(temp);
  }
}

/** The text, flushed to disk in a new temporary file in the target's folder (so a rename or link stays on one file system). */
function writeTempBeside(file: string, text: string, mode: number): string {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.scalekit-migrate-${process.pid}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, text, null, 'utf8');
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw error;
  }
  closeSync(fd);
  return temp;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
