import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, readEntry, writeEntry } from '../cache-dir.js';

/**
 * Mapping tables zod has already checked. The same texts, checked by the same schema module with the
 * same zod, give the same data (the schemas only check: no defaults, no transforms), so a load whose
 * table files (the bundled ones and --mappings) read exactly as a set that passed before takes that
 * set's checked data from the cache, and skips loading zod and the schemas: ~110 ms of every run.
 * A set never seen, or one that failed, is checked as usual (and its errors reported as usual).
 *
 * An entry, in our cache folder (src/cache-dir.ts), is named after the SHA-256 of the schema module's
 * text, zod's package.json and every table's path and text; it holds the checked data as JSON. One
 * entry per set of table paths: checking an edited --mappings file replaces the entry of its old text.
 * Off where the schema module is not a built file beside this one (tests run the TypeScript sources).
 */

/** What each load of this process did (for the tests): took checked tables from the cache, or stored them. */
export const validatedTablesLog: Array<'hit' | 'written'> = [];

/**
 * The cache entry of a set of table texts (named once per load: the hash covers every text): `read` gives
 * the checked data, in the order of `sources`, if this exact set was checked before; `write` stores it
 * once checked (all read, all valid).
 */
export function checkedTablesEntry(sources: Array<{ file: string; text?: string | Buffer }>): { read(): unknown[] | undefined; write(data: unknown[]): void } {
  const entry = entryOf(sources);
  return {
    read() {
      const bytes = entry && readEntry(entry.path);
      if (!bytes) return undefined;
      try {
        const data = JSON.parse(bytes.toString('utf8')) as unknown;
        if (!Array.isArray(data) || data.length !== sources.length) return undefined;
        validatedTablesLog.push('hit');
        return data;
      } catch {
        return undefined;
      }
    },
    write(data) {
      if (!entry) return;
      writeEntry(entry.path, JSON.stringify(data), entry.slot);
      validatedTablesLog.push('written');
    },
  };
}

function entryOf(sources: Array<{ file: string; text?: string | Buffer }>): { path: string; slot: string } | undefined {
  if (sources.some((s) => s.text === undefined)) return undefined;
  const checker = checkerText();
  if (checker === undefined) return undefined;
  const dir = cacheDir('tables');
  if (dir === undefined) return undefined;
  const content = createHash('sha256').update(checker);
  const paths = createHash('sha256');
  for (const { file, text } of sources) {
    content.update(`\0${file}\0`);
    content.update(text!);
    paths.update(`\0${file}`);
  }
  const slot = `${paths.digest('hex').slice(0, 16)}-`;
  return { path: path.join(dir, `${slot}${content.digest('hex')}.json`), slot };
}

/** What decides whether a text passes: the built schema module and zod's version; undefined when not built. */
function checkerText(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return undefined;
  try {
    const schema = readFileSync(path.join(path.dirname(here), 'schema.js'), 'utf8');
    const zod = readFileSync(createRequire(here).resolve('zod/package.json'), 'utf8');
    return `${schema}\0${zod}`;
  } catch {
    return undefined;
  }
}
