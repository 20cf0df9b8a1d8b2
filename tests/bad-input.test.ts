import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readTree, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');
const COMPOSIO = "import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n";
const MIGRATED_LINE = "import { ScalekitClient } from '@scalekit-sdk/node';";

function cli(cwd: string, args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, report: () => JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8')) as Report };
}
interface Report {
  files: Array<{ path: string; status: string; findings: Array<{ rule: string; line: number; message: string }> }>;
}
const bytesOf = (dir: string, file: string) => readFileSync(path.join(dir, file));
const ruleIds = (report: Report, file: string) => report.files.find((f) => f.path === file)?.findings.map((f) => f.rule) ?? [];

describe('safe writes', () => {
  it('keep a UTF-8 byte-order mark, CRLF line endings and the file mode', () => {
    const dir = writeTree(new Map([
      ['bom.ts', `\uFEFF${COMPOSIO}`],
      ['crlf.ts', COMPOSIO.replace(/\n/g, '\r\n')],
      ['script.ts', `#!/usr/bin/env node\n${COMPOSIO}`],
    ]));
    chmodSync(path.join(dir, 'script.ts'), 0o755);
    const run = cli(dir, ['--force', '.']);
    expect(run.code, run.stderr).toBe(0);
    const bom = bytesOf(dir, 'bom.ts');
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString('utf8')).toContain(MIGRATED_LINE);
    const crlf = bytesOf(dir, 'crlf.ts').toString('utf8');
    expect(crlf).toContain(`${MIGRATED_LINE}\r\n`);
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    expect(statSync(path.join(dir, 'script.ts')).mode & 0o777).toBe(0o755);
    expect(bytesOf(dir, 'script.ts').toString('utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});

describe('text that only looks odd is read as it is', () => {
  it('a generated concatenation of 30,000 terms (nested as deep) is migrated', () => {
    const terms = Array.from({ length: 30_000 }, (_, i) => `'s${i}'`).join(' + ');
    const dir = writeTree(new Map([['prompt.ts', `${COMPOSIO}export const prompt = ${terms};\n`]]));
    const run = cli(dir, ['--force', '.']);
    expect(run.code, run.stderr).toBe(0);
    const text = bytesOf(dir, 'prompt.ts').toString('utf8');
    expect(text).toContain(MIGRATED_LINE);
    expect(text).toContain(`export const prompt = ${terms};\n`);
  });

  it('a UTF-8 file holding U+FFFD (the replacement character) is migrated, the character kept', () => {
    const dir = writeTree(new Map([['fffd.ts', `// unknown glyph: \uFFFD\n${COMPOSIO}`]]));
    const run = cli(dir, ['--force', '.']);
    expect(run.code, run.stderr).toBe(0);
    const text = bytesOf(dir, 'fffd.ts').toString('utf8');
    expect(text).toContain(MIGRATED_LINE);
    expect(text.startsWith('// unknown glyph: \uFFFD\n')).toBe(true);
  });

  it('a file larger than the read buffer (256 KB) but within the limit is read whole', () => {
    const padding = '// padding padding padding padding\n'.repeat(10_000);
    const dir = writeTree(new Map([['big.ts', `${COMPOSIO}${padding}export const last = composio;\n`]]));
    const run = cli(dir, ['--force', '.']);
    expect(run.code, run.stderr).toBe(0);
    const text = bytesOf(dir, 'big.ts').toString('utf8');
    expect(text).toContain(MIGRATED_LINE);
    expect(text.endsWith(`${padding}export const last = composio;\n`)).toBe(true);
  });
});

describe('bad input: each file is reported with its reason and left byte-for-byte as it was; the run goes on', () => {
  const cases: Array<[string, Buffer | string, string]> = [
    ['syntax.ts', `${COMPOSIO}export function broken( {\n`, 'file-parse-error'],
    ['binary.ts', Buffer.concat([Buffer.from("import { Composio } from '@composio/core';\n"), Buffer.from([0, 1, 2, 0])]), 'file-binary'],
    ['latin1.ts', Buffer.concat([Buffer.from("// caf"), Buffer.from([0xe9]), Buffer.from(`\n${COMPOSIO}`)]), 'file-not-utf8'],
    ['huge.ts', `${COMPOSIO}${'// padding padding padding padding\n'.repeat(40_000)}`, 'file-too-large'],
    // nesting past the stack: TypeScript's parser (brackets), the migration's own walk (a chain of calls)
    ['nested.ts', `${COMPOSIO}export const a = ${'['.repeat(5000)}${']'.repeat(5000)};\n`, 'file-nested-too-deeply'],
    ['chained.ts', `${COMPOSIO}declare const q: any;\nexport const d = q${'.then((r: any) => r)'.repeat(5000)};\nexport const t = composio.tools;\n`, 'file-nested-too-deeply'],
  ];
  it.each(cases)('%s', (name, content, rule) => {
    const dir = writeTree(new Map([['good.ts', COMPOSIO]]));
    writeFileSync(path.join(dir, name), content);
    const before = bytesOf(dir, name);
    const run = cli(dir, ['--force', '--max-file-size', '1mb', '--report', 'report.json', '.']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(bytesOf(dir, name).equals(before)).toBe(true);
    expect(ruleIds(run.report(), name)).toContain(rule);
    // the good file beside it was migrated
    expect(bytesOf(dir, 'good.ts').toString('utf8')).toContain(MIGRATED_LINE);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file (not testable as root, who reads everything)', () => {
    const dir = writeTree(new Map([['good.ts', COMPOSIO], ['secret.ts', COMPOSIO]]));
    chmodSync(path.join(dir, 'secret.ts'), 0o000);
    const run = cli(dir, ['--force', '--report', 'report.json', '.']);
    chmodSync(path.join(dir, 'secret.ts'), 0o644);
    expect(run.code).toBe(0);
    expect(ruleIds(run.report(), 'secret.ts')).toContain('file-unreadable');
    expect(readFileSync(path.join(dir, 'secret.ts'), 'utf8')).toBe(COMPOSIO);
  });
});

describe('bad input to the command: one line, exit 2, nothing written', () => {
  const usage: Array<[string, string[], (dir: string) => void, RegExp]> = [
    ['a path that does not exist', ['no-such-dir'], () => {}, /no-such-dir/],
    ['a mapping file with a wrong shape', ['--mappings', 'map.json', '.'], (dir) => writeFileSync(path.join(dir, 'map.json'), '{"toolRenames": {"GITHUB_X": 3}}'), /map\.json/],
    ['a mapping file that is not JSON', ['--mappings', 'map.json', '.'], (dir) => writeFileSync(path.join(dir, 'map.json'), '{ nope'), /map\.json/],
    ['a mapping file that does not exist', ['--mappings', 'missing.json', '.'], () => {}, /missing\.json/],
    ['an unknown flag', ['--frobnicate', '.'], () => {}, /frobnicate/],
    ['a bad --max-file-size', ['--max-file-size', 'lots', '.'], () => {}, /max-file-size/],
    ['a bad --connection', ['--connection', 'github', '.'], () => {}, /connection/],
  ];
  it.each(usage)('%s', (_name, args, setup, message) => {
    const dir = writeTree(new Map([['a.ts', COMPOSIO]]));
    setup(dir);
    const before = readTree(dir);
    const run = cli(dir, args);
    expect(run.code).toBe(2);
    // one line says what is wrong; commander may add a second pointing at --help
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.slice(1).every((line) => /--help/.test(line)), run.stderr).toBe(true);
    expect(readTree(dir)).toEqual(before);
  });
});
