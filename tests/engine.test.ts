import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EditList } from '../src/edits.js';
import { loadMappings, MappingError } from '../src/mappings/load.js';
import { ModuleResolver } from '../src/module-resolver.js';
import { redactDotenvLine, redactSecrets } from '../src/secrets.js';
import { unifiedDiff } from '../src/diff.js';

describe('EditList', () => {
  it('applies edits from the end, keeping every other byte', () => {
    const edits = new EditList();
    edits.add(0, 3, 'let');
    edits.add(10, 13, '"b"');
    expect(edits.apply("var a = 1;'b' // kept")).toBe('let a = 1;"b" // kept');
  });

  it('refuses an edit that overlaps one already taken, and dedupes identical ones', () => {
    const edits = new EditList();
    expect(edits.add(2, 6, 'x')).toBe(true);
    expect(edits.add(4, 8, 'y')).toBe(false);
    expect(edits.add(2, 6, 'x')).toBe(true);
    expect(edits.add(3, 3, 'inside')).toBe(false);
    expect(edits.size).toBe(1);
  });

  it('keeps insertions at one point in the order they were added, before a replacement starting there', () => {
    const edits = new EditList();
    edits.add(4, 4, 'A');
    edits.add(4, 6, 'R');
    edits.add(4, 4, 'B');
    expect(edits.apply('0123456')).toBe('0123ABR6');
  });

  it('rolls back to a snapshot', () => {
    const edits = new EditList();
    edits.add(0, 1, 'x');
    const mark = edits.snapshot();
    edits.add(2, 3, 'y');
    edits.restore(mark);
    expect(edits.apply('abc')).toBe('xbc');
  });

  it('renders deferred text when applied', () => {
    const edits = new EditList();
    const parts: string[] = [];
    edits.add(0, 0, () => parts.join('+'));
    parts.push('a', 'b');
    expect(edits.apply('!')).toBe('a+b!');
  });
});

describe('ModuleResolver', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'resolver-'));
  const files = ['src/lib/composio.ts', 'src/lib/index.ts', 'src/app/page.tsx', 'packages/a/util.mts'].map((f) => path.join(root, f));
  for (const f of files) {
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, '');
  }
  writeFileSync(path.join(root, 'tsconfig.json'), '{\n  // comments are allowed\n  "compilerOptions": { "paths": { "@/*": ["./src/*"], "~lib": ["./src/lib/index.ts"] } }\n}\n');
  const resolver = new ModuleResolver(new Set(files));
  const from = path.join(root, 'src/app/page.tsx');

  it('resolves relative specifiers with TypeScript extension rules', () => {
    expect(resolver.resolve(from, '../lib/composio')).toBe(files[0]);
    expect(resolver.resolve(from, '../lib/composio.js')).toBe(files[0]);
    expect(resolver.resolve(from, '../lib')).toBe(files[1]);
    expect(resolver.resolve(path.join(root, 'packages/a/x.ts'), './util.mjs')).toBe(files[3]);
  });

  it('resolves tsconfig paths, and never a package', () => {
    expect(resolver.resolve(from, '@/lib/composio')).toBe(files[0]);
    expect(resolver.resolve(from, '~lib')).toBe(files[1]);
    expect(resolver.resolve(from, '@composio/core')).toBeUndefined();
    expect(resolver.resolve(from, 'react')).toBeUndefined();
  });

  it('follows tsconfig extends: relative and package bases, each relative to its own file; cycles and bad bases skipped', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'resolver-extends-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
      return path.join(repo, file);
    };
    const web = write('apps/web/src/lib/composio.ts', '');
    const api = write('apps/api/src/lib/composio.ts', '');
    const worker = write('apps/worker/lib/composio.ts', '');
    // paths in a base one folder up, no baseUrl: relative to the base; a missing and a broken base beside it are skipped
    write('tsconfig.base.json', '{ "compilerOptions": { "paths": { "@/*": ["./apps/web/src/*"] } } }');
    write('apps/web/tsconfig.broken.json', '{ "compilerOptions": { "paths": ');
    write('apps/web/tsconfig.json', '{ "extends": ["./tsconfig.missing.json", "../../tsconfig.base.json", "./tsconfig.broken.json"] }');
    // a package base (node_modules) setting baseUrl, through a cycle
    write('node_modules/@acme/tsconfig/base.json', '{ "extends": "../../../apps/api/tsconfig.json", "compilerOptions": { "baseUrl": "../../../apps/api/src", "paths": { "@/*": ["*"] } } }');
    write('apps/api/tsconfig.json', '{ "extends": "@acme/tsconfig/base.json" }');
    // the extending file's own paths win over its base's
    write('apps/worker/tsconfig.json', '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "paths": { "@/*": ["./*"] } } }');
    const resolver = new ModuleResolver(new Set([web, api, worker]));
    expect(resolver.resolve(path.join(repo, 'apps/web/src/app/page.ts'), '@/lib/composio')).toBe(web);
    expect(resolver.resolve(path.join(repo, 'apps/api/src/routes/agent.ts'), '@/lib/composio')).toBe(api);
    expect(resolver.resolve(path.join(repo, 'apps/api/src/routes/agent.ts'), 'lib/composio')).toBe(api);
    expect(resolver.resolve(path.join(repo, 'apps/worker/jobs/run.ts'), '@/lib/composio')).toBe(worker);
  });
});

