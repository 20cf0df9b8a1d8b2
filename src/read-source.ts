import { readFileSync, statSync } from 'node:fs';

export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; rule: 'file-too-large' | 'file-binary' | 'file-not-utf8' | 'file-unreadable'; detail: string };

// ignoreBOM: keep the byte-order mark in the text, so that it is seen here and written back
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file the run may edit: UTF-8 text only, within the size limit; anything else is a reason, not an exception. */
export function readSource(file: string, maxSize = DEFAULT_MAX_FILE_SIZE): ReadResult {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxSize) return { ok: false, rule: 'file-too-large', detail: `(${size} bytes; the limit is ${maxSize}: raise it with --max-file-size)` };
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, rule: 'file-unreadable', detail: `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (bytes.includes(0)) return { ok: false, rule: 'file-binary', detail: '' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, rule: 'file-not-utf8', detail: '' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}
