import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');

// Composio files enough for several progress updates
const files = new Map<string, string>([['lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`]]);
for (let i = 0; i < 150; i++) {
  files.set(
    `src/f${i}.ts`,
    `import { composio } from '../lib/composio';\n\nexport async function f${i}(userId: string, slug: string) {\n  const session = await composio.create(userId, { toolkits: ['github'] });\n  const tools = await session.tools();\n  const a = await composio.tools.execute(slug, { userId, arguments: {} });\n  const accounts = await composio.connectedAccounts.list({ userIds: [userId] });\n  return { tools, a, accounts };\n}\n`,
  );
}

describe('progress line', () => {
  const dir = writeTree(files);

  it('is drawn on a terminal, on stderr, and erased at the end', () => {
    // the line shows after a second; at once here, so that a fast machine still sees it
    const run = spawnSync('script', ['-qec', `node ${CLI} --check . 2>&1 >/dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SCALEKIT_MIGRATE_PROGRESS_AFTER_MS: '0' } });
    expect(run.stdout).toMatch(/scalekit-migrate: \d+\/151 files, \d+ changed, \d+ findings/);
    expect(run.stdout).toContain('\r\u001b[K');
  });

  it('is not printed when stderr is not a terminal, nor with --quiet', () => {
    const env = { ...process.env, SCALEKIT_MIGRATE_PROGRESS_AFTER_MS: '0' };
    const plain = spawnSync(process.execPath, [CLI, '--check', '.'], { cwd: dir, encoding: 'utf8', env });
    expect(plain.stderr + plain.stdout).not.toContain('files, ');
    const quiet = spawnSync('script', ['-qec', `node ${CLI} --check --quiet . 2>&1 >/dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8', env });
    expect(quiet.stdout).not.toContain('files, ');
  });
});
