import type { SourceTransform } from '../src/migration.js';
import { lineAndColumn } from '../src/findings.js';
import { TODO_MARKER } from '../src/source-context.js';

const TODO_LINE = /^[ \t]*\/\/ TODO\(scalekit-migrate\): .*\[([a-z0-9-]+)\][ \t]*\r?$/gm;

/**
 * // TODO(scalekit-migrate): Composio triggers have no Scalekit equivalent. ... [triggers]
 * await composio.triggers.subscribe(...)
 *   → unchanged; reported again (rule `triggers`, at the code line) on every later run
 *
 * Once migrated, the code no longer looks like Composio's, so the TODO comments are what is left
 * of the work: reporting them keeps `--check --fail-on unmappable` red until they are resolved.
 */
const transform: SourceTransform = {
  id: 'leftover-todos',
  description: 'TODO(scalekit-migrate) comments left by an earlier run → reported again until resolved',
  // the comments it reports
  precondition: /TODO\(scalekit-migrate\)/,
  apply(_file, ctx) {
    for (const match of ctx.text.matchAll(TODO_LINE)) {
      const rule = ctx.mappings.rules.get(match[1]!);
      if (!rule) continue;
      const nextLine = ctx.text.indexOf('\n', match.index!) + 1;
      if (nextLine === 0) continue;
      const code = nextLine + (/^[ \t]*/.exec(ctx.text.slice(nextLine))?.[0].length ?? 0);
      const { line } = lineAndColumn(ctx.text, code);
      if (ctx.findings.some((f) => f.rule === rule.id && f.line === line)) continue;
      ctx.report(rule.id, code, '(TODO left by an earlier run)');
    }
  },
};

export default transform;
