import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');

/**
 * A fixture case: the files given to a run and the files expected after it.
 *   fixtures/<group>/<case>.input.<ext>  + <case>.output.<ext>  [+ <case>.findings.txt]
 *   fixtures/<group>/<case>/input/...    + <case>/output/...     [+ <case>/findings.txt]
 * findings.txt lists one finding a line, `<path>:<line>:<column> <severity> <rule>`, paths relative to the input root.
 */
export interface FixtureCase {
  name: string;
  /** path inside the case → content */
  input: Map<string, string>;
  output: Map<string, string>;
  findings?: string[];
  /** Where the expected files are, for the type-check test. */
  outputFiles: string[];
  inputFiles: string[];
}

export function loadFixtures(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, group);
    if (!statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      const match = /^(.*)\.input\.([a-z]+)$/.exec(entry);
      if (match) {
        const [, name, ext] = match;
        const outputFile = path.join(dir, `${name}.output.${ext}`);
        if (!existsSync(outputFile)) throw new Error(`fixture ${group}/${entry} has no ${name}.output.${ext}`);
        const findingsFile = path.join(dir, `${name}.findings.txt`);
        cases.push({
          name: `${group}/${name}.${ext}`,
          input: new Map([[`${name}.${ext}`, readFileSync(full, 'utf8')]]),
          output: new Map([[`${name}.${ext}`, readFileSync(outputFile, 'utf8')]]),
          findings: existsSync(findingsFile) ? lines(findingsFile) : undefined,
          outputFiles: [outputFile],
          inputFiles: [full],
        });
      } else if (statSync(full).isDirectory() && existsSync(path.join(full, 'input'))) {
        const findingsFile = path.join(full, 'findings.txt');
        cases.push({
          name: `${group}/${entry}/`,
          input: readTree(path.join(full, 'input')),
          output: readTree(path.join(full, 'output')),
          findings: existsSync(findingsFile) ? lines(findingsFile) : undefined,
          outputFiles: [...readTree(path.join(full, 'output')).keys()].map((f) => path.join(full, 'output', f)),
          inputFiles: [...readTree(path.join(full, 'input')).keys()].map((f) => path.join(full, 'input', f)),
        });
      }
    }
  }
  return cases;
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

export function readTree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of readTree(path.join(dir, entry.name), relative)) files.set(k, v);
    else files.set(relative, readFileSync(path.join(dir, entry.name), 'utf8'));
  }
  return files;
}

export function writeTree(files: Map<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-fixture-'));
  for (const [relative, text] of files) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export { cpSync };
