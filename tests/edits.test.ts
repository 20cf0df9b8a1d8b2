import { describe, expect, it } from 'vitest';
import { EditList, type EditMark } from '../src/edits.js';
import { lineAndColumn } from '../src/findings.js';

/** The plain definitions EditList and lineAndColumn must agree with (they index for speed; these scan). */
class ReferenceEdits {
  edits: Array<{ start: number; end: number; text: string }> = [];
  add(start: number, end: number, text: string): boolean {
    for (const e of this.edits) {
      if (e.start === start && e.end === end && e.text === text) return true;
      const insertion = start === end || e.start === e.end;
      const overlaps = insertion ? (start > e.start && start < e.end) || (e.start > start && e.start < end) : start < e.end && e.start < end;
      if (overlaps) return false;
    }
    if (start === end && text === '') return true;
    this.edits.push({ start, end, text });
    return true;
  }
  touches(start: number, end: number): boolean {
    return this.edits.some((e) => e.start < end && start < e.end && e.start !== e.end);
  }
  apply(original: string): string {
    const ordered = this.edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.order - a.order);
    let out = original;
    for (const { edit } of ordered) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    return out;
  }
}

function referenceLineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

describe('EditList', () => {
  it('takes, refuses, touches, rolls back and applies as the plain definition does (20,000 random lists)', () => {
    let seed = 1;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    let differences = 0;
    for (let round = 0; round < 20_000; round++) {
      const text = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP'.slice(0, 10 + random(30));
      const edits = new EditList();
      const reference = new ReferenceEdits();
      let mark: EditMark | undefined;
      let markLength = -1;
      for (let k = random(12); k > 0; k--) {
        const start = random(text.length + 1);
        const end = random(3) === 0 ? start : Math.min(text.length, start + random(6));
        const insert = ['', 'X', 'YY', 'Z'][random(4)]!;
        if (mark === undefined && random(10) === 0) {
          mark = edits.snapshot();
          markLength = reference.edits.length;
        }
        if (edits.add(start, end, insert) !== reference.add(start, end, insert)) differences++;
        const from = random(text.length + 1);
        const to = Math.min(text.length, from + random(5));
        if (edits.touches(from, to) !== reference.touches(from, to)) differences++;
      }
      if (mark !== undefined && random(2) === 0) {
        edits.restore(mark);
        reference.edits.length = markLength;
      }
      if (edits.apply(text) !== reference.apply(text)) differences++;
    }
    expect(differences).toBe(0);
  });

  it('applies 6,000 edits to a 500 KB text in linear time (a slice-and-concatenate per edit took seconds)', () => {
    const text = 'composio.tools.execute(t, { userId });\n'.repeat(13_000);
    const edits = new EditList();
    for (let i = 0; i < 6_000; i++) edits.add(i * 39, i * 39 + 8, 'scalekit');
    const out = edits.apply(text);
    expect(out.startsWith('scalekit.tools.execute')).toBe(true);
    expect(out.length).toBe(text.length);
  });
});

describe('lineAndColumn', () => {
  it('agrees with a scan from the start, on every offset of odd texts', () => {
    for (const text of ['', 'a', '\n', 'ab\ncd\n\nef', '\n\n\nx\r\ny\n', 'one\ntwo']) {
      for (let offset = 0; offset <= text.length + 1; offset++) expect(lineAndColumn(text, offset), `${JSON.stringify(text)} @${offset}`).toEqual(referenceLineAndColumn(text, offset));
    }
  });
});

describe('EditList: a rewrite that holds edits already taken', () => {
  // `call(a["data"], b)`: an earlier edit turned a["data"] into a.data; the whole call is then rewritten
  const text = 'call(a["data"], b)';

  it('carries the edits inside the parts the rewrite keeps', () => {
    const edits = new EditList();
    expect(edits.add(5, 14, 'a.data')).toBe(true);
    const kept = edits.carry(5, 14, text);
    expect(kept).toBe('a.data');
    expect(edits.replace(0, text.length, `run(x=${kept}, y=b)`)).toBe(true);
    expect(edits.apply(text)).toBe('run(x=a.data, y=b)');
    expect(edits.lost()).toEqual([]);
  });

  it('refuses the rewrite, and says so, when an edit inside it is in no part it keeps', () => {
    const edits = new EditList();
    edits.add(5, 14, 'a.data');
    // the rewrite kept b's text only: a.data would be lost
    edits.carry(16, 17, text);
    expect(edits.replace(0, text.length, 'run(y=b)')).toBe(false);
    expect(edits.apply(text)).toBe('call(a.data, b)');
    expect(edits.lost()).toEqual([{ start: 0, end: text.length }]);
  });

  it('a rewrite across the bound of an edit taken is refused and lost; a plain add refused is its caller\'s to handle', () => {
    const edits = new EditList();
    edits.add(5, 14, 'a.data');
    expect(edits.replace(10, 16, 'q')).toBe(false);
    expect(edits.add(0, text.length, 'run()')).toBe(false);
    expect(edits.lost()).toEqual([{ start: 10, end: 16 }]);
  });

  it('rolls back what replace() dropped', () => {
    const edits = new EditList();
    edits.add(5, 14, 'a.data');
    const mark = edits.snapshot();
    const kept = edits.carry(5, 14, text);
    edits.replace(0, text.length, `run(${kept})`);
    edits.restore(mark);
    expect(edits.apply(text)).toBe('call(a.data, b)');
  });
});
