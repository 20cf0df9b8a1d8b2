import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');

/** Two copies of the bundled example app, plus the files a write run treats with care (CRLF, BOM, a created module). */
function copies(): [string, string] {
  const make = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apply-'));
    cpSync(path.join(ROOT, 'examples/composio-app'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'crlf.ts'), "import { Composio } from '@composio/core';\r\n\r\nconst composio = new Composio();\r\n\r\nexport async function star(userId: string, repo: string) {\r\n  return composio.tools.execute('GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER', { userId, arguments: { repo } });\r\n}\r\n");
    writeFileSync(path.join(dir, 'bom.ts'), "\uFEFFimport { Composio } from '@composio/core';\n\nexport const other = new Composio();\n");
    return dir;
  };
  return [make(), make()];
}

const cli = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });

describe('--dry-run prints a patch', () => {
  it('that `git apply` applies to a clean copy, giving exactly what a write run writes', () => {
    const [patched, written] = copies();
    const untouched = readTree(patched);

    const dry = cli(patched, ['--dry-run', '.']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('diff --git a/lib/composio.ts b/lib/composio.ts');
    expect(readTree(patched)).toEqual(untouched);

    const apply = spawnSync('git', ['apply', '--whitespace=nowarn', '-'], { cwd: patched, input: dry.stdout, encoding: 'utf8' });
    expect(apply.status, apply.stderr).toBe(0);

    const write = cli(written, ['--force', '.']);
    expect(write.status, write.stderr).toBe(0);
    const after = readTree(written);
    expect(readTree(patched)).toEqual(after);
    // the patch did something: the migrated tree is not the clean copy
    expect(after).not.toEqual(untouched);
    expect(after.get('crlf.ts')).toContain("connector: 'github'");
  });
});
