import { importedNames, PyFile } from './model.js';

/**
 * from composio_openai import OpenAIProvider      → removed when nothing else uses it (the client option went)
 * from composio import before_execute            → kept while used, reported (the composio package goes)
 * from composio_crewai import App, action        → from composio_crewai import action   (the names no longer used go)
 *
 * Runs last: an import is removed only when every use of its names was rewritten by another transform.
 */
export function migrateProviderImports(py: PyFile): void {
  for (const statement of py.tree.rootNode.namedChildren) {
    if (statement?.type === 'import_statement') migrateModuleImport(py, statement);
    if (!statement || statement.type !== 'import_from_statement') continue;
    const module = statement.childForFieldName('module_name')?.text ?? '';
    if (!/^composio(_\w+)?$/.test(module) || py.touched(statement)) continue;
    const imported = importedNames(statement);
    const names = imported.map((n) => (n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text));
    const live = names.filter((name) => py.all('identifier').some((id) => id.text === name && !inside(id, statement) && !py.touched(id)));
    if (live.length === 0) {
      py.removeLine(statement);
    } else {
      // `from composio_openai import ComposioToolSet, App, action` with only `action` still used keeps `action` alone
      if (live.length < names.length) py.ctx.edits.add(statement.startIndex, statement.endIndex, `from ${module} import ${imported.filter((_, i) => live.includes(names[i]!)).map((n) => n.text).join(', ')}`);
      py.reportAt('py-provider-import', statement, `(${module}: ${live.join(', ')})`);
    }
  }
}

function inside(node: import('../../src/python/parser.js').PyNode, container: import('../../src/python/parser.js').PyNode): boolean {
  return node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}

/** `import composio_openai` (after `composio_openai.ComposioToolSet(...)` was rewritten): removed when nothing reads the module any more. */
function migrateModuleImport(py: PyFile, statement: import('../../src/python/parser.js').PyNode): void {
  const names = importedNames(statement);
  if (names.length !== 1 || names[0]!.type !== 'dotted_name' || !/^composio(_\w+)?$/.test(names[0]!.text) || py.touched(statement)) return;
  const module = names[0]!.text;
  const live = py.all('identifier').some((id) => id.text === module && !inside(id, statement) && !py.touched(id));
  if (live) py.reportAt('py-provider-import', statement, `(import ${module})`);
  else py.removeLine(statement);
}
