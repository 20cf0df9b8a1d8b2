import { SyntaxKind, ts, type Node } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { lineAndColumn } from '../src/findings.js';
import { isComposioKeyName, looksLikeComposioKey, looksLikeSecret } from '../src/secrets.js';
import { compilerNodesOfKind, wrap } from './model/identifiers.js';

/**
 * export const COMPOSIO_KEY = 'ak_...';                     (config.ts, read by new Composio({ apiKey: COMPOSIO_KEY }) elsewhere)
 * const apiKey = process.env.COMPOSIO_API_KEY ?? 'ak_...';
 * composioApiKey: 'xyz123...',
 *   → unchanged; reported (value redacted) with a TODO: the key is still in the code, and in its history
 *
 * The client's own `apiKey: '...'` option is reported (and removed) by composio-client-to-scalekit-client;
 * this finds the keys the migration leaves behind: a literal in Composio's key format (`ak_...`), or a
 * secret-looking literal held by a name that says it is Composio's key. Never printed.
 */
const KEY_RULES = new Set(['hardcoded-api-key', 'hardcoded-api-key-constant', 'composio-api-key-literal']);

const transform: SourceTransform = {
  id: 'hardcoded-api-keys',
  description: 'A Composio API key written in the code (ak_..., or a secret held by a COMPOSIO_API_KEY-like name) → reported, value redacted',
  // a Composio key (ak_...) or a secret held by a name with composio in it
  precondition: /ak_|composio/i,
  apply(file, ctx) {
    let after: string | undefined;
    for (const kind of [SyntaxKind.StringLiteral, SyntaxKind.NoSubstitutionTemplateLiteral]) {
      for (const literal of compilerNodesOfKind(file, kind) as ts.StringLiteralLike[]) {
        const value = literal.text;
        if (!looksLikeComposioKey(value) && !(isComposioKeyName(holderName(literal)) && looksLikeSecret(value))) continue;
        const start = literal.getStart(file.compilerNode);
        const { line } = lineAndColumn(ctx.text, start);
        if (ctx.findings.some((f) => KEY_RULES.has(f.rule) && f.line === line)) continue;
        // the migrated text may have dropped it with the code around it (`new Composio({ apiKey: getKey('ak_...') })`)
        after ??= ctx.edits.apply(ctx.text);
        if (after.includes(value)) ctx.reportAt('composio-api-key-literal', wrap<Node>(file, literal));
        else ctx.report('hardcoded-api-key', start);
      }
    }
  },
};

export default transform;

/**
 * The name a literal is the value of: `const KEY = '...'`, `{ KEY: '...' }`, `KEY = '...'` (also `x.KEY = '...'`),
 * a class field or parameter default, or the env variable it stands in for (`process.env.KEY ?? '...'`,
 * `process.env['KEY'] || '...'`). Undefined for any other literal.
 */
function holderName(literal: ts.Node): string | undefined {
  let node = literal;
  // `'...' as string`, `('...')`
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) && parent.initializer === node) {
    return nameText(parent.name);
  }
  if (ts.isBinaryExpression(parent) && parent.right === node) {
    const operator = parent.operatorToken.kind;
    if (operator === SyntaxKind.EqualsToken) return accessName(parent.left);
    if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) return accessName(parent.left);
  }
  return undefined;
}

function nameText(name: ts.Node): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

/** `KEY`, `x.KEY`, `x['KEY']`: the last name. */
function accessName(target: ts.Expression): string | undefined {
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) return target.argumentExpression.text;
  return undefined;
}
