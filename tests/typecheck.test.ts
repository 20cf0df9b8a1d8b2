import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadFixtures, ROOT } from './support/fixtures.js';
import { excusedByTodo, isCascade } from './support/todo-excuse.js';

/**
 * The proof that migrated code is real code: every TypeScript fixture output compiles against
 * the installed @scalekit-sdk/node (strict), except on lines the migration marked with a TODO;
 * every fixture input compiles against the installed @composio/core, so inputs are code that ran.
 */
const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: ['node'],
  jsx: ts.JsxEmit.Preserve,
  baseUrl: ROOT,
};

const TS_FILE = /\.(ts|tsx|mts|cts)$/;
const cases = loadFixtures();
// inputs of the leftover-todos group are code an earlier run migrated: they are checked as outputs are
const migratedInputs = cases.filter((c) => c.name.startsWith('leftover-todos/')).flatMap((c) => c.inputFiles).filter((f) => TS_FILE.test(f));
const outputs = [...cases.flatMap((c) => c.outputFiles).filter((f) => TS_FILE.test(f)), ...migratedInputs];
const inputs = cases.flatMap((c) => c.inputFiles).filter((f) => TS_FILE.test(f) && !migratedInputs.includes(f));

/** A folder case may carry its own tsconfig.json (for `paths` such as `@/*`); its files are checked with those paths. */
function ownConfig(file: string): string | undefined {
  for (let dir = path.dirname(file); dir.startsWith(path.join(ROOT, 'fixtures')); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'tsconfig.json'))) return path.join(dir, 'tsconfig.json');
  }
  return undefined;
}

function diagnostics(files: string[]): ts.Diagnostic[] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const key = ownConfig(file) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const found: ts.Diagnostic[] = [];
  for (const [config, group] of groups) {
    let groupOptions = options;
    if (config) {
      // through its `extends`: paths' targets are relative to baseUrl, else to the config that sets them
      const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(config, ts.sys.readFile).config, ts.sys, path.dirname(config), undefined, config);
      const { baseUrl, paths, pathsBasePath } = parsed.options as ts.CompilerOptions & { pathsBasePath?: string };
      groupOptions = { ...options, baseUrl: baseUrl ?? pathsBasePath ?? path.dirname(config), paths };
    }
    const program = ts.createProgram(group, groupOptions);
    // an error that only follows from another (isCascade) is left out: the other one is counted
    const checker = program.getTypeChecker();
    found.push(...[...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter((d) => d.file && group.includes(d.file.fileName) && !isCascade(d, checker)));
  }
  return found;
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
  return `${d.file!.fileName.slice(ROOT.length + 1)}:${line + 1}:${character + 1} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

function excused(d: ts.Diagnostic): boolean {
  return excusedByTodo(d.file!, d.start ?? 0);
}

describe('type-check', () => {
  it('has TypeScript fixtures to check', () => {
    expect(outputs.length).toBeGreaterThan(0);
    expect(inputs.length).toBeGreaterThan(0);
  });

  it('every migrated output compiles against @scalekit-sdk/node, but where a TODO marks what is left', () => {
    const errors = diagnostics(outputs).filter((d) => !excused(d)).map(describeDiagnostic);
    expect(errors).toEqual([]);
  });

  it('every fixture input compiles against @composio/core', () => {
    expect(diagnostics(inputs).map(describeDiagnostic)).toEqual([]);
  });
});

describe('type-check harness', () => {
  it('catches code that does not compile against @scalekit-sdk/node (the check can fail)', () => {
    const dir = mkdtempSync(`${ROOT}/.typecheck-probe-`);
    const file = `${dir}/bad.ts`;
    writeFileSync(
      file,
      "import { ScalekitClient } from '@scalekit-sdk/node';\n" +
        "const sk = new ScalekitClient('a', 'b', 'c');\n" +
        "export const r = sk.actions.executeTool({ toolName: 'x', connectionName: 'gmail', toolInput: {} });\n",
    );
    try {
      const codes = diagnostics([file]).map((d) => d.code);
      expect(codes).toContain(2353);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('excuses an error only under a TODO above a statement or property that holds it, not one above a neighbour', () => {
    const text = [
      'const a = 1;',
      '// TODO(scalekit-migrate): x [rule]',
      'const b = f(',
      '  1,',
      ');',
      'const c = 2;',
      'const d = {',
      '  // TODO(scalekit-migrate): y [rule]',
      '  e: 3,',
      '  g: 4,',
      '};',
    ].join('\n');
    const file = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.ES2022, true);
    const at = (needle: string) => text.indexOf(needle);
    expect(excusedByTodo(file, at('1,'))).toBe(true);
    expect(excusedByTodo(file, at('const c'))).toBe(false);
    expect(excusedByTodo(file, at('const a'))).toBe(false);
    expect(excusedByTodo(file, at('e: 3'))).toBe(true);
    expect(excusedByTodo(file, at('g: 4'))).toBe(false);
  });

  it('leaves out an implicit any that only follows from another error, and keeps that error', () => {
    const dir = mkdtempSync(`${ROOT}/.typecheck-probe-`);
    const file = `${dir}/cascade.ts`;
    writeFileSync(file, 'const list = ({} as { items: number[] }).entries;\nexport const doubled = list.map((n) => n * 2);\nexport const own = [1].map(function (this: void, n) { return n; });\nexport function f(x) { return x; }\n');
    try {
      const found = diagnostics([file]).map((d) => `${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1}:TS${d.code}`);
      // the root error (line 1) and f's own untyped parameter (line 4); not the callback's parameter (line 2)
      expect(found.sort()).toEqual(['1:TS2339', '4:TS7006']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
