import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { preparePython, pythonSyntaxError } from '../src/python/parser.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { makeCorpus } from '../bench/corpora.js';
import { ROOT } from './support/fixtures.js';
import { namesNotInCatalog } from './support/catalog-audit.js';
import { excusedByTodo, isCascade } from './support/todo-excuse.js';

/**
 * The corpus (tests/corpus/): apps written the way public Composio apps are (a shared client module with many
 * importers, route handlers, both SDK generations in one repository and one file, Python services with FastAPI
 * dependencies, notebooks), plus the bundled example app. Each is migrated as its owner would (the whole folder,
 * written in place), then:
 *   - no output is unparsable;
 *   - a second run changes nothing;
 *   - no TypeScript file has a type error that no TODO(scalekit-migrate) stands above, against the real
 *     @scalekit-sdk/node, every other module (the frameworks) a stand-in `declare module '*'`;
 *   - no literal tool or connection name written into a Scalekit call is missing from Scalekit's catalogue;
 * and each input compiles against the real @composio/core with the same stand-ins, so the corpus is code that ran.
 * The bench's generated corpora are held to the same, but for the type checks: their components use React's JSX and
 * hooks, which the stand-ins do not type.
 */
const APPS = [...readdirSync(path.join(ROOT, 'tests/corpus')).map((app) => path.join(ROOT, 'tests/corpus', app)), path.join(ROOT, 'examples/composio-app')];
// and the bench's generated corpora (bench/corpora.ts), half their files Composio's: the app-shaped one (routes with
// several kinds of call, .tsx components, constants, template literals) and the synthetic one
const GENERATED = new Map([
  [makeCorpus('app', 40, 0.5, mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-generated-app-'))), 'bench corpus (app-shaped, 40 files)'],
  [makeCorpus('synthetic', 20, 0.5, mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-generated-synthetic-'))), 'bench corpus (synthetic, 20 files)'],
]);
APPS.push(...GENERATED.keys());
const mappings = await loadMappings();

function filesOf(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesOf(full));
    else out.push(full);
  }
  return out;
}

const TS_FILE = /\.(ts|tsx|mts|cts)$/;

/** Type errors of the app's TypeScript files, the frameworks stand-ins: `path:line TScode message`. */
function typeErrors(dir: string): Array<{ file: string; line: number; excused: boolean; text: string }> {
  const files = filesOf(dir).filter((f) => TS_FILE.test(f) && !f.endsWith('.d.ts'));
  if (files.length === 0) return [];
  const shim = path.join(mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-shim-')), 'frameworks.d.ts');
  writeFileSync(shim, "declare module '*';\n");
  const program = ts.createProgram([...files, shim], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
    jsx: ts.JsxEmit.Preserve,
    baseUrl: dir,
    paths: { '@/*': ['./*'] },
  });
  // an error that only follows from another (isCascade) is left out: the other one is counted
  const checker = program.getTypeChecker();
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()]
    .filter((d) => d.file && files.includes(d.file.fileName) && !isCascade(d, checker))
    .map((d) => {
      const line = d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
      return { file: d.file!.fileName, line, excused: excusedByTodo(d.file!, d.start ?? 0), text: `${path.relative(dir, d.file!.fileName)}:${line} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}` };
    });
}


interface AppResult {
  app: string;
  files: number;
  changed: number;
  unparsable: string[];
  changedAgain: string[];
  unexcused: string[];
  inputErrors: string[];
  notInCatalog: string[];
}

const results: AppResult[] = [];

beforeAll(async () => {
  await preparePython();
  for (const source of APPS) {
    // beside a link to the installed packages, so that they resolve as they do in the repository
    const root = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-corpus-'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const dir = path.join(root, path.basename(source));
    cpSync(source, dir, { recursive: true });
    const typeChecked = !GENERATED.has(source);
    const inputErrors = typeChecked ? typeErrors(dir).map((e) => e.text) : [];
    const first = await runMigration({ paths: [dir], mappings, migration, write: true });
    const notInCatalog: string[] = [];
    const unparsable = first.files.filter((f) => f.findings.some((x) => x.rule === 'output-parse-error' || x.rule === 'edit-lost')).map((f) => path.relative(dir, f.path));
    // and every file, read back: TypeScript by the compiler's parser, Python by tree-sitter's
    for (const file of filesOf(dir)) {
      const text = readFileSync(file, 'utf8');
      if (/\.([cm]?[jt]sx?|py|ipynb)$/.test(file)) notInCatalog.push(...namesNotInCatalog(text).map((n) => `${path.relative(dir, file)}:${n.line} ${n.kind} ${n.name}`));
      if (/\.(py)$/.test(file) && pythonSyntaxError(text) !== undefined) unparsable.push(`${path.relative(dir, file)} (python)`);
      if (/\.[cm]?[jt]sx?$/.test(file)) {
        const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, /x$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
        if ((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0) unparsable.push(`${path.relative(dir, file)} (typescript)`);
      }
    }
    const second = await runMigration({ paths: [dir], mappings, migration, write: false });
    const changedAgain = second.files.filter((f) => f.status === 'changed').map((f) => path.relative(dir, f.path));
    const unexcused = typeChecked ? typeErrors(dir).filter((e) => !e.excused).map((e) => e.text) : [];
    rmSync(root, { recursive: true, force: true });
    results.push({
      app: GENERATED.get(source) ?? path.relative(ROOT, source),
      files: filesOf(source).length,
      changed: first.files.filter((f) => f.status === 'changed').length,
      unparsable: [...new Set(unparsable)],
      changedAgain,
      unexcused,
      inputErrors,
      notInCatalog,
    });
  }
  // the generated corpora are this run's own: nothing else reads them
  for (const dir of GENERATED.keys()) rmSync(dir, { recursive: true, force: true });
  const total = (key: 'unparsable' | 'changedAgain' | 'unexcused' | 'notInCatalog') => results.reduce((n, r) => n + r[key].length, 0);
  console.log(
    `corpus: ${results.length} apps, ${results.reduce((n, r) => n + r.files, 0)} files (${results.reduce((n, r) => n + r.changed, 0)} migrated): ` +
      `${total('unexcused')} unexcused type errors, ${total('changedAgain')} files changed by a second run, ${total('unparsable')} unparsable outputs, ${total('notInCatalog')} names not in the catalogue`,
  );
}, 600_000);

describe('the corpus of real-app shapes (tests/corpus, examples/composio-app, the bench corpora)', () => {
  it('is code that compiles against @composio/core (frameworks stand-ins)', () => {
    expect(results.flatMap((r) => r.inputErrors.map((e) => `${r.app}/${e}`))).toEqual([]);
  });

  it('migrates every app to outputs that parse', () => {
    expect(results.flatMap((r) => r.unparsable.map((f) => `${r.app}/${f}`))).toEqual([]);
  });

  it('changes nothing on a second run', () => {
    expect(results.flatMap((r) => r.changedAgain.map((f) => `${r.app}/${f}`))).toEqual([]);
  });

  it('leaves no type error that no TODO stands above', () => {
    expect(results.flatMap((r) => r.unexcused.map((e) => `${r.app}/${e}`))).toEqual([]);
  });

  it('writes no tool or connection name that Scalekit\'s catalogue lacks', () => {
    expect(results.flatMap((r) => r.notInCatalog.map((e) => `${r.app}/${e}`))).toEqual([]);
  });

  it('migrated something in each app', () => {
    for (const r of results) expect(r.changed, r.app).toBeGreaterThan(0);
  });
});
