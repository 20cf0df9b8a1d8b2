/**
 * npm run fixtures:update [-- <filter>]: writes what the run now gives into the fixtures' expected files
 * (`<case>.output.<ext>`, `<case>/output/**`, and the findings lists where a case has one), for the cases
 * whose path holds <filter> (all without one). Review the result with `git diff fixtures/` before
 * committing it: this blesses whatever the code does, right or wrong.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMappings } from '../src/mappings/load.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'fixtures');
const filter = process.argv[2] ?? '';

function readTree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of readTree(path.join(dir, entry.name), relative)) files.set(k, v);
    else files.set(relative, readFileSync(path.join(dir, entry.name), 'utf8'));
  }
  return files;
}

const mappings = await loadMappings();

async function migrate(files: Map<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-update-'));
  for (const [relative, text] of files) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  }
  const result = await runMigration({ paths: [dir], mappings, migration, write: false });
  const after = new Map(files);
  const findings: string[] = [];
  for (const file of result.files) {
    const relative = path.relative(dir, file.path).split(path.sep).join('/');
    if (file.after !== undefined) after.set(relative, file.after);
    for (const f of file.findings) findings.push(`${relative}:${f.line}:${f.column} ${f.severity} ${f.rule}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return { after, findings };
}

/** A findings file's comment lines are kept, at the top. */
function writeFindings(file: string, findings: string[]): void {
  const comments = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim().startsWith('#')) : [];
  writeFileSync(file, [...comments, ...findings].join('\n') + '\n');
}

let updated = 0;
for (const group of readdirSync(FIXTURES).sort()) {
  const dir = path.join(FIXTURES, group);
  if (!statSync(dir).isDirectory()) continue;
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    const single = /^(.*)\.input\.([a-z]+)$/.exec(entry);
    if (!`${group}/${entry}`.includes(filter)) continue;
    if (single) {
      const [, name, ext] = single;
      const { after, findings } = await migrate(new Map([[`${name}.${ext}`, readFileSync(full, 'utf8')]]));
      writeFileSync(path.join(dir, `${name}.output.${ext}`), after.get(`${name}.${ext}`)!);
      const findingsFile = path.join(dir, `${name}.findings.txt`);
      if (existsSync(findingsFile)) writeFindings(findingsFile, findings);
      updated++;
    } else if (statSync(full).isDirectory() && existsSync(path.join(full, 'input'))) {
      const { after, findings } = await migrate(readTree(path.join(full, 'input')));
      rmSync(path.join(full, 'output'), { recursive: true, force: true });
      for (const [relative, text] of after) {
        mkdirSync(path.dirname(path.join(full, 'output', relative)), { recursive: true });
        writeFileSync(path.join(full, 'output', relative), text);
      }
      const findingsFile = path.join(full, 'findings.txt');
      if (existsSync(findingsFile)) writeFindings(findingsFile, findings);
      updated++;
    }
  }
}
console.log(`${updated} fixture cases written; review them with git diff fixtures/`);

// the docs quote fixtures (`<!-- fixture: path [lines a-b] -->` above a code block, tests/readme.test.ts): quoted again as they now are
let requoted = 0;
for (const page of docPages(path.join(ROOT, 'docs'))) {
  const text = readFileSync(page, 'utf8');
  const next = text.replace(/^(<!-- fixture: (\S+)(?: lines (\d+)-(\d+))? -->\n```[a-z]*\n)([\s\S]*?)(```\n)/gm, (_, open: string, file: string, a?: string, b?: string, _body?: string, close?: string) => {
    const quoted = readFileSync(path.join(ROOT, file), 'utf8');
    const body = a && b ? `${quoted.split('\n').slice(Number(a) - 1, Number(b)).join('\n')}\n` : quoted.endsWith('\n') ? quoted : `${quoted}\n`;
    return `${open}${body}${close}`;
  });
  if (next !== text) {
    writeFileSync(page, next);
    requoted++;
  }
}
if (requoted > 0) console.log(`${requoted} docs pages quote their fixtures anew; review them with git diff docs/`);

function docPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? docPages(full) : entry.name.endsWith('.md') ? [full] : [];
  });
}
