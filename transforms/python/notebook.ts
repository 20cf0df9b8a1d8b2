import { ts } from '../../src/ts-morph.js';
import type { FileContext, ProjectFileTransform } from '../../src/migration.js';
import { lineAndColumn } from '../../src/findings.js';
import { createFileContext, makeFinding } from '../../src/source-context.js';
import { preparePython, pythonSyntaxError } from '../../src/python/parser.js';
import { JsonText } from '../project-files/json-text.js';
import python, { pythonImports } from './index.js';
import { notebookImportedClients } from './imported-clients.js';
import { ComposioProjectState } from '../model/project-state.js';

/** A line between two cells in the Python text the notebook's code cells are joined into. */
const CELL_BREAK = '#%% scalekit-migrate: cell break %%';
/** IPython lines (`!pip install ...`, `%env ...`) are not Python: they travel as comments with this mark. */
const MAGIC = '#scalekit-migrate-magic:';

/**
 * Jupyter notebooks (.ipynb): the code cells are migrated as one Python file (a cell sees the names
 * earlier cells defined), then each changed cell's `source` is written back in the layout it had (one
 * JSON string a line), so markdown cells, outputs and metadata stay byte-for-byte as they were.
 * Findings point at the line of the cell's source they concern. `%pip install composio...` installs
 * scalekit-sdk-python instead.
 */
const notebook: ProjectFileTransform = {
  id: 'python-notebook',
  description: 'Jupyter notebooks: the code cells migrated as Python, each changed cell written back in place',
  language: 'json',
  seed: /composio|TODO\(scalekit-migrate\)/i,
  matches: (relativePath) => /\.ipynb$/.test(relativePath),
  prepare: preparePython,
  syntaxError: (text) => {
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      return '(not valid JSON)';
    }
  },
  imports: { language: 'python', of: (text) => pythonImports(codeCells(text)?.text ?? '') },
  analyze(files, { project, mappings, read }) {
    // a notebook importing the client from a Python module of the run (after the Python files' analysis)
    if (!(project instanceof ComposioProjectState) || project.pythonFiles.length === 0) return [];
    const included: string[] = [];
    for (const file of files) {
      const text = file.text();
      const code = text !== undefined && /\bfrom\s+\.*[\w.]*\s+import\b/.test(text) ? codeCells(text)?.text : undefined;
      if (code !== undefined && notebookImportedClients(pythonPathOf(file.path), code, { project, mappings, read })) included.push(file.path);
    }
    return included;
  },
  apply(ctx: FileContext) {
    const read = codeCells(ctx.text);
    if (!read) return;
    const { json, cells, origin, text } = read;
    if (pythonSyntaxError(text) !== undefined) {
      ctx.report('file-parse-error', 0, `(a code cell: ${pythonSyntaxError(text)})`);
      return;
    }
    const inner = createFileContext({ path: pythonPathOf(ctx.path), language: 'python', text, mappings: ctx.mappings, project: ctx.project, createFile: ctx.createFile });
    python.apply(inner);
    const out = inner.edits.apply(text);

    // findings: at the cell's source line, in the notebook's own text
    for (const finding of inner.findings) {
      const from = origin[finding.line - 1] ?? { cell: 0, line: 0 };
      const { line, column } = lineAndColumn(ctx.text, json.start(lineNode(cells[from.cell]!.source, from.line)));
      ctx.findings.push({ ...finding, line, column });
    }
    if (out !== text && pythonSyntaxError(out) !== undefined) {
      ctx.findings.push(makeFinding(ctx.mappings, ctx.text, 'output-parse-error', 0, '(a migrated code cell)'));
      return;
    }
    const migrated = out.split(`\n${CELL_BREAK}\n`);
    if (migrated.length !== cells.length) return; // a cell break was edited: leave the notebook as it was
    migrated.forEach((cellText, index) => {
      const cell = cells[index]!;
      const source = cellText.split('\n').map((line) => (line.trimStart().startsWith(MAGIC) ? installLine(line.replace(MAGIC, '')) : line)).join('\n');
      if (source === cell.original) return;
      ctx.edits.add(json.start(cell.source), cell.source.end, sourceText(json, cell.source, source));
    });
  },
};

