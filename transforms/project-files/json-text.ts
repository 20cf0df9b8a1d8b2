import { ts } from '../../src/ts-morph.js';
import type { EditList } from '../../src/edits.js';

/**
 * Reading and editing a JSON (or JSONC) text by ranges: members are found with their offsets,
 * and removed or replaced without reprinting, so every other byte stays as it was.
 */

export interface JsonMember {
  /** The key, unescaped. */
  name: string;
  key: ts.Node;
  value: ts.Expression;
  /** The whole `"key": value`, without the comma. */
  node: ts.Node;
}

export class JsonText {
  private constructor(
    readonly text: string,
    private readonly file: ts.JsonSourceFile,
  ) {}

  /**
   * Parses a text; `strict` also requires plain JSON (no comments, no trailing commas).
   * Returns the reason as text when it does not parse.
   */
  static parse(text: string, options: { strict: boolean }): JsonText | string {
    const file = ts.parseJsonText('file.json', text);
    // parseDiagnostics holds the parser's errors; the public API would need a whole program to reach them.
    const first = (file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics?.[0];
    if (first) {
      const { line, character } = file.getLineAndCharacterOfPosition(first.start ?? 0);
      return `(line ${line + 1}, column ${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')})`;
    }
    if (options.strict) {
      try {
        JSON.parse(text);
      } catch {
        // JSON.parse's own message may quote the text, which may hold a secret
        return '(not plain JSON: comments, trailing commas or unquoted names)';
      }
    }
    return new JsonText(text, file);
  }

  /** The top-level object, if the document is one. */
  get root(): ts.ObjectLiteralExpression | undefined {
    const value = this.file.statements[0]?.expression;
    return value && ts.isObjectLiteralExpression(value) ? value : undefined;
  }

  start(node: ts.Node): number {
    return node.getStart(this.file);
  }

  members(object: ts.ObjectLiteralExpression): JsonMember[] {
    const members: JsonMember[] = [];
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const key = property.name;
      const name = ts.isStringLiteral(key) || ts.isIdentifier(key) || ts.isNumericLiteral(key) ? key.text : undefined;
      if (name !== undefined) members.push({ name, key, value: property.initializer, node: property });
    }
    return members;
  }

  member(object: ts.ObjectLiteralExpression, name: string): JsonMember | undefined {
    return this.members(object).find((m) => m.name === name);
  }

  object(node: ts.Node | undefined): ts.ObjectLiteralExpression | undefined {
    return node && ts.isObjectLiteralExpression(node) ? node : undefined;
  }

  string(node: ts.Node | undefined): string | undefined {
    return node && ts.isStringLiteral(node) ? node.text : undefined;
  }

  /** Replaces a value by a JSON string. */
  replaceString(edits: EditList, node: ts.Node, value: string): boolean {
    return edits.add(this.start(node), node.end, JSON.stringify(value));
  }

  /**
   * Removes some items of an object's members or an array's elements, keeping commas valid: an item
   * on its own line goes with its line, an item sharing a line goes with its comma. Removing every
   * item leaves the empty container.
   */
  removeItems(edits: EditList, container: ts.ObjectLiteralExpression | ts.ArrayLiteralExpression, remove: ReadonlySet<ts.Node>): boolean {
    const items: readonly ts.Node[] = ts.isObjectLiteralExpression(container) ? container.properties : container.elements;
    if (!items.some((item) => remove.has(item))) return true;
    if (items.every((item) => remove.has(item))) {
      const open = this.start(container);
      return edits.add(open + 1, container.end - 1, '');
    }
    let ok = true;
    for (let i = 0; i < items.length; i++) {
      if (!remove.has(items[i]!)) continue;
      let j = i;
      while (j + 1 < items.length && remove.has(items[j + 1]!)) j++;
      ok = (j + 1 < items.length ? this.removeRunBefore(edits, items, i, j) : this.removeLastRun(edits, items, i)) && ok;
      i = j;
    }
    return ok;
  }

  /** Items i..j with a kept item after them: each takes its own comma. */
  private removeRunBefore(edits: EditList, items: readonly ts.Node[], i: number, j: number): boolean {
    const first = this.start(items[i]!);
    const comma = this.skipTrivia(items[j]!.end);
    if (this.text[comma] !== ',') return false;
    const afterComma = comma + 1;
    if (this.startsItsLine(first) && this.restOfLineBlank(afterComma)) {
      return edits.add(this.lineStart(first), this.nextLineStart(afterComma), '');
    }
    return edits.add(first, this.skipSpaces(afterComma), '');
  }

  /** Items i..end: the comma before them goes (unless the list keeps a trailing comma). */
  private removeLastRun(edits: EditList, items: readonly ts.Node[], i: number): boolean {
    const previous = items[i - 1]!;
    const last = items[items.length - 1]!;
    const first = this.start(items[i]!);
    const afterLast = this.skipTrivia(last.end);
    const trailingComma = this.text[afterLast] === ',';
    const lastEnd = trailingComma ? afterLast + 1 : last.end;
    if (this.startsItsLine(first) && this.restOfLineBlank(lastEnd)) {
      const lines = edits.add(this.lineStart(first), this.nextLineStart(lastEnd), '');
      if (trailingComma) return lines;
      const comma = this.skipTrivia(previous.end);
      return this.text[comma] === ',' && edits.add(comma, comma + 1, '') && lines;
    }
    return edits.add(previous.end, last.end, '');
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private nextLineStart(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }

  private startsItsLine(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  /** Only spaces or a line comment up to the end of the line (a comment there belongs to the removed item). */
  private restOfLineBlank(offset: number): boolean {
    const end = this.nextLineStart(offset);
    return /^[ \t]*(?:\/\/.*)?\r?\n?$/.test(this.text.slice(offset, end));
  }

  private skipSpaces(offset: number): number {
    let at = offset;
    while (at < this.text.length && /[ \t]/.test(this.text[at]!)) at++;
    return at;
  }

  /** The next offset that is neither white space nor a comment. */
  private skipTrivia(offset: number): number {
    let at = offset;
    for (;;) {
      while (at < this.text.length && /\s/.test(this.text[at]!)) at++;
      if (this.text.startsWith('//', at)) {
        const newline = this.text.indexOf('\n', at);
        at = newline === -1 ? this.text.length : newline;
      } else if (this.text.startsWith('/*', at)) {
        const close = this.text.indexOf('*/', at + 2);
        at = close === -1 ? this.text.length : close + 2;
      } else {
        return at;
      }
    }
  }
}
