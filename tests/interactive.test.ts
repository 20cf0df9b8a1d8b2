import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');
const input = (name: string) => readFileSync(path.join(FIXTURES, 'tools-execute-to-execute-tool', `${name}.input.ts`), 'utf8');
const output = (name: string) => readFileSync(path.join(FIXTURES, 'tools-execute-to-execute-tool', `${name}.output.ts`), 'utf8');

/**
 * Drives `scalekit-migrate -i` through a real pseudo-terminal (util-linux `script`), typing one key
 * whenever the prompt appears, and returns what the terminal showed.
 */
function drive(dir: string, keys: string[]): Promise<{ screen: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `node ${CLI} -i --force .`, '/dev/null'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let screen = '';
    let prompts = 0;
    child.stdout.on('data', (data: Buffer) => {
      screen += data.toString('utf8');
      const seen = screen.split('Apply this change?').length - 1;
      while (prompts < seen && keys.length > 0) {
        prompts++;
        child.stdin.write(keys.shift()!);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ screen, code }));
    setTimeout(() => child.kill('SIGKILL'), 60_000);
  });
}

describe('--interactive, through a pseudo-terminal', () => {
  const files = new Map([
    ['a.ts', input('literal-slug')],
    ['b.ts', input('const-slug')],
    ['c.ts', input('class-method')],
  ]);

  it('applies what is accepted, skips what is not, and ignores other keys', async () => {
    const dir = writeTree(files);
    const { screen, code } = await drive(dir, ['x', 'n', 'y', 'y']);
    expect(code).toBe(0);
    expect(screen).toContain('[1/3] a.ts');
    expect(screen).toMatch(/\[[23]\/3\] c\.ts/);
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(files.get('a.ts'));
    expect(readFileSync(path.join(dir, 'b.ts'), 'utf8')).toBe(output('const-slug'));
    expect(readFileSync(path.join(dir, 'c.ts'), 'utf8')).toBe(output('class-method'));
    expect(screen).toContain('2 applied, 1 skipped');
  });

  it('quit keeps what was applied and writes nothing more', async () => {
    const dir = writeTree(files);
    const { screen } = await drive(dir, ['y', 'q']);
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(output('literal-slug'));
    expect(readFileSync(path.join(dir, 'b.ts'), 'utf8')).toBe(files.get('b.ts'));
    expect(readFileSync(path.join(dir, 'c.ts'), 'utf8')).toBe(files.get('c.ts'));
    expect(screen).toContain('1 applied, 2 skipped (quit)');
  });

  it('Ctrl-C is a quit: every file applied or untouched', async () => {
    const dir = writeTree(files);
    await drive(dir, ['n', '\u0003']);
    for (const name of ['a.ts', 'b.ts', 'c.ts']) expect(readFileSync(path.join(dir, name), 'utf8')).toBe(files.get(name));
  });

  it('"a" applies this file and all remaining ones', async () => {
    const dir = writeTree(files);
    const { screen } = await drive(dir, ['n', 'a']);
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(files.get('a.ts'));
    expect(readFileSync(path.join(dir, 'c.ts'), 'utf8')).toBe(output('class-method'));
    expect(screen.split('Apply this change?').length - 1).toBe(2);
  });
});
