import { SyntaxKind, ts, type Identifier, type SourceFile } from 'ts-morph';

const indexes = new WeakMap<SourceFile, Map<string, Identifier[]>>();

/**
 * The identifiers of a file spelled `text`, in document order. Finding the references of a name is
 * asked for many times per file; the file is walked once (its tree does not change while the
 * transforms run: their edits are text, applied at the end).
 */
export function identifiersNamed(file: SourceFile, text: string): Identifier[] {
  let index = indexes.get(file);
  if (!index) {
    index = new Map();
    for (const id of file.getDescendantsOfKind(SyntaxKind.Identifier)) {
      const name = (id.compilerNode as ts.Identifier).text;
      const list = index.get(name);
      if (list) list.push(id);
      else index.set(name, [id]);
    }
    indexes.set(file, index);
  }
  return index.get(text) ?? [];
}
