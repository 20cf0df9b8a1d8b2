import { Node, type ObjectLiteralElementLike, type ObjectLiteralExpression } from '../../src/ts-morph.js';
import type { EditList } from '../../src/edits.js';
import { ObjectLiteralEditor } from '../../src/primitives/object-literal.js';

/**
 * Edits of several properties of one object literal at once, in the literal's own layout.
 * ObjectLiteralEditor.remove takes the comma before a last property, which collides with a
 * neighbour removed the same way (the second edit is refused): runs of neighbours on one line
 * are removed here as one range, and new keys go after a property that stays.
 */
export function removeProperties(literal: ObjectLiteralExpression, doomed: ObjectLiteralElementLike[], edits: EditList): void {
  const editor = new ObjectLiteralEditor(literal, edits);
  const properties = literal.getProperties();
  for (let i = 0; i < properties.length; i++) {
    if (!doomed.includes(properties[i]!)) continue;
    if (startsItsLine(properties[i]!)) {
      editor.remove(properties[i]!);
      continue;
    }
    let last = i;
    while (last + 1 < properties.length && doomed.includes(properties[last + 1]!) && !startsItsLine(properties[last + 1]!)) last++;
    const next = properties[last + 1];
    const previous = properties[i - 1];
    if (next) edits.add(properties[i]!.getStart(), next.getStart(), '');
    else if (previous) edits.add(previous.getEnd(), properties[last]!.getEnd(), '');
    else edits.add(properties[i]!.getStart(), properties[last]!.getEnd() + (/^\s*,/.exec(literal.getSourceFile().getFullText().slice(properties[last]!.getEnd()))?.[0].length ?? 0), '');
    i = last;
  }
}

/** Adds `text` (e.g. `connector: 'github'`) right after a property that is kept. */
export function insertAfter(literal: ObjectLiteralExpression, property: ObjectLiteralElementLike, text: string, edits: EditList): void {
  const source = literal.getSourceFile().getFullText();
  const end = property.getEnd();
  if (!literal.getText().includes('\n')) {
    edits.add(end, end, `, ${text}`);
    return;
  }
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = source.lastIndexOf('\n', property.getStart() - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const comma = /^[ \t]*,/.exec(source.slice(end));
  if (comma) edits.add(end + comma[0].length, end + comma[0].length, `${eol}${indent}${text},`);
  else edits.add(end, end, `,${eol}${indent}${text}`);
}

/** New properties written in the place of one, separated the way the literal separates its own. */
export function propertiesText(literal: ObjectLiteralExpression, anchor: ObjectLiteralElementLike, texts: string[]): string {
  if (!literal.getText().includes('\n')) return texts.join(', ');
  const source = literal.getSourceFile().getFullText();
  const lineStart = source.lastIndexOf('\n', anchor.getStart() - 1) + 1;
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return texts.join(`,${eol}${/^[ \t]*/.exec(source.slice(lineStart))![0]}`);
}

function startsItsLine(node: Node): boolean {
  const source = node.getSourceFile().getFullText();
  const lineStart = source.lastIndexOf('\n', node.getStart() - 1) + 1;
  return /^[ \t]*$/.test(source.slice(lineStart, node.getStart()));
}
