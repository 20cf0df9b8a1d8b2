import { Node, type ObjectLiteralElementLike, type ObjectLiteralExpression } from '../ts-morph.js';
import type { EditList } from '../edits.js';

/**
 * Edits an object literal where it stands: keys renamed, properties dropped or added, as
 * text edits that keep the literal's own layout (one line or one property a line, its
 * indentation, its trailing comma). Nothing outside the touched properties moves.
 */
export class ObjectLiteralEditor {
  private readonly text: string;
  private readonly eol: string;

  constructor(
    private readonly literal: ObjectLiteralExpression,
    private readonly edits: EditList,
  ) {
    this.text = literal.getSourceFile().getFullText();
    this.eol = this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  get multiline(): boolean {
    return this.literal.getText().includes('\n');
  }

  property(name: string): ObjectLiteralElementLike | undefined {
    return this.literal.getProperties().find((p) => propertyName(p) === name);
  }

  /** The value text of a property: the initializer, or the name of a shorthand property. */
  valueText(property: ObjectLiteralElementLike): string | undefined {
    if (Node.isPropertyAssignment(property)) return property.getInitializer()?.getText();
    if (Node.isShorthandPropertyAssignment(property)) return property.getName();
    return undefined;
  }

  /** `userId: u` → `identifier: u`; a shorthand `{ userId }` becomes `identifier: userId`. */
  renameKey(property: ObjectLiteralElementLike, key: string): void {
    if (Node.isPropertyAssignment(property)) {
      const name = property.getNameNode();
      this.edits.add(name.getStart(), name.getEnd(), key);
    } else if (Node.isShorthandPropertyAssignment(property)) {
      this.edits.add(property.getStart(), property.getEnd(), `${key}: ${property.getName()}`);
    }
  }

  replaceValue(property: ObjectLiteralElementLike, value: string): void {
    if (Node.isPropertyAssignment(property)) {
      const init = property.getInitializerOrThrow();
      this.edits.add(init.getStart(), init.getEnd(), value);
    } else if (Node.isShorthandPropertyAssignment(property)) {
      this.edits.add(property.getStart(), property.getEnd(), `${property.getName()}: ${value}`);
    }
  }

  /** Drops a property with its comma; on its own line, the whole line goes. */
  remove(property: ObjectLiteralElementLike): void {
    const properties = this.literal.getProperties();
    const index = properties.indexOf(property);
    const start = property.getStart();
    const end = property.getEnd();
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const rest = /^[ \t]*,?[ \t]*(\r?\n)/.exec(this.text.slice(end));
    if (/^[ \t]*$/.test(this.text.slice(lineStart, start)) && rest) {
      this.edits.add(lineStart, end + rest[0].length, '');
      return;
    }
    const comma = /^\s*,\s*/.exec(this.text.slice(end));
    if (comma && index < properties.length - 1) {
      this.edits.add(start, end + comma[0].length, '');
    } else if (index > 0) {
      this.edits.add(properties[index - 1]!.getEnd(), end, '');
    } else {
      this.edits.add(start, end + (comma ? comma[0].length : 0), '');
    }
  }

  /** Adds `text` (e.g. `toolName: 'x'`) before the property at `index`, or last when `index` is past the end. */
  insert(index: number, text: string): void {
    const properties = this.literal.getProperties();
    if (properties.length === 0) {
      const open = this.literal.getStart();
      const inner = this.literal.getText().slice(1, -1);
      this.edits.add(open + 1, open + 1 + inner.length, ` ${text} `);
      return;
    }
    if (this.multiline) {
      const anchor = properties[Math.min(index, properties.length - 1)]!;
      const anchorLineStart = this.text.lastIndexOf('\n', anchor.getStart() - 1) + 1;
      const indent = /^[ \t]*/.exec(this.text.slice(anchorLineStart))![0];
      if (index < properties.length) {
        this.edits.add(anchorLineStart, anchorLineStart, `${indent}${text},${this.eol}`);
      } else {
        const last = properties[properties.length - 1]!;
        const trailing = /^[ \t]*,/.exec(this.text.slice(last.getEnd()));
        if (trailing) this.edits.add(last.getEnd() + trailing[0].length, last.getEnd() + trailing[0].length, `${this.eol}${indent}${text},`);
        else this.edits.add(last.getEnd(), last.getEnd(), `,${this.eol}${indent}${text}`);
      }
      return;
    }
    if (index < properties.length) {
      const anchor = properties[index]!;
      this.edits.add(anchor.getStart(), anchor.getStart(), `${text}, `);
    } else {
      const last = properties[properties.length - 1]!;
      this.edits.add(last.getEnd(), last.getEnd(), `, ${text}`);
    }
  }
}

export function propertyName(property: ObjectLiteralElementLike): string | undefined {
  if (Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property)) {
    const name = property.getNameNode();
    if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
    if (Node.isStringLiteral(name) || Node.isNumericLiteral(name)) return name.getLiteralText();
  }
  return undefined;
}
