import type { PyNode } from '../../src/python/parser.js';
import { API_URL, MCP_URL } from '../composio-endpoints.js';
import type { PyFile } from './model.js';
import { configText, hostedUrlConfig } from '../model/mcp-configs.js';

const KEY = 'COMPOSIO_API_KEY';

/** A call reading an environment variable named by its first argument (its second, if any, the default): os.getenv, os.environ.get / .setdefault, `from os import getenv`. */
export const ENV_READ_CALL = /(^|\.)(getenv|environ\.get|environ\.setdefault)$/;

/**
 * requests.get("https://backend.composio.dev/api/v3/toolkits", ...)     → kept, finding + TODO (py-composio-rest-api)
 * MCP_URL = f"https://mcp.composio.dev/composio/server/{server_id}"     → kept, finding + TODO naming the MCP config it stands for (py-mcp)
 * headers={"x-api-key": os.environ["COMPOSIO_API_KEY"]}                 → kept, finding + TODO (py-composio-api-key-read)
 * class Settings(BaseSettings): composio_api_key: str                   → the same, at the field
 *
 * Python's counterpart of transforms/composio-endpoints.ts: client.ts replaces the key where it builds the
 * client; any other read is code that talks to Composio without the SDK, and the .env migration removes
 * the variable, so the read fails at start (KeyError, a settings validation error) or gets nothing.
 */
export function reportComposioEndpoints(py: PyFile): void {
  if (!/composio\.dev|COMPOSIO_API_KEY/i.test(py.text)) return;
  for (const literal of py.all('string')) {
    const head = stringHead(literal);
    const rule = MCP_URL.test(head) ? 'py-mcp' : API_URL.test(head) ? 'py-composio-rest-api' : undefined;
    if (!rule || py.touched(literal)) continue;
    // a URL may carry a key or a user's id: the finding names what it is, never the value
    py.reportAt(rule, literal, rule === 'py-mcp' ? `(Composio MCP URL: ${configText(hostedUrlConfig(head, py.ctx.mappings))})` : '(Composio REST API URL)');
  }
  for (const read of apiKeyReads(py)) {
    if (!py.touched(read)) py.reportAt('py-composio-api-key-read', read);
  }
}

/** The text a string literal starts with, up to its first interpolation (`f"https://.../{slug}"` → `https://.../`). */
function stringHead(literal: PyNode): string {
  let head = '';
  for (const child of literal.namedChildren) {
    if (child?.type === 'interpolation') break;
    if (child?.type === 'string_content') head += child.text;
  }
  return head;
}

/**
 * os.environ["COMPOSIO_API_KEY"], os.getenv("COMPOSIO_API_KEY"), os.environ.get(...) / .setdefault(...) (also after
 * `from os import environ, getenv`), and a field of a pydantic settings class read from the variable:
 * `composio_api_key: str`, or one aliased to it (`Field(alias="COMPOSIO_API_KEY")`).
 */
function apiKeyReads(py: PyFile): PyNode[] {
  const reads: PyNode[] = [];
  for (const literal of py.all('string')) {
    if (py.stringValue(literal) !== KEY) continue;
    const parent = literal.parent;
    if (parent?.type === 'subscript' && /(^|\.)environ$/.test(parent.childForFieldName('value')?.text ?? '')) {
      // a write (`os.environ["COMPOSIO_API_KEY"] = ...`, in a test) reads nothing
      const assignment = parent.parent;
      if (assignment?.type !== 'assignment' || !assignment.childForFieldName('left')?.equals(parent)) reads.push(parent);
    } else if (parent?.type === 'argument_list' && parent.namedChildren[0]?.equals(literal)) {
      const call = parent.parent!;
      if (ENV_READ_CALL.test(call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '')) reads.push(call);
    }
  }
  for (const cls of py.all('class_definition')) {
    if (!/\bBaseSettings\b/.test(cls.childForFieldName('superclasses')?.text ?? '')) continue;
    for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      if (left?.type !== 'identifier' || !assignment!.childForFieldName('type')) continue;
      const value = assignment!.childForFieldName('right');
      const aliased = value?.type === 'call' && (py.argumentsOf(value)?.keywordNodes ?? []).some((k) => ['alias', 'validation_alias', 'env'].includes(k.childForFieldName('name')!.text) && py.stringValue(k.childForFieldName('value') ?? undefined)?.toUpperCase() === KEY);
      if (left.text.toUpperCase() === KEY || aliased) reads.push(left);
    }
  }
  return reads;
}
