import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { loadFixtures, writeTree } from './support/fixtures.js';

const mappings = await loadMappings();
const cases = loadFixtures();

async function migrate(files: Map<string, string>) {
  const dir = writeTree(files);
  const result = await runMigration({ paths: [dir], mappings, migration, write: false });
  const after = new Map(files);
  const findings: string[] = [];
  for (const file of result.files) {
    const relative = path.relative(dir, file.path).split(path.sep).join('/');
    if (file.after !== undefined) after.set(relative, file.after);
    for (const f of file.findings) findings.push(`${relative}:${f.line}:${f.column} ${f.severity} ${f.rule}`);
  }
  return { after, findings, result };
}

describe('fixtures', () => {
  it('there are fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const fixture of cases) {
    describe(fixture.name, () => {
      it('migrates to the expected output', async () => {
        const { after, findings } = await migrate(fixture.input);
        for (const [file, expected] of fixture.output) expect(after.get(file), file).toBe(expected);
        // a file the run creates (a generated module) must be in the expected output too
        expect([...after.keys()].sort()).toEqual([...fixture.output.keys()].sort());
        if (fixture.findings) expect(findings).toEqual(fixture.findings);
      });

      it('changes nothing on a second run', async () => {
        const { result } = await migrate(fixture.output);
        const changed = result.files.filter((f) => f.status === 'changed').map((f) => f.path);
        expect(changed).toEqual([]);
      });
    });
  }
});
