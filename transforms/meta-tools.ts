import type { SourceTransform } from '../src/migration.js';
import { codeStrings } from './model/code-strings.js';
import { metaToolRule } from './model/names.js';
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
  apply(file, ctx) {
    if (!ctx.text.includes('COMPOSIO_')) return;
    for (const literal of codeStrings(file)) {
      const value = literal.getLiteralValue();
      const rule = metaToolRule(value);
      if (!rule || ctx.edits.touches(literal.getStart(), literal.getEnd()) || reportedInStatement(literal, rule, ctx)) continue;
      ctx.reportAt(rule, literal, `(${value})`);
    }
  },
};

export default transform;
