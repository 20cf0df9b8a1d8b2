import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree } from './support/fixtures.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const quickStart = /## Quick start \(from a clone\)\s+```sh\n([\s\S]*?)```/.exec(README)?.[1]?.trim().split('\n') ?? [];

describe("the README's quick start", () => {
  it('has two commands: set up and migrate the example, then the tests', () => {
    expect(quickStart).toHaveLength(2);
    expect(quickStart[1]).toBe('npm test');
  });

  it('migrates the bundled example app as the README says, writing nothing but the report', () => {
    // the README's own command, after its `npm ci && npm run build` (npm test has built dist/)
    const command = quickStart[0]!.split('&&').pop()!.trim();
    const [node, ...args] = command.split(/\s+/);
    expect(node).toBe('node');
    const reportDir = mkdtempSync(path.join(tmpdir(), 'readme-'));
    const reportArg = args.indexOf('--report') + 1;
    const report = args[reportArg]!;
    args[reportArg] = path.join(reportDir, report);
    const before = readTree(path.join(ROOT, 'examples/composio-app'));
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('diff --git a/examples/composio-app/lib/composio.ts');
    expect(run.stdout).toContain("+import { ScalekitClient } from '@scalekit-sdk/node';");
    expect(run.stderr).toMatch(/triggers/);
    expect(existsSync(args[reportArg]!)).toBe(true);
    expect(readFileSync(args[reportArg]!, 'utf8')).toContain('- [ ] **line');
    expect(readTree(path.join(ROOT, 'examples/composio-app'))).toEqual(before);
  });
});
