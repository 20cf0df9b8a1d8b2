import type { Node } from '../ts-morph.js';
import type { EditList } from '../edits.js';

/** Removes a statement; when it stands alone on its line(s), the whole lines go, so no blank line is left behind. */
export function removeStatement(statement: Node, edits: EditList): void {
  removeRange(statement.getSourceFile().getFullText(), statement.getStart(), statement.getEnd(), edits);
}

/** The same on a text range, for any language's statement `[start, end)`. */
export function removeRange(text: string, start: number, end: number, edits: EditList): void {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && rest) {
    if (edits.add(lineStart, end + rest[0].length, '')) return;
    // a new import waits at the end of this statement (it was the last import): take the line break before it instead
    if (lineStart > 0) edits.add(text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1, end, '');
  } else {
    edits.add(start, end, '');
  }
}

/** Inserts whole lines above a statement, at its indentation. */
export function insertLinesBefore(statement: Node, lines: string[], edits: EditList): void {
  const text = statement.getSourceFile().getFullText();
  const start = statement.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  edits.add(lineStart, lineStart, lines.map((line) => `${indent}${line}${eol}`).join(''));
}
