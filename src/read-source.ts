import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';

export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; rule: 'file-too-large' | 'file-binary' | 'file-not-utf8' | 'file-unreadable'; detail: string };

/** Reads a file the run may edit: UTF-8 text only, within the size limit; anything else is a reason, not an exception. */
export function readSource(file: string, maxSize = DEFAULT_MAX_FILE_SIZE): ReadResult {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxSize) return { ok: false, rule: 'file-too-large', detail: `(${size} bytes; the limit is ${maxSize}: raise it with --max-file-size)` };
    // Node's own UTF-8 read (one native call, twice as fast as bytes then a decoder); it keeps a
    // byte-order mark, and turns bytes that are not UTF-8 into U+FFFD, checked on the bytes below
    text = readFileSync(file, 'utf8');
    if (text.includes('\0')) return { ok: false, rule: 'file-binary', detail: '' };
    if (text.includes('\uFFFD') && !isUtf8(readFileSync(file))) return { ok: false, rule: 'file-not-utf8', detail: '' };
  } catch (error) {
    return { ok: false, rule: 'file-unreadable', detail: `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}
