import { Node, SyntaxKind, type SourceFile } from '../../src/ts-morph.js';
import { compilerNodesOfKind } from './identifiers.js';

/** How the file writes code, so that what we generate looks like the lines around it. */
export interface CodeStyle {
  quote: "'" | '"';
  /** One level of indentation. */
  indent: string;
  eol: '\n' | '\r\n';
  semicolons: boolean;
}

export function codeStyleOf(file: SourceFile): CodeStyle {
  const text = file.getFullText();
  let single = 0;
  let double = 0;
  let statements = 0;
  let withSemicolon = 0;
  // the compiler's nodes, from the file's index (one ts.forEachChild walk, shared): ts-morph wrappers for every node would cost more than the rest of the run
  for (const node of compilerNodesOfKind(file, SyntaxKind.StringLiteral)) {
    if (text.charCodeAt(node.getStart(file.compilerNode)) === 39) single++;
    else double++;
  }
  for (const node of [...compilerNodesOfKind(file, SyntaxKind.ExpressionStatement), ...compilerNodesOfKind(file, SyntaxKind.VariableStatement)]) {
    statements++;
    if (text.slice(node.pos, node.end).trimEnd().endsWith(';')) withSemicolon++;
  }
  const indents = text.match(/^[ \t]+(?=\S)/gm) ?? [];
  const tab = indents.filter((i) => i.startsWith('\t')).length > indents.length / 2;
  const widths = indents.filter((i) => !i.startsWith('\t')).map((i) => i.length);
  const unit = widths.length > 0 && widths.some((w) => w === 2) ? 2 : widths.length > 0 ? Math.min(...widths.filter((w) => w > 0), 4) : 2;
  return {
    quote: double > single ? '"' : "'",
    indent: tab ? '\t' : ' '.repeat(unit),
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    semicolons: statements === 0 || withSemicolon >= statements / 2,
  };
}

export function quoted(value: string, style: CodeStyle): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n') + q;
}

/** The indentation of the line a node starts on. */
export function lineIndent(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const start = node.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, start))![0];
}

/** Whether a node spans more than one line. */
export function isMultiline(node: Node): boolean {
  return node.getText().includes('\n');
}

export function styleFor(file: SourceFile, cache: Map<string, unknown>): CodeStyle {
  let style = cache.get('code-style') as CodeStyle | undefined;
  if (!style) {
    style = codeStyleOf(file);
    cache.set('code-style', style);
  }
  return style;
}

export { Node };
