import path from 'node:path';
import type { FileContext, ProjectFileTransform } from '../../src/migration.js';

/**
 * Python dependency lists: the first Composio requirement becomes Scalekit's SDK, the others (provider
 * packages, the legacy composio-core) go; every other line stays as it was.
 *
 *   requirements*.txt       composio>=0.8.0            → scalekit-sdk-python>=2.10.0
 *                           composio-openai==0.8.0     → (line removed)
 *   pyproject.toml (PEP 621 and setup.py)  "composio>=0.8", "composio_langchain"  → "scalekit-sdk-python>=2.10.0"
 *   pyproject.toml (Poetry), Pipfile       composio = "^0.8"                       → scalekit-sdk-python = ">=2.10.0"
 *   setup.cfg               install_requires = ... composio ...                     → scalekit-sdk-python>=2.10.0
 * A package a Python module under the list still imports once migrated (an import kept under a TODO) stays,
 * reported; scalekit-sdk-python is then listed beside it (once a list).
 */
const SCALEKIT = 'scalekit-sdk-python';
const VERSION = '>=2.10.0';
/** A Composio distribution name as pip reads it (case, `-`, `_` and `.` are the same). */
const COMPOSIO_NAME = /^composio(?:[-_.][a-z0-9][a-z0-9._-]*)?$/i;

const transform: ProjectFileTransform = {
  id: 'python-dependencies',
  description: 'requirements*.txt, pyproject.toml (PEP 621, Poetry), Pipfile, setup.py, setup.cfg: composio → scalekit-sdk-python, composio-<provider> removed',
  language: 'text',
  seed: /composio/i,
  matches: (relativePath) => /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|Pipfile|setup\.py|setup\.cfg)$/.test(relativePath),
  apply(ctx) {
    const name = ctx.path.split(/[\\/]/).pop()!;
    if (/^requirements/.test(name) || name === 'setup.cfg') migrateRequirementLines(ctx);
    if (name === 'pyproject.toml' || name === 'setup.py') migrateQuotedRequirements(ctx);
    if (name === 'pyproject.toml' || name === 'Pipfile') migrateTableKeys(ctx);
  },
};

export default transform;

/**
 * One dependency list: the first Composio entry becomes Scalekit's SDK unless the list already names
 * it; the other Composio entries go.
 */
class DependencyList {
  replaced: boolean;
  constructor(text: string) {
    this.replaced = new RegExp(`(^|["'\\s])${SCALEKIT}\\b`, 'm').test(text);
  }
}

/** The module a Composio distribution installs: `composio-core` (the legacy SDK) is `composio`, `composio-openai` is `composio_openai`. */
function moduleOf(distribution: string): string {
  const module = distribution.toLowerCase().replace(/[-.]/g, '_');
  return module === 'composio_core' ? 'composio' : module;
}

/** A Python module under the list's folder that imports the distribution once migrated: then it stays (reported). */
function keptFor(ctx: FileContext, distribution: string, at: number): boolean {
  const folder = path.dirname(ctx.path);
  const user = ctx.importedAfterMigration?.(moduleOf(distribution), folder, 'python');
  if (user === undefined) return false;
  ctx.report('py-dependency-kept', at, `(${distribution}: still imported by ${path.relative(folder, user).split(path.sep).join('/')})`);
  return true;
}

