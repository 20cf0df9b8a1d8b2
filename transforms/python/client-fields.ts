import { PyFile } from './model.js';
import { SCALEKIT_CALLS } from './unmappable.js';

/**
 * ctx.deps.composio.tools.execute(...)   (`ctx` unannotated, or `ctx: RunContext` without its deps type)
 * deps.composio.tools.get(...)           (`deps` an untyped parameter)
 *   → kept, reported, TODO comment
 *
 * `composio: Composio` in a class of the run makes `<instance>.composio` the client where the instance's class is
 * known (`deps: Deps`, `ctx: RunContext[Deps]`: model.ts). A call through the field on an object of unknown class
 * is not followed: it is reported, since the field's type becomes the Scalekit client and the call would break.
 */
export function reportUnresolvedClientFields(py: PyFile): void {
  const fields = py.clientFieldNamesOfAnyClass();
  if (fields.size === 0) return;
  for (const call of py.all('call')) {
    const path: string[] = [];
    for (let current = call.childForFieldName('function'); current?.type === 'attribute'; ) {
      path.unshift(current.childForFieldName('attribute')!.text);
      const object = current.childForFieldName('object')!;
      if (object.type === 'attribute' && fields.has(object.childForFieldName('attribute')!.text)) {
        const member = path.join('.');
        if (!py.isClient(object) && !py.touched(call) && !SCALEKIT_CALLS.some((pattern) => pattern.test(member))) py.reportAt('py-client-field-unresolved', call, `(${object.text}.${member})`);
        break;
      }
      current = object;
    }
  }
}
