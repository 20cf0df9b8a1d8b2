import { Node } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { lineAndColumn } from '../../src/findings.js';

/** One finding per rule and statement: `tools: ['COMPOSIO_SEARCH_TOOLS', 'COMPOSIO_MULTI_EXECUTE_TOOL']` is one thing to rewrite. */
export function reportedInStatement(node: Node, rule: string, ctx: SourceFileContext): boolean {
  const statement = node.getFirstAncestor((a) => Node.isStatement(a)) ?? node;
  const first = lineAndColumn(ctx.text, statement.getStart()).line;
  const last = lineAndColumn(ctx.text, node.getStart()).line;
  return ctx.findings.some((f) => f.rule === rule && f.line >= first && f.line <= last);
}
