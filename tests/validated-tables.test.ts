import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

const LOAD = pathToFileURL(path.join(ROOT, 'dist/src/mappings/load.js')).href;
const VALIDATED = pathToFileURL(path.join(ROOT, 'dist/src/mappings/validated-tables.js')).href;

interface Loaded {
  log: string[];
  /** The whole Mappings as JSON (rules as entries), or the error's message. */
  mappings?: string;
  error?: string;
}

/** Loads the mapping tables in a fresh node (the built modules, as the CLI does), with a cache folder of the test's. */
function load(cache: string, userFile?: string): Loaded {
  const script = `
    const { loadMappings } = await import(${JSON.stringify(LOAD)});
    const { validatedTablesLog } = await import(${JSON.stringify(VALIDATED)});
    let out;
    try {
      const m = await loadMappings(${userFile ? `{ userFile: ${JSON.stringify(userFile)} }` : ''});
      out = { log: validatedTablesLog, mappings: JSON.stringify({ ...m, rules: [...m.rules] }) };
    } catch (error) {
      out = { log: validatedTablesLog, error: error.message };
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SCALEKIT_MIGRATE_CACHE_DIR: cache } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Loaded;
}

const freshCache = () => mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-tables-'));
const entries = (cache: string) => readdirSync(path.join(cache, 'tables'));

describe('mapping tables checked once per text (src/mappings/validated-tables.ts)', () => {
  it('the first load checks the tables and stores them; the next takes them checked, and they are the same', () => {
    const cache = freshCache();
    const first = load(cache);
    expect(first.log).toEqual(['written']);
    const second = load(cache);
    expect(second.log).toEqual(['hit']);
    expect(second.mappings).toBe(first.mappings);
    expect(JSON.parse(second.mappings!).toolRenames).toMatchObject({ GITHUB_CREATE_AN_ISSUE: expect.any(String) });
    expect(entries(cache)).toHaveLength(1);
  });

  it('an edited --mappings file is checked again: a wrong one is reported as before, a right one replaces the old entry', () => {
    const cache = freshCache();
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-user-'));
    const user = path.join(dir, 'mine.json');
    writeFileSync(user, JSON.stringify({ toolNames: { GITHUB_STAR: 'github_star_repo' } }));
    expect(load(cache, user).log).toEqual(['written']);
    expect(load(cache, user)).toMatchObject({ log: ['hit'], mappings: expect.stringContaining('"GITHUB_STAR":"github_star_repo"') });
    writeFileSync(user, JSON.stringify({ toolNames: { GITHUB_STAR: 3 } }));
    expect(load(cache, user)).toEqual({ log: [], error: expect.stringMatching(/mine\.json: toolNames\.GITHUB_STAR: .*expected string/) });
    writeFileSync(user, JSON.stringify({ toolNames: { GITHUB_STAR: 'github_star' } }));
    expect(load(cache, user)).toMatchObject({ log: ['written'], mappings: expect.stringContaining('"GITHUB_STAR":"github_star"') });
    expect(entries(cache)).toHaveLength(1);
    // the bundled tables alone are another set, with an entry of their own
    expect(load(cache).log).toEqual(['written']);
    expect(entries(cache)).toHaveLength(2);
  });

  it('a damaged entry costs a check, and is written again', () => {
    const cache = freshCache();
    const good = load(cache);
    for (const damage of ['not json', '[1, 2]', '{}']) {
      writeFileSync(path.join(cache, 'tables', entries(cache)[0]!), damage);
      expect(load(cache)).toEqual({ log: ['written'], mappings: good.mappings });
    }
    expect(load(cache).log).toEqual(['hit']);
  });

  it('is not used from a folder others can write to', () => {
    const cache = freshCache();
    mkdirSync(path.join(cache, 'tables'));
    chmodSync(path.join(cache, 'tables'), 0o777);
    const first = load(cache);
    expect(first.log).toEqual([]);
    expect(load(cache)).toEqual(first);
    expect(entries(cache)).toEqual([]);
  });
});