/** `composio-openai==0.8.0  # comment` lines (requirements files, setup.cfg's indented install_requires). */
function migrateRequirementLines(ctx: FileContext): void {
  const state = new DependencyList(ctx.text);
  const line = /^([ \t]*)([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?([^\n#;]*?)(\s*;[^\n#]*)?([ \t]*#[^\n]*)?(\r?\n|$)/gm;
  for (const match of ctx.text.matchAll(line)) {
    const [whole, indent, name, , , marker = '', comment = '', eol] = match;
    if (!COMPOSIO_NAME.test(name!)) continue;
    const start = match.index!;
    if (keptFor(ctx, name!, start)) {
      // scalekit-sdk-python on the next line, under the same environment marker
      const end = start + whole.length - eol!.length;
      if (!state.replaced) ctx.edits.add(end, end, `${eol || (ctx.text.includes('\r\n') ? '\r\n' : '\n')}${indent}${SCALEKIT}${VERSION}${marker}`);
      state.replaced = true;
    } else if (!state.replaced) {
      state.replaced = true;
      ctx.edits.add(start, start + whole.length - eol!.length, `${indent}${SCALEKIT}${VERSION}${marker}${comment}`);
      ctx.report('py-dependency-replaced', start, `(${name})`);
    } else {
      ctx.edits.add(start, start + whole.length, '');
      ctx.report('py-dependency-replaced', start, `(${name}: removed)`);
    }
  }
}

/** `"composio>=0.8",` elements of dependency arrays (PEP 621 `dependencies`, optional groups, setup.py install_requires). */
function migrateQuotedRequirements(ctx: FileContext): void {
  const lists = new Map<number, DependencyList>();
  const element = /(["'])([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]"']*\])?([^"'\n;]*)(;[^"'\n]*)?\1[ \t]*,?/g;
  for (const match of ctx.text.matchAll(element)) {
    const [whole, quote, name, , , marker = ''] = match;
    if (!COMPOSIO_NAME.test(name!) || !insideDependencyList(ctx.text, match.index!)) continue;
    const start = match.index!;
    const open = ctx.text.lastIndexOf('[', start);
    const state = lists.get(open) ?? new DependencyList(ctx.text.slice(open, ctx.text.indexOf(']', start)));
    lists.set(open, state);
    const end = start + whole.length;
    if (keptFor(ctx, name!, start)) {
      if (!state.replaced) addElementAfter(ctx, start, start + whole.replace(/[ \t]*,?$/, '').length, end, `${quote}${SCALEKIT}${VERSION}${marker}${quote}`);
      state.replaced = true;
    } else if (!state.replaced) {
      state.replaced = true;
      const comma = whole.trimEnd().endsWith(',') ? ',' : '';
      ctx.edits.add(start, end, `${quote}${SCALEKIT}${VERSION}${marker}${quote}${comma}`);
      ctx.report('py-dependency-replaced', start, `(${name})`);
    } else {
      removeElement(ctx, start, end);
      ctx.report('py-dependency-replaced', start, `(${name}: removed)`);
    }
  }
}

/** `composio = "^0.8"` / `composio-openai = { version = "*" }` keys of Poetry and Pipfile dependency tables. */
function migrateTableKeys(ctx: FileContext): void {
  let table = '';
  let state = new DependencyList('');
  const lines = ctx.text.split('\n');
  let offset = 0;
  for (const raw of lines) {
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      table = header[1]!.trim();
      const next = ctx.text.indexOf('\n[', offset + raw.length);
      state = new DependencyList(ctx.text.slice(offset, next < 0 ? ctx.text.length : next));
    }
    const key = /^([ \t]*)["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?[ \t]*=/.exec(raw);
    const dependencyTable = /(^|\.)(dependencies|dev-dependencies|packages|dev-packages)$/.test(table) && !/^project(\.|$)/.test(table);
    if (!header && key && dependencyTable && COMPOSIO_NAME.test(key[2]!)) {
      const eol = raw.endsWith('\r') ? '\r' : '';
      if (keptFor(ctx, key[2]!, offset)) {
        const end = offset + raw.length - eol.length;
        if (!state.replaced) ctx.edits.add(end, end, `${eol}\n${key[1]}${SCALEKIT} = "${VERSION}"`);
        state.replaced = true;
      } else if (!state.replaced) {
        state.replaced = true;
        ctx.edits.add(offset, offset + raw.length - eol.length, `${key[1]}${SCALEKIT} = "${VERSION}"`);
        ctx.report('py-dependency-replaced', offset, `(${key[2]})`);
      } else {
        ctx.edits.add(offset, Math.min(offset + raw.length + 1, ctx.text.length), '');
        ctx.report('py-dependency-replaced', offset, `(${key[2]}: removed)`);
      }
    }
    offset += raw.length + 1;
  }
}

/** Whether an offset lies in `dependencies = [`, `<group> = [` under optional-dependencies, or `install_requires=[`. */
function insideDependencyList(text: string, offset: number): boolean {
  const open = text.lastIndexOf('[', offset);
  if (open < 0 || text.lastIndexOf(']', offset) > open) return false;
  const before = text.slice(Math.max(0, open - 200), open);
  if (/(dependencies|install_requires|requires|tests_require|extras_require\s*=\s*\{[^}]*["'][^"']+["']\s*:)\s*=?\s*$/.test(before)) return true;
  // a group of [project.optional-dependencies] or [dependency-groups]
  const table = text.lastIndexOf('\n[', open);
  const header = table >= 0 ? /^\[([^\]]+)\]/.exec(text.slice(table + 1))?.[1] : undefined;
  return header !== undefined && /optional-dependencies|dependency-groups/.test(header) && /[\w-]+\s*=\s*$/.test(before);
}

/** Removes an array element: its whole line when it stands alone, else the element and its comma. */
function removeElement(ctx: FileContext, start: number, end: number): void {
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const alone = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*(#[^\n]*)?\r?$/.test(text.slice(end, lineEnd < 0 ? text.length : lineEnd));
  if (alone) ctx.edits.add(lineStart, lineEnd < 0 ? text.length : lineEnd + 1, '');
  else ctx.edits.add(start, end + (/^[ \t]*/.exec(text.slice(end))?.[0].length ?? 0), '');
}

/**
 * Adds an array element after a kept one (`quoteEnd`: after its closing quote; `end`: after its comma): on a
 * line of its own at the same indentation when the kept one stands alone on its line, else inline after it.
 */
function addElementAfter(ctx: FileContext, start: number, quoteEnd: number, end: number, element: string): void {
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const eolAt = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const indent = text.slice(lineStart, start);
  const hasComma = end > quoteEnd && text.slice(quoteEnd, end).includes(',');
  if (/^[ \t]*$/.test(indent) && /^[ \t]*,?[ \t]*(#[^\n]*)?\r?$/.test(text.slice(quoteEnd, eolAt + (text[eolAt] === '\r' ? 1 : 0)))) {
    const eol = text[eolAt] === '\r' ? '\r\n' : '\n';
    // the list's trailing-comma style: the new last element takes the comma the kept one had
    if (!hasComma) ctx.edits.add(quoteEnd, quoteEnd, ',');
    ctx.edits.add(eolAt, eolAt, `${eol}${indent}${element}${hasComma ? ',' : ''}`);
  } else {
    ctx.edits.add(quoteEnd, quoteEnd, `, ${element}`);
  }
}
