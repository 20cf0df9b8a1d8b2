import type { SourceTransform } from '../src/migration.js';
import { lineAndColumn } from '../src/findings.js';
import { bindingsFor } from './model/analyze-exports.js';
import { clientCalls } from './model/composio-bindings.js';
import { memberPathMatches } from './model/member-path.js';

/**
 * composio.triggers.subscribe(...)   → kept, with a TODO and a finding (rule from mappings/client-calls.json)
 *
 * Runs after every call-site transform: a call on the client that none of them rewrote or
 * reported is reported here, so nothing Composio does is ever dropped in silence. Scalekit's
 * own calls (mappings/client-calls.json scalekitCalls) are left alone: code already migrated.
 */
const transform: SourceTransform = {
  id: 'unmappable-calls',
  description: 'calls on the Composio client with no Scalekit equivalent (triggers, MCP, auth configs...) → finding + TODO',
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    const reported = new Set(ctx.findings.map((f) => `${f.line}:${f.column}`));
    for (const { call, path } of clientCalls(file, bindings)) {
      if (ctx.edits.touches(call.getStart(), call.getEnd())) continue;
      const { line, column } = lineAndColumn(ctx.text, call.getStart());
      if (reported.has(`${line}:${column}`)) continue;
      // already Scalekit's: an importer migrated by an earlier run, while its client module was not yet
      if (ctx.mappings.scalekitCalls.some((pattern) => memberPathMatches(pattern, path))) continue;
      const entry = ctx.mappings.clientCalls.find((c) => memberPathMatches(c.path, path));
      if (!entry) continue;
      ctx.reportAt(entry.rule, call, `(${path.join('.')})`);
    }
  },
};

export default transform;
