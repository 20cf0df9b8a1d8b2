import { ts } from '../../src/ts-morph.js';

/**
 * A generated TypeScript module (the framework adapters of `templates/`) as JavaScript, written as we
 * wrote it: its types removed in place, every other character kept (the compiler's own emit re-indents
 * and re-wraps; a user who owns the file should read what we wrote). It takes what the templates use:
 * type-only imports and import specifiers, type aliases and interfaces, annotations of variables,
 * parameters (with their `?`) and return types, type arguments and parameters, `as`, `satisfies` and
 * `!`. tests/framework-adapters.test.ts proves, template by template, that the compiler emits the same
 * JavaScript from the result as from the template.
 */
export function stripTypes(text: string): string {
  const file = ts.createSourceFile('template.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const cuts: Array<[number, number]> = [];
  const wholeLines = (node: ts.Node) => {
    const start = node.getStart(file, true);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', node.getEnd());
    cuts.push([lineStart, newline === -1 ? text.length : newline + 1]);
  };
  const annotation = (from: number, type: ts.Node) => cuts.push([from, type.getEnd()]);
  const typeList = (list: ts.NodeArray<ts.Node> | undefined) => {
    if (!list) return;
    const open = text.lastIndexOf('<', list.pos);
    const close = text.indexOf('>', list.end);
    cuts.push([open, close + 1]);
  };
  const visit = (node: ts.Node): void => {
    // nothing under a type is code
    if (ts.isTypeNode(node)) return;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) return wholeLines(node);
      const named = clause?.namedBindings;
      if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly)) return wholeLines(node);
      if (named && ts.isNamedImports(named)) {
        named.elements.forEach((element, i) => {
          if (!element.isTypeOnly) return;
          // `, type X` after a kept specifier; `type X, ` when it comes first
          if (i > 0) cuts.push([named.elements[i - 1]!.getEnd(), element.getEnd()]);
          else cuts.push([element.getStart(file), named.elements[1]!.getStart(file)]);
        });
      }
      return;
    }
    if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return wholeLines(node);
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) cuts.push([node.expression.getEnd(), node.getEnd()]);
    if ((ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.type) {
      const question = ts.isParameter(node) || ts.isPropertyDeclaration(node) ? node.questionToken : undefined;
      annotation(question ? question.getStart(file) : node.name.getEnd(), node.type);
    }
    if (ts.isFunctionLike(node)) {
      if (node.type) annotation(text.lastIndexOf(':', node.type.getStart(file)), node.type);
      typeList(node.typeParameters);
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.typeArguments) typeList(node.typeArguments);
    ts.forEachChild(node, visit);
  };
  visit(file);
  // one cut inside another (a whole-line type alias holds annotations of its own) is the outer one
  cuts.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    if (start >= at) out += text.slice(at, start);
    at = Math.max(at, end);
  }
  out += text.slice(at);
  // the blank line a removed block of type declarations leaves twice
  return out.replace(/\n{3,}/g, '\n\n');
}

/**
 * The CommonJS form of an ES module our templates are written as: `import { a } from 'x'` → `const { a } =
 * require('x')`, `export async function f` → `async function f` with `module.exports = { f, ... }` at the end.
 */
export function toCommonJs(text: string, what: string): string {
  const exported: string[] = [];
  const converted = text
    .replace(/^import \{ ([^}]*) \} from ('[^']+'|"[^"]+");?$/gm, 'const { $1 } = require($2);')
    .replace(/^export (async function|function) (\w+)/gm, (_, keyword: string, name: string) => {
      exported.push(name);
      return `${keyword} ${name}`;
    });
  if (/^(import|export)\b/m.test(converted)) throw new Error(`${what} has an import or export this conversion does not take`);
  return `${converted.trimEnd()}\n\nmodule.exports = { ${exported.join(', ')} };\n`;
}