export default notebook;

/** The path a notebook's code is migrated under, as a Python file beside it. */
function pythonPathOf(notebookPath: string): string {
  return notebookPath.replace(/\.ipynb$/, '.py');
}

/** A notebook's code cells, joined into one Python text (cell breaks between them), and where each line of it came from. */
function codeCells(notebookText: string): { json: JsonText; cells: Array<{ source: ts.Expression; original: string; lines: string[] }>; origin: Array<{ cell: number; line: number }>; text: string } | undefined {
  const json = JsonText.parse(notebookText, { strict: true });
  if (typeof json === 'string' || !json.root) return undefined;
  const cellsNode = json.member(json.root, 'cells')?.value;
  if (!cellsNode || !ts.isArrayLiteralExpression(cellsNode)) return undefined;
  const cells: Array<{ source: ts.Expression; original: string; lines: string[] }> = [];
  for (const element of cellsNode.elements) {
    const cell = json.object(element);
    if (!cell || json.string(json.member(cell, 'cell_type')?.value) !== 'code') continue;
    const source = json.member(cell, 'source')?.value;
    if (!source) continue;
    const text = ts.isArrayLiteralExpression(source) ? source.elements.map((e) => json.string(e) ?? '').join('') : (json.string(source) ?? '');
    cells.push({ source, original: text, lines: text.split('\n').map((line) => (/^\s*[!%]/.test(line) ? `${MAGIC}${line}` : line)) });
  }
  if (cells.length === 0) return undefined;
  const origin: Array<{ cell: number; line: number }> = [];
  const joined: string[] = [];
  cells.forEach((cell, index) => {
    if (index > 0) {
      joined.push(CELL_BREAK);
      origin.push({ cell: index, line: 0 });
    }
    cell.lines.forEach((line, at) => {
      joined.push(line);
      origin.push({ cell: index, line: at });
    });
  });
  return { json, cells, origin, text: joined.join('\n') };
}

/** The Python distributions Composio published (the SDK, its providers, the legacy core and plugins). */
const COMPOSIO_DISTRIBUTION = /^composio(?:[-_.][a-z0-9][a-z0-9._-]*)?(?:\[[^\]]*\])?(?:[<>=!~].*)?$/i;

/** `!pip install composio composio-openai openai` → `!pip install scalekit-sdk-python openai`; other lines as they are. */
function installLine(line: string): string {
  const match = /^(\s*[!%]\s*(?:python3? -m )?pip3? install\s+)(.*)$/.exec(line);
  if (!match) return line;
  const words = match[2]!.split(/\s+/).filter((w) => w !== '');
  if (!words.some((w) => COMPOSIO_DISTRIBUTION.test(w))) return line;
  const kept = words.filter((w) => !COMPOSIO_DISTRIBUTION.test(w));
  return `${match[1]}scalekit-sdk-python${kept.length > 0 ? ` ${kept.join(' ')}` : ''}`;
}

/** The JSON element holding a line of a cell's source (the source itself when it is one string). */
function lineNode(source: ts.Expression, line: number): ts.Node {
  if (!ts.isArrayLiteralExpression(source)) return source;
  return source.elements[Math.min(line, source.elements.length - 1)] ?? source;
}

/** A cell's new source in the layout of the old: an array of lines (`"...\n"`) indented as its elements were, or one string. */
function sourceText(json: JsonText, source: ts.Expression, value: string): string {
  if (!ts.isArrayLiteralExpression(source)) return JSON.stringify(value);
  const text = json.text;
  const start = json.start(source);
  const lines = value.split(/(?<=\n)/).filter((line) => line !== '');
  const first = source.elements[0];
  if (!first) return JSON.stringify(lines);
  const elementStart = json.start(first);
  const lineStart = text.lastIndexOf('\n', elementStart - 1) + 1;
  if (lineStart <= start) return `[${lines.map((l) => JSON.stringify(l)).join(', ')}]`;
  const indent = text.slice(lineStart, elementStart);
  const closing = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', start) + 1))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `[${eol}${lines.map((l) => `${indent}${JSON.stringify(l)}`).join(`,${eol}`)}${eol}${closing}]`;
}
