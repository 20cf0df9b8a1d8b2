import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformCatalog } from '../transforms/index.js';
import { PYTHON_TRANSFORMS } from '../transforms/python/index.js';
import { ROOT, readTree } from './support/fixtures.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const quickStart = /## Quick start \(from a clone\)\s+```sh\n([\s\S]*?)```/.exec(README)?.[1]?.trim().split('\n') ?? [];
/** What the README shows a run printing: its lines, without the `⋮` that mark what it leaves out. */
const shownOutput = /## What a run prints\n[\s\S]*?```text\n([\s\S]*?)```/.exec(README)?.[1]?.split('\n').filter((line) => line !== '' && line !== '⋮') ?? [];

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
    // what the README says the run prints is what it prints
    const printed = new Set(`${run.stdout}\n${run.stderr}`.split('\n'));
    expect(shownOutput.length).toBeGreaterThan(10);
    for (const line of shownOutput) expect(printed.has(line), line).toBe(true);
  });
});

/** Markdown and YAML pages under docs/, relative to the repository root. */
function docsPages(dir = path.join(ROOT, 'docs')): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return docsPages(full);
    return /\.(md|ya?ml)$/.test(entry) ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function headingAnchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));
}

/** Relative links of a Markdown page, outside code: [text](target). */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));
}

describe('the README and the reference in docs/', () => {
  const firstScreen = README.split('\n').slice(0, 80).join('\n');

  it('holds on its first screen what the tool does, the two commands, what a run prints and the concept map', () => {
    expect(firstScreen).toMatch(/^# scalekit-migrate\n\nA codemod that moves a TypeScript\/JavaScript \*\*and Python\*\* codebase from \*\*Composio\*\*/);
    for (const command of quickStart) expect(firstScreen).toContain(`\n${command}\n`);
    expect(firstScreen).toContain('## What a run prints');
    expect(firstScreen).toContain('12 files scanned, 12 changed');
    const conceptMap = /## The concept map\n\n(\| Composio \| Scalekit \|[^\n]*\n(?:\|[^\n]*\n)+)/.exec(firstScreen)?.[1]?.trim().split('\n') ?? [];
    expect(conceptMap.length).toBeGreaterThanOrEqual(14);
    for (const concept of ['toolkit `GITHUB`', 'tool `GITHUB_CREATE_AN_ISSUE`', 'auth config', 'connected account', '`userId` / entity id', 'session', 'provider packages', '`tools.execute`', 'triggers']) {
      expect(conceptMap.some((row) => row.startsWith(`| ${concept}`)), concept).toBe(true);
    }
  });

  it('links every page of docs/', () => {
    const linked = new Set(links(path.join(ROOT, 'README.md')).map((target) => target.split('#')[0]));
    const pages = docsPages();
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(linked.has(page), page).toBe(true);
  });

  it('has a page for every transform, TypeScript, project files and Python', () => {
    const ids = [...transformCatalog.map((t) => t.id), ...PYTHON_TRANSFORMS.map((t) => t.id)];
    expect(ids.length).toBeGreaterThan(40);
    for (const id of ids) {
      const page = id === 'python' ? 'docs/python.md' : `docs/transforms/${id}.md`;
      expect(existsSync(path.join(ROOT, page)), page).toBe(true);
      if (id !== 'python') expect(readFileSync(path.join(ROOT, page), 'utf8'), page).toMatch(/## What it migrates\n[\s\S]*## From the fixtures\n[\s\S]*<!-- fixture: /);
    }
    for (const page of readdirSync(path.join(ROOT, 'docs/transforms'))) expect(ids, page).toContain(page.replace(/\.md$/, ''));
  });

  it("links, in the README and every page, reach a file and a heading that exist", () => {
    for (const page of ['README.md', ...docsPages().filter((p) => p.endsWith('.md'))]) {
      for (const target of links(path.join(ROOT, page))) {
        const [file, hash] = target.split('#');
        const resolved = file ? path.resolve(ROOT, path.dirname(page), file) : path.join(ROOT, page);
        expect(existsSync(resolved), `${page}: ${target}`).toBe(true);
        if (hash) expect(headingAnchors(resolved).has(hash), `${page}: ${target}`).toBe(true);
      }
    }
  });

  it('quotes the fixtures as they are: each block marked <!-- fixture: path [lines a-b] --> is that file or those lines', () => {
    let quoted = 0;
    for (const page of docsPages().filter((p) => p.endsWith('.md'))) {
      const text = readFileSync(path.join(ROOT, page), 'utf8');
      for (const match of text.matchAll(/^<!-- fixture: (\S+)(?: lines (\d+)-(\d+))? -->\n```[a-z]*\n([\s\S]*?)```\n/gm)) {
        const [, file, from, to, block] = match;
        const lines = readFileSync(path.join(ROOT, file!), 'utf8').replace(/\n$/, '').split('\n');
        const expected = from ? lines.slice(Number(from) - 1, Number(to)) : lines;
        expect(block!.replace(/\n$/, ''), `${page}: ${file}`).toBe(expected.join('\n'));
        quoted++;
      }
      expect(text.match(/^<!-- fixture: /gm)?.length ?? 0, `${page}: a fixture marker without its code block`).toBe([...text.matchAll(/^<!-- fixture: \S+(?: lines \d+-\d+)? -->\n```/gm)].length);
    }
    expect(quoted).toBeGreaterThan(100);
  });
});
