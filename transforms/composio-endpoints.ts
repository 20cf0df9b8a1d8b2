import { SyntaxKind, ts, type Node, type SourceFile } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { codeStrings } from './model/code-strings.js';
import { compilerNodesOfKind, wrap } from './model/identifiers.js';
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
  precondition: /composio\.dev|COMPOSIO_API_KEY/i,
  apply(file, ctx) {
    const templates = compilerNodesOfKind(file, SyntaxKind.TemplateExpression) as ts.TemplateExpression[];
    for (const url of [...codeStrings(file), ...templates]) {
      const text = ts.isTemplateExpression(url) ? url.head.text : url.text;
      const rule = MCP_URL.test(text) ? 'composio-mcp' : API_URL.test(text) ? 'composio-rest-api' : undefined;
      if (!rule) continue;
      const node = wrap(file, url);
      if (ctx.edits.touches(node.getStart(), node.getEnd()) || reportedInStatement(node, rule, ctx)) continue;
      // a URL may carry a key or a user's id: the finding names what it is, never the value
      ctx.reportAt(rule, node, rule === 'composio-mcp' ? `(Composio MCP URL: ${configText(hostedUrlConfig(text, ctx.mappings))})` : '(Composio REST API URL)');
    }
    for (const read of apiKeyReads(file)) {
      if (ctx.edits.touches(read.getStart(), read.getEnd()) || reportedInStatement(read, 'composio-api-key-read', ctx)) continue;
      ctx.reportAt('composio-api-key-read', read);
    }
  },
};

/** process.env.COMPOSIO_API_KEY, process.env['COMPOSIO_API_KEY'], import.meta.env.COMPOSIO_API_KEY */
function apiKeyReads(file: SourceFile): Node[] {
  const reads: Node[] = [];
  const fromEnv = (target: ts.Expression) => /\benv$/.test(target.getText(file.compilerNode));
  for (const access of compilerNodesOfKind(file, SyntaxKind.PropertyAccessExpression) as ts.PropertyAccessExpression[]) {
    if (access.name.text === 'COMPOSIO_API_KEY' && fromEnv(access.expression)) reads.push(wrap(file, access));
  }
  for (const access of compilerNodesOfKind(file, SyntaxKind.ElementAccessExpression) as ts.ElementAccessExpression[]) {
    const key = access.argumentExpression;
    if (ts.isStringLiteral(key) && key.text === 'COMPOSIO_API_KEY' && fromEnv(access.expression)) reads.push(wrap(file, access));
  }
  return reads;
}

export default transform;
