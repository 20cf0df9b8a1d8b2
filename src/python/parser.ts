import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/**
 * Python is read with tree-sitter's Python grammar (WebAssembly: no native build). Node offsets
 * are offsets of the JavaScript string, so edits are text ranges on the original, as for TypeScript.
 */
let parser: Parser | undefined;

/** Loads the grammar once; every other call here needs it done. */
export async function preparePython(): Promise<void> {
  if (parser) return;
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
}

/** Whether the grammar is loaded (a run that met no Python file never loads it). */
export function pythonReady(): boolean {
  return parser !== undefined;
}

export function parsePython(text: string): Tree {
  if (!parser) throw new Error('the Python grammar is not loaded (preparePython)');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** The first syntax error of a Python text, as `(line L, column C: ...)`, or undefined when it parses. */
export function pythonSyntaxError(text: string): string | undefined {
  const tree = parsePython(text);
  try {
    if (!tree.rootNode.hasError) return undefined;
    const error = firstError(tree.rootNode);
    if (!error) return '(a syntax error)';
    const what = error.isMissing ? `'${error.type}' expected` : 'invalid syntax';
    return `(line ${error.startPosition.row + 1}, column ${error.startPosition.column + 1}: ${what})`;
  } finally {
    tree.delete();
  }
}

function firstError(node: Node): Node | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (!child || !(child.hasError || child.isMissing)) continue;
    const found = firstError(child);
    if (found) return found;
  }
  return undefined;
}

export type { Node as PyNode, Tree as PyTree };
