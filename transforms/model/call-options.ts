import { Node, type CallExpression } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { propertyName } from '../../src/primitives/object-literal.js';

/**
 * The per-call options Composio's tools methods take last (`{ signal }`, modifiers).
 *
 *   composio.tools.execute(slug, body, { signal })                 → the argument is removed, reported
 *   composio.tools.execute(slug, body, { beforeExecute, ... })     → kept where it stands, reported with a TODO
 *   composio.tools.proxyExecute(params, requestOptions)            → removed, reported (`takesModifiers` false)
 *
 * Modifiers are user code that shaped inputs and results: it stays in sight until it is moved by hand.
 */
export function migrateCallOptions(options: Node | undefined, call: CallExpression, ctx: SourceFileContext, takesModifiers = true): void {
  if (!options) return;
  if (!takesModifiers) {
    // request options hold nothing but the signal
    ctx.reportAt('tools-request-signal', options);
    removeArgument(call, options, ctx);
    return;
  }
  if (Node.isObjectLiteralExpression(options)) {
    const names = options.getProperties().map((p) => propertyName(p));
    if (names.every((name) => name === 'signal')) {
      if (names.length > 0) ctx.reportAt('tools-request-signal', options);
      removeArgument(call, options, ctx);
      return;
    }
    ctx.reportAt('modifiers', options, `(${names.map((name) => name ?? '...').join(', ')})`);
    return;
  }
  ctx.reportAt('modifiers', options, `(${options.getText()})`);
}

/** Removes an argument that is not the first, with the comma before it. */
function removeArgument(call: CallExpression, argument: Node, ctx: SourceFileContext): void {
  const args = call.getArguments();
  const previous = args[args.indexOf(argument) - 1];
  if (previous) ctx.edits.add(previous.getEnd(), argument.getEnd(), '');
}
