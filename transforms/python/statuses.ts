import { PyFile } from './model.js';

/**
 * account.status == "INITIATED"    → account.status == "PENDING_AUTH"   (mappings/statuses.json, python column)
 * A comparison with a status Scalekit lacks (FAILED) is reported. Only strings compared with `.status`.
 */
export function migrateStatuses(py: PyFile): void {
  for (const comparison of py.all('comparison_operator')) {
    const operands = comparison.namedChildren.filter((n) => n !== null);
    if (!operands.some((n) => n!.type === 'attribute' && n!.childForFieldName('attribute')?.text === 'status')) continue;
    for (const operand of operands) {
      const strings = operand!.type === 'string' ? [operand!] : ['list', 'tuple', 'set'].includes(operand!.type) ? operand!.namedChildren.filter((n) => n?.type === 'string') : [];
      for (const literal of strings) {
        const value = py.stringValue(literal!);
        const entry = value ? py.ctx.mappings.statuses[value] : undefined;
        if (!value || !entry) continue;
        if (entry.python === null) py.reportAt('py-status-no-equivalent', literal!, `(${value})`);
        else if (entry.python !== value) {
          py.ctx.edits.add(literal!.startIndex, literal!.endIndex, py.requote(literal!, entry.python));
          py.ctx.report('py-status-renamed', literal!.startIndex, `(${value} → ${entry.python})`);
        }
      }
    }
  }
}
