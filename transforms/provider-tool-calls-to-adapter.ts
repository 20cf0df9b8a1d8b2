import type { Node } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { bindingsFor } from './model/analyze-exports.js';
import { clientCalls } from './model/composio-bindings.js';
import { adapterFor, useAdapter } from './model/framework-adapters.js';
import { isCertainlyAny } from './model/scopes.js';

/**
 * composio.provider.handleToolCalls(userId, completion)   (OpenAIProvider, Composio's default)
 *   → handleScalekitToolCalls(composio, userId, completion)        from the generated scalekit-openai-tools.ts
 * composio.provider.executeToolCall(userId, toolCall)
 *   → executeScalekitToolCall(composio, userId, toolCall)
 *
 * Only the two-argument form with a user id: execute options and modifiers, and a session in
 * place of the user id, stay as they are and are reported by unmappable-calls.
 */
const transform: SourceTransform = {
  id: 'provider-tool-calls-to-adapter',
  description: 'composio.provider.handleToolCalls / executeToolCall → the generated framework adapter, for the identifier',
  // composio.provider.<helper>(...)
  precondition: /\bprovider\b/,
  apply(file, ctx) {
    const adapter = adapterFor(ctx);
    if (!adapter) return;
    for (const { call, client, path } of clientCalls(file, bindingsFor(file, ctx))) {
      const helper = path.length === 2 && path[0] === 'provider' ? adapter.helpers[path[1]!] : undefined;
      const [userId, input, ...rest] = call.getArguments();
      if (!helper || !userId || !input || rest.length > 0 || !isString(userId)) continue;
      ctx.edits.add(call.getExpression().getStart(), call.getExpression().getEnd(), helper);
      ctx.edits.add(userId.getStart(), userId.getStart(), `${client.getText()}, `);
      useAdapter(file, ctx, adapter, helper);
      ctx.reportAt('framework-adapter', call, `(${adapter.module}.ts: ${helper})`);
    }
  },
};

export default transform;

function isString(node: Node): boolean {
  if (isCertainlyAny(node)) return false; // the type checker is built only where the type could be a string
  const type = node.getType();
  return type.isString() || type.isStringLiteral();
}
