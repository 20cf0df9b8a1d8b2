import { importedNames, PyFile } from './model.js';

/**
 * from composio_openai import OpenAIProvider      → removed when nothing else uses it (the client option went)
 * from composio import before_execute            → kept while used, reported (the composio package goes)
 *
 * Runs last: an import is removed only when every use of its names was rewritten by another transform.
 */
export function migrateProviderImports(py: PyFile): void {
  for (const statement of py.tree.rootNode.namedChildren) {
    if (!statement || statement.type !== 'import_from_statement') continue;
    const module = statement.childForFieldName('module_name')?.text ?? '';
    if (!/^composio(_\w+)?$/.test(module) || py.touched(statement)) continue;
    const names = importedNames(statement).map((n) => (n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text));
    const live = names.filter((name) => py.all('identifier').some((id) => id.text === name && !inside(id, statement) && !py.touched(id)));
    if (live.length === 0) {
      removeLine(py, statement);
    } else {
      py.reportAt('py-provider-import', statement, `(${module}: ${live.join(', ')})`);
    }
  }
}

function inside(node: import('../../src/python/parser.js').PyNode, container: import('../../src/python/parser.js').PyNode): boolean {
  return node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}

/** Removes a statement's whole line; when a new import waits at its end, the line break before it goes instead. */
function removeLine(py: PyFile, statement: import('../../src/python/parser.js').PyNode): void {
  const text = py.text;
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(statement.endIndex));
  if (rest && py.ctx.edits.add(lineStart, statement.endIndex + rest[0].length, '')) return;
  if (lineStart > 0) py.ctx.edits.add(text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1, statement.endIndex, '');
}
