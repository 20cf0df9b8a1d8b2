import { lineAndColumn } from '../../src/findings.js';
import type { PyNode } from '../../src/python/parser.js';
import { PyFile } from './model.js';

/**
 * tools = composio.tools                 → kept, with a TODO and a finding, and so is each use:
 * tools.execute("GITHUB_STAR_A_REPO")     → kept, with a TODO and a finding
 * use_accounts(composio.connected_accounts) → kept, with a TODO and a finding
 *
 * A member of the client held, passed or returned as a value: the calls made through it are not
 * calls on the client, so no transform migrates or reports them. Reported where the member leaves
 * the client, and where a name it was assigned to is used as `<name>.<member>` in the file.
 */
export function reportClientMembers(py: PyFile): void {
  // a member an earlier transform reported already (`client=toolset.client` of a legacy call)
  const reported = new Set(py.ctx.findings.map((f) => `${f.line}:${f.column}`));
  for (const access of py.all('attribute')) {
    const parent = access.parent;
    // the outermost attribute of its chain only, and not one that is called (a client call)
    if (parent?.type === 'attribute' && parent.childForFieldName('object')?.equals(access)) continue;
    if (parent?.type === 'call' && parent.childForFieldName('function')?.equals(access)) continue;
    if (parent?.type === 'decorator') continue; // `@composio.tools.custom_tool`: reported by reportUnmappable
    const path = clientPath(py, access);
    if (!path || py.touched(access)) continue;
    const { line, column } = lineAndColumn(py.text, access.startIndex);
    if (reported.has(`${line}:${column}`)) continue;
    py.reportAt('py-client-member-value', access, `(${path.join('.')})`);
    const left = parent?.type === 'assignment' && parent.childForFieldName('right')?.equals(access) ? parent.childForFieldName('left') : undefined;
    if (left?.type === 'identifier') reportUses(py, left, path);
  }
}

/** `composio.tools.execute` → ['tools', 'execute'] when the chain starts at the client; else undefined. */
function clientPath(py: PyFile, access: PyNode): string[] | undefined {
  const path: string[] = [];
  let current: PyNode | null = access;
  while (current?.type === 'attribute') {
    path.unshift(current.childForFieldName('attribute')!.text);
    const object: PyNode = current.childForFieldName('object')!;
    if (py.isClient(object)) return path;
    current = object;
  }
  return undefined;
}

/** `tools.execute(...)` where `tools = composio.tools`: each `<name>.<member>` of the file, reported as `tools.execute`. */
function reportUses(py: PyFile, name: PyNode, path: string[]): void {
  for (const use of py.all('attribute')) {
    const object = use.childForFieldName('object');
    if (object?.type !== 'identifier' || object.text !== name.text || py.touched(use)) continue;
    py.reportAt('py-client-member-value', use, `(${[...path, use.childForFieldName('attribute')!.text].join('.')})`);
  }
}