describe('mapping tables', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mappings-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('load and merge a user file over the bundled tables', async () => {
    const file = write('ok.json', JSON.stringify({ toolNames: { GITHUB_CREATE_AN_ISSUE: 'github_issue_create' }, connections: { github: 'gh-prod' } }));
    const mappings = await loadMappings({ userFile: file, connections: { gmail: 'gmail-main' } });
    expect(mappings.toolRenames['GITHUB_CREATE_AN_ISSUE']).toBe('github_issue_create');
    expect(mappings.connections).toMatchObject({ github: 'gh-prod', gmail: 'gmail-main' });
    expect(mappings.rules.get('triggers')?.severity).toBe('error');
  });

  it('reject a wrong shape with the file, the JSON path and the reason', async () => {
    const file = write('bad.json', JSON.stringify({ toolNames: { GITHUB_X: 3 } }));
    await expect(loadMappings({ userFile: file })).rejects.toThrow(MappingError);
    await expect(loadMappings({ userFile: file })).rejects.toThrow(/bad\.json: toolNames\.GITHUB_X: /);
  });

  it('reject unknown keys, bad JSON and a missing file', async () => {
    await expect(loadMappings({ userFile: write('typo.json', '{"toolname": {}}') })).rejects.toThrow(/typo\.json: /);
    await expect(loadMappings({ userFile: write('broken.json', '{"toolNames": ') })).rejects.toThrow(/broken\.json: /);
    await expect(loadMappings({ userFile: path.join(dir, 'missing.json') })).rejects.toThrow(/missing\.json: no such file/);
  });

  it('every rule named by a table exists', async () => {
    const mappings = await loadMappings();
    for (const call of mappings.clientCalls) expect(mappings.rules.has(call.rule), call.rule).toBe(true);
  });
});

describe('secrets', () => {
  it('masks known key formats and quoted values after secret-like names', () => {
    expect(redactSecrets("apiKey: 'ak_live_abcdefghijkl'")).toBe("apiKey: '***'");
    expect(redactSecrets('const token = "abcd1234efgh"')).toBe('const token = "***"');
    // a type annotation between the name and the value (a pydantic Settings field, a typed class field)
    expect(redactSecrets('    composio_api_key: str = "x9Kq2Lm7Np4Rs8Tv"')).toBe('    composio_api_key: str = "***"');
    expect(redactSecrets("  private apiKey: string = 'abcd1234efgh';")).toBe("  private apiKey: string = '***';");
    expect(redactSecrets('const tokenCount: number = 5;')).toBe('const tokenCount: number = 5;');
    expect(redactSecrets('see sk-abcdefghijklmnopqrstu here')).toBe('see *** here');
    expect(redactSecrets("const name = 'github'")).toBe("const name = 'github'");
    expect(redactSecrets('"args": ["--header", "Authorization: Bearer 9f8e7d6c5b4a3210"]')).toBe('"args": ["--header", "Authorization: Bearer ***"]');
  });

  it('keeps tool-name table entries whose slug holds SECRET or TOKEN, so a printed diff still applies', () => {
    const entry = "  GITHUB_DELETE_A_REPOSITORY_SECRET: 'github_repo_secret_delete',";
    expect(redactSecrets(entry)).toBe(entry);
    expect(redactSecrets("  SLACK_BOT_TOKEN: 'xoxb_not_a_name_123'")).toBe("  SLACK_BOT_TOKEN: '***'");
    expect(redactSecrets("  GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwx'")).toBe("  GITHUB_TOKEN: '***'");
  });

  it('masks every value of a .env line', () => {
    expect(redactDotenvLine('COMPOSIO_API_KEY=abc123')).toBe('COMPOSIO_API_KEY=***');
    expect(redactDotenvLine('# a comment')).toBe('# a comment');
  });

  it('keeps secrets out of diffs', () => {
    const diff = unifiedDiff('src/a.ts', "const c = new Composio({ apiKey: 'ak_live_0123456789' });\n", 'const c = 1;\n', 'typescript');
    expect(diff).not.toContain('ak_live_0123456789');
    expect(diff).toContain('diff --git a/src/a.ts b/src/a.ts');
  });
});

describe('runMigration without texts (keepTexts: false, as --check and write runs without a plan)', () => {
  it('writes and reports the same, holding no file text in its results', async () => {
    const { cpSync } = await import('node:fs');
    const { readTree, ROOT } = await import('./support/fixtures.js');
    const { runMigration } = await import('../src/run.js');
    const { migration } = await import('../transforms/index.js');
    const mappings = await loadMappings();
    const copy = () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-texts-'));
      cpSync(path.join(ROOT, 'examples/composio-app'), dir, { recursive: true });
      return dir;
    };
    const [kept, dropped] = [copy(), copy()];
    const withTexts = await runMigration({ paths: [kept], mappings, migration, write: true });
    const withoutTexts = await runMigration({ paths: [dropped], mappings, migration, write: true, keepTexts: false });
    const summary = (r: typeof withTexts, dir: string) => r.files.map((f) => [path.relative(dir, f.path), f.status, f.findings.map((x) => x.rule)]);
    expect(summary(withoutTexts, dropped)).toEqual(summary(withTexts, kept));
    // the package.json transform asked which sources still import a provider package: their new imports were kept for it
    expect(readTree(dropped)).toEqual(readTree(kept));
    const sources = withoutTexts.files.filter((f) => f.status === 'changed' && !f.created && /\.[jt]sx?$/.test(f.path));
    expect(sources.length).toBeGreaterThan(0);
    for (const f of sources) expect([f.before, f.after]).toEqual([undefined, undefined]);
  });
});
