import type { PyNode } from '../../src/python/parser.js';
import { lineAndColumn } from '../../src/findings.js';
import { isComposioKeyName, looksLikeComposioKey, looksLikeSecret } from '../../src/secrets.js';
import { ENV_READ_CALL } from './composio-endpoints.js';
import type { PyFile } from './model.js';

const KEY_RULES = new Set(['py-hardcoded-api-key', 'py-composio-api-key-literal']);

/**
 * COMPOSIO_API_KEY = "ak_..."                                     (settings.py, read by Composio(api_key=...) elsewhere)
 * api_key = os.getenv("COMPOSIO_API_KEY", "ak_...")
 * class Settings(BaseSettings): composio_api_key: str = "..."
 *   → unchanged; reported (value redacted) with a TODO: the key is still in the code, and in its history
 *
 * The client's own `api_key="..."` is reported (and removed) by client.ts; this finds the keys the
 * migration leaves behind: a literal in Composio's key format (`ak_...`), or a secret-looking literal
 * held by a name that says it is Composio's key. Never printed.
 */
export function reportApiKeys(py: PyFile): void {
  let after: string | undefined;
  for (const literal of py.all('string')) {
    const value = py.stringValue(literal);
    if (value === undefined || (!looksLikeComposioKey(value) && !(isComposioKeyName(holderName(py, literal)) && looksLikeSecret(value)))) continue;
    const { line } = lineAndColumn(py.text, literal.startIndex);
    if (py.ctx.findings.some((f) => KEY_RULES.has(f.rule) && f.line === line)) continue;
    // the migrated text may have dropped it with the code around it (`Composio(api_key=os.getenv("X", "ak_..."))`)
    after ??= py.ctx.edits.apply(py.text);
    if (after.includes(value)) py.reportAt('py-composio-api-key-literal', literal);
    else py.ctx.report('py-hardcoded-api-key', literal.startIndex);
  }
}

/**
 * The name a literal is the value of: `KEY = "..."` (also `settings.KEY`, `os.environ["KEY"] = ...`),
 * `key: str = "..."`, `f(KEY="...")`, `{"KEY": "..."}`, a parameter default, or the variable it stands in
 * for: `os.getenv("KEY", "...")`, `os.environ.get("KEY", "...")`, `os.environ.setdefault("KEY", "...")`.
 */
function holderName(py: PyFile, literal: PyNode): string | undefined {
  const parent = literal.parent;
  if (!parent) return undefined;
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === literal.id) return targetName(py, parent.childForFieldName('left'));
  if ((parent.type === 'keyword_argument' || parent.type === 'default_parameter' || parent.type === 'typed_default_parameter') && parent.childForFieldName('value')?.id === literal.id) {
    return parent.childForFieldName('name')?.text;
  }
  if (parent.type === 'pair' && parent.childForFieldName('value')?.id === literal.id) return targetName(py, parent.childForFieldName('key'));
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    const callee = call?.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    const [first, second] = parent.namedChildren;
    if (second?.id === literal.id && ENV_READ_CALL.test(callee)) return py.stringValue(first ?? undefined);
  }
  return undefined;
}

/** `KEY`, `x.KEY`, `x["KEY"]`, `"KEY"`: the last name. */
function targetName(py: PyFile, target: PyNode | null): string | undefined {
  if (!target) return undefined;
  if (target.type === 'identifier') return target.text;
  if (target.type === 'attribute') return target.childForFieldName('attribute')?.text;
  if (target.type === 'subscript') return py.stringValue(target.childForFieldName('subscript') ?? undefined);
  if (target.type === 'string') return py.stringValue(target);
  return undefined;
}
