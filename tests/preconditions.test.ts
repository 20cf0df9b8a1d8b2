import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { ROOT } from './support/fixtures.js';

/**
 * A transform's precondition (a test on the file's text) only spares the engine work: with every precondition
 * removed, the corpus apps and the example app migrate to the same text, with the same findings (the fixtures pin the rest).
 */
const mappings = await loadMappings();
const withoutPreconditions = { ...migration, transforms: migration.transforms.map(({ precondition: _, ...transform }) => transform) };
const APPS = ['tests/corpus/nextjs-agent', 'tests/corpus/node-bots', 'examples/composio-app'].map((app) => path.join(ROOT, app));

async function outcome(dir: string, run: typeof migration) {
  const result = await runMigration({ paths: [dir], mappings, migration: run, write: false });
  return result.files.map((f) => ({ path: path.relative(dir, f.path), status: f.status, after: f.after, findings: f.findings.map((x) => `${x.line}:${x.column} ${x.rule} ${x.message}`) }));
}

describe('preconditions', () => {
  it('are declared by the transforms that can tell from the text alone', () => {
    const declared = migration.transforms.filter((t) => t.precondition).map((t) => t.id);
    expect(declared).toEqual(expect.arrayContaining(['meta-tools', 'composio-endpoints', 'tools-execute-to-execute-tool', 'connected-accounts-to-actions', 'leftover-todos']));
    for (const transform of migration.transforms) expect(transform.precondition?.global ?? false).toBe(false); // test() of a /g expression moves lastIndex
  });

  it.each(APPS.map((app) => [path.relative(ROOT, app), app]))('change nothing of what %s migrates to', async (_, app) => {
    const expected = await outcome(app, withoutPreconditions);
    expect(expected.some((f) => f.status === 'changed')).toBe(true);
    expect(await outcome(app, migration)).toEqual(expected);
  });
});
