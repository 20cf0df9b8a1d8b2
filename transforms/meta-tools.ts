import { Node, SyntaxKind } from 'ts-morph';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { lineAndColumn } from '../src/findings.js';
import { metaToolRule } from './model/names.js';

/** Composio's hosted MCP endpoints: mcp.composio.dev, backend.composio.dev/v3/mcp/..., apollo-*.composio.dev/... */
const COMPOSIO_MCP_URL = /^https?:\/\/([a-z0-9-]+\.)*composio\.dev\/.*mcp|^https?:\/\/mcp\.composio\.dev\b/i;

/**
 * const META = ['COMPOSIO_SEARCH_TOOLS', 'COMPOSIO_MULTI_EXECUTE_TOOL']   → kept, finding + TODO (meta-tools)
 * if (call.name === 'COMPOSIO_REMOTE_WORKBENCH')                        → kept, finding + TODO (remote-workbench)
 * const url = 'https://backend.composio.dev/v3/mcp/…'                  → kept, finding + TODO (composio-mcp)
 *
 * The call-site transforms report the names they meet in tools.get / tools.execute; this one
 * catches the rest (names and URLs held in constants, compared, sent to a model), once each.
 */
const transform: SourceTransform = {
  id: 'meta-tools',
  description: 'COMPOSIO_SEARCH_TOOLS and other meta tools, the remote workbench, Composio MCP URLs anywhere in the code → finding + TODO',
  apply(file, ctx) {
    if (!/COMPOSIO_|composio\.dev/i.test(ctx.text)) return;
    const literals = [...file.getDescendantsOfKind(SyntaxKind.StringLiteral), ...file.getDescendantsOfKind(SyntaxKind.NoSubstitutionTemplateLiteral)];
    for (const literal of literals) {
      if (Node.isImportDeclaration(literal.getParent()) || Node.isExportDeclaration(literal.getParent())) continue;
      const value = literal.getLiteralValue();
      const rule = metaToolRule(value) ?? (COMPOSIO_MCP_URL.test(value) ? 'composio-mcp' : undefined);
      if (!rule || ctx.edits.touches(literal.getStart(), literal.getEnd())) continue;
      if (reportedInStatement(literal, rule, ctx)) continue;
      // the URL may carry a key or a user's id: the finding names the rule, never the value
      ctx.reportAt(rule, literal, rule === 'composio-mcp' ? '(Composio MCP URL)' : `(${value})`);
    }
    for (const template of file.getDescendantsOfKind(SyntaxKind.TemplateExpression)) {
      if (!COMPOSIO_MCP_URL.test(template.getHead().getLiteralText()) || reportedInStatement(template, 'composio-mcp', ctx)) continue;
      ctx.reportAt('composio-mcp', template, '(Composio MCP URL)');
    }
  },
};

/** One finding per rule and statement: `tools: ['COMPOSIO_SEARCH_TOOLS', 'COMPOSIO_MULTI_EXECUTE_TOOL']` is one thing to rewrite. */
function reportedInStatement(node: Node, rule: string, ctx: SourceFileContext): boolean {
  const statement = node.getFirstAncestor((a) => Node.isStatement(a)) ?? node;
  const first = lineAndColumn(ctx.text, statement.getStart()).line;
  const last = lineAndColumn(ctx.text, node.getStart()).line;
  return ctx.findings.some((f) => f.rule === rule && f.line >= first && f.line <= last);
}

export default transform;
