import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');

const files = new Map<string, string>([['lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`]]);
for (let i = 0; i < 200; i++) {
  files.set(
    `src/f${i}.ts`,
    `import { composio } from '../lib/composio';\n\nexport async function f${i}(userId: string) {\n  const tools = await composio.tools.get(userId, { toolkits: ['github'] });\n  return composio.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId, arguments: { title: '${'x'.repeat(2000)}' } });\n}\n`,
  );
}

describe('a run killed with SIGKILL', () => {
  it('leaves every file either as it was or fully migrated; the next run finishes the job', async () => {
    // what a complete run writes, for comparison
    const reference = writeTree(files);
    expect(spawnSync(process.execPath, [CLI, '--force', '-q', '.'], { cwd: reference }).status).toBe(0);
    const migrated = readTree(reference);

    const dir = writeTree(files);
    const child = spawn(process.execPath, [CLI, '--force', '-q', '.'], { cwd: dir, stdio: 'ignore' });
    // kill it once it has started writing, mid-way through
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const written = [...files.keys()].filter((f) => f.startsWith('src/') && readFileSync(path.join(dir, f), 'utf8') !== files.get(f)).length;
        if (written >= 5 || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.on('close', resolve));

    const after = readTree(dir);
    let done = 0;
    for (const [file, original] of files) {
      const text = after.get(file);
      expect([original, migrated.get(file)], file).toContain(text);
      if (text !== original) done++;
    }
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(files.size); // it really was stopped mid-way

    // a temporary file the kill may have left (made sure of here: one of a process that is gone)
    writeFileSync(path.join(dir, 'src', '.f0.ts.scalekit-migrate-999999.tmp'), 'half a file');
    // the next run completes it, removes what the killed run left, and the one after changes nothing
    const next = spawnSync(process.execPath, [CLI, '--force', '.'], { cwd: dir, encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(next.stderr).toMatch(/removed \d+ temporary file\(s\) an interrupted run left/);
    for (const [file, text] of readTree(dir)) if (files.has(file)) expect(text, file).toBe(migrated.get(file));
    expect(spawnSync(process.execPath, [CLI, '--check', '-q', '.'], { cwd: dir }).status).toBe(0);
    const strays = readdirSync(path.join(dir, 'src')).filter((f) => f.endsWith('.tmp'));
    expect(strays).toEqual([]);
  });
});
