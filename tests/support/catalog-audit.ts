import { scalekitCatalog } from '../../src/mappings/scalekit-catalog.js';

/**
 * The names a migrated file writes into Scalekit calls, read back from its text: literal tool names
 * (toolName: '…', toolNames: ['…'], tool_name="…", tool_names=[…]) and connection names (connector: '…',
 * connectionName: '…', connectionNames: ['…'], connection_name="…", connection_names=[…]).
 * Comment lines are left out (a TODO's placeholder such as '<connection>' is advice, not a call), and so is a
 * list mapped at run time (['NOTION', ...more].map(toScalekitConnectionName), [to_scalekit_tool_name(n) for n in [...]]):
 * the names module checks those, and throws on a name it cannot map.
 */
export interface WrittenName {
  line: number;
  kind: 'tool' | 'connection';
  name: string;
}

// a notebook's code is JSON text: its quotes are escaped (tool_name=\"github_issue_create\")
const ONE = /\b(toolName|tool_name|connector|connectionName|connection_name)(\s*[:=]\s*)\\?(['"])([^'"`${}\n\\]+)\\?\3/g;
const LIST = /\b(toolNames|tool_names|connectionNames|connection_names)\s*[:=]\s*\[([^\]]*)\](\s*\.map\()?/g;
// a comment line, also as a notebook's JSON writes it ("    # TODO ...")
const COMMENT_LINE = /^\s*"?\s*(\/\/|\/\*|\*|#)/;

export function writtenNames(text: string): WrittenName[] {
  const names: WrittenName[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (COMMENT_LINE.test(line)) return;
    for (const m of line.matchAll(ONE)) names.push({ line: index + 1, kind: /tool/.test(m[1]!) ? 'tool' : 'connection', name: m[4]! });
    for (const m of line.matchAll(LIST)) {
      if (m[3] || /toScalekit|to_scalekit_|\sfor\s/.test(m[2]!)) continue;
      for (const item of m[2]!.matchAll(/\\?(['"])([^'"\n\\]+)\\?\1/g)) names.push({ line: index + 1, kind: /tool/.test(m[1]!) ? 'tool' : 'connection', name: item[2]! });
    }
  });
  return names;
}

/** The written names Scalekit's catalogue does not have (a connection is checked as a connector: the default mappings name a connection after its connector). */
export function namesNotInCatalog(text: string): WrittenName[] {
  const catalog = scalekitCatalog();
  return writtenNames(text).filter((n) => (n.kind === 'tool' ? !catalog.hasTool(n.name) : !catalog.hasConnector(n.name)));
}
