import { Node, SyntaxKind, type Expression } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { codeStrings } from './model/code-strings.js';
import { reportedInStatement } from './model/reported.js';
import { configText, hostedUrlConfig } from './model/mcp-configs.js';

/** Composio's hosted MCP servers: mcp.composio.dev/…, backend.composio.dev/v3/mcp/…, apollo*.composio.dev/…/mcp. */
export const MCP_URL = /^https?:\/\/([a-z0-9-]+\.)*composio\.dev\/(.*\bmcp\b|composio\/server\/)|^https?:\/\/mcp\.composio\.dev\b/i;
/** Composio's REST API, called without the SDK: backend.composio.dev/api/v3/…, and the older v1/v2 paths. */
export const API_URL = /^https?:\/\/(backend\.composio\.dev|api\.composio\.dev)\/api\b/i;

/**
 * const url = 'https://backend.composio.dev/v3/mcp/…'                → kept, finding + TODO naming the MCP config it stands for (composio-mcp)
 * fetch('https://backend.composio.dev/api/v3/tools/' + slug, …)        → kept, finding + TODO (composio-rest-api)
 * headers: { 'x-api-key': process.env.COMPOSIO_API_KEY }              → kept, finding + TODO (composio-api-key-read)
 *
 * The client transform replaces the key where it builds the client; any other read of the key
 * is code that talks to Composio without the SDK, and the .env migration removes the variable.
 */
const transform: SourceTransform = {
  id: 'composio-endpoints',
  description: 'Composio MCP URLs, REST API URLs and reads of COMPOSIO_API_KEY outside the client → finding + TODO',
  apply(file, ctx) {
    if (!/composio\.dev|COMPOSIO_API_KEY/i.test(ctx.text)) return;
    const urls: Expression[] = [...codeStrings(file), ...file.getDescendantsOfKind(SyntaxKind.TemplateExpression)];
    for (const url of urls) {
      const text = Node.isTemplateExpression(url) ? url.getHead().getLiteralText() : Node.isStringLiteral(url) || Node.isNoSubstitutionTemplateLiteral(url) ? url.getLiteralValue() : '';
      const rule = MCP_URL.test(text) ? 'composio-mcp' : API_URL.test(text) ? 'composio-rest-api' : undefined;
      if (!rule || ctx.edits.touches(url.getStart(), url.getEnd()) || reportedInStatement(url, rule, ctx)) continue;
      // a URL may carry a key or a user's id: the finding names what it is, never the value
      ctx.reportAt(rule, url, rule === 'composio-mcp' ? `(Composio MCP URL: ${configText(hostedUrlConfig(text, ctx.mappings))})` : '(Composio REST API URL)');
    }
    for (const read of apiKeyReads(file)) {
      if (ctx.edits.touches(read.getStart(), read.getEnd()) || reportedInStatement(read, 'composio-api-key-read', ctx)) continue;
      ctx.reportAt('composio-api-key-read', read);
    }
  },
};

/** process.env.COMPOSIO_API_KEY, process.env['COMPOSIO_API_KEY'], import.meta.env.COMPOSIO_API_KEY */
function apiKeyReads(file: Node): Node[] {
  const reads: Node[] = [];
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() === 'COMPOSIO_API_KEY' && /\benv$/.test(access.getExpression().getText())) reads.push(access);
  }
  for (const access of file.getDescendantsOfKind(SyntaxKind.ElementAccessExpression)) {
    const key = access.getArgumentExpression();
    if (key && Node.isStringLiteral(key) && key.getLiteralValue() === 'COMPOSIO_API_KEY' && /\benv$/.test(access.getExpression().getText())) reads.push(access);
  }
  return reads;
}

export default transform;
