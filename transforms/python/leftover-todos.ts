import { lineAndColumn } from '../../src/findings.js';
import { TODO_MARKER } from '../../src/source-context.js';
import type { PyFile } from './model.js';

const TODO_LINE = /^[ \t]*# TODO\(scalekit-migrate\): .*\[([a-z0-9-]+)\][ \t]*\r?$/gm;

/**
 * # TODO(scalekit-migrate): Composio triggers have no Scalekit equivalent. ... [py-triggers]
 * subscription = composio.triggers.subscribe()
 *   → unchanged; reported again (rule `py-triggers`, at the code line) on every later run
 *
 * Python's counterpart of transforms/leftover-todos.ts, with the same rule ids and severities: once
 * migrated, the code no longer looks like Composio's, so the TODO comments are what is left of the
 * work, and reporting them keeps `--check --fail-on unmappable` red until they are resolved.
 */
export function reportLeftoverTodos(py: PyFile): void {
  const text = py.text;
  if (!text.includes(TODO_MARKER)) return;
  for (const match of text.matchAll(TODO_LINE)) {
    const rule = py.ctx.mappings.rules.get(match[1]!);
    if (!rule) continue;
    // the code line: past the other comments above it (a statement may carry several TODOs)
    let nextLine = text.indexOf('\n', match.index!) + 1;
    while (nextLine > 0 && /^[ \t]*#/.test(text.slice(nextLine, text.indexOf('\n', nextLine) + 1 || undefined))) nextLine = text.indexOf('\n', nextLine) + 1;
    if (nextLine === 0) continue;
    // the code below it still holds what the rule is about, and this run reported it again
    if (py.hasTodoAt(nextLine, rule.id)) continue;
    const code = nextLine + (/^[ \t]*/.exec(text.slice(nextLine))?.[0].length ?? 0);
    const { line } = lineAndColumn(text, code);
    if (py.ctx.findings.some((f) => f.rule === rule.id && f.line === line)) continue;
    py.ctx.report(rule.id, code, '(TODO left by an earlier run)');
  }
}
