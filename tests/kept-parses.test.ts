import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');

/** The same run with every parse kept for phase 2, with none, and with keeping stopped after a few files. */
function dryRun(dir: string, keepBytes: string | undefined): string {
  const run = spawnSync(process.execPath, [CLI, '--dry-run', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...(keepBytes === undefined ? {} : { SCALEKIT_MIGRATE_KEEP_BYTES: keepBytes }) },
  });
  expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
  return run.stdout;
}

describe('phase 2 reusing the parses phase 1 kept', () => {
  it.each([
    ['the example app', path.join(ROOT, 'examples/composio-app')],
    ['every fixture input', FIXTURES],
  ])('changes nothing in the results: %s', (_name, dir) => {
    const kept = dryRun(dir, undefined);
    expect(JSON.parse(kept).files.some((f: { status: string }) => f.status === 'changed')).toBe(true);
    expect(dryRun(dir, '0')).toBe(kept);
    expect(dryRun(dir, '2000')).toBe(kept);
  });
});
