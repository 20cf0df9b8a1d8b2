import type { SourceTransform } from '../src/migration.js';
import { codeStrings } from './model/code-strings.js';
import { wrap } from './model/identifiers.js';
import { META_TOOL_MENTION, metaToolRule } from './model/names.js';
import { reportedInStatement } from './model/reported.js';

/**
 * const META = ['COMPOSIO_SEARCH_TOOLS', 'COMPOSIO_MULTI_EXECUTE_TOOL']   → kept, finding + TODO (meta-tools)
 * if (call.name === 'COMPOSIO_REMOTE_WORKBENCH')                        → kept, finding + TODO (remote-workbench)
 *
 * The call-site transforms report the names they meet in tools.get / tools.execute; this one
 * catches the rest (names held in constants, compared, sent to a model), once per statement.
 */
const transform: SourceTransform = {
  id: 'meta-tools',
  description: 'COMPOSIO_SEARCH_TOOLS and other meta tools, the remote workbench, named anywhere in the code → finding + TODO',
  precondition: META_TOOL_MENTION,
  apply(file, ctx) {
    for (const literal of codeStrings(file)) {
      const rule = metaToolRule(literal.text);
      if (!rule) continue;
      const node = wrap(file, literal);
      if (ctx.edits.touches(node.getStart(), node.getEnd()) || reportedInStatement(node, rule, ctx)) continue;
      ctx.reportAt(rule, node, `(${literal.text})`);
    }
  },
};

export default transform;
