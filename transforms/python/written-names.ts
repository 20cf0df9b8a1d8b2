import type { PyNode } from '../../src/python/parser.js';
import { nameProblem, writtenName } from '../model/name-expressions.js';
import type { PyFile } from './model.js';

/**
 * The Python side of the catalogue check (transforms/model/name-expressions.ts `namesUnwritable`): a call
 * whose literal tool or toolkit names Scalekit's catalogue does not back is reported at the call and left
 * as it was, before anything of it is written.
 */
export function pyNamesUnwritable(py: PyFile, site: PyNode, names: Array<[string | undefined, 'tool' | 'toolkit']>): boolean {
  const details = new Map<string, string[]>();
  for (const [value, kind] of names) {
    if (value === undefined) continue;
    const problem = nameProblem(value, kind, py.ctx.mappings);
    if (problem) details.set(problem.rule, [...(details.get(problem.rule) ?? []), problem.detail]);
  }
  for (const [rule, texts] of details) py.reportAt(rule, site, `(${[...new Set(texts)].join('; ')})`);
  return details.size > 0;
}

/** The Scalekit tool name written for a checked Composio slug. */
export function pyToolName(slug: string, py: PyFile): string {
  return writtenName(slug, 'tool', py.ctx.mappings);
}

/** The connection name written for a checked Composio toolkit. */
export function pyConnectionName(toolkit: string, py: PyFile): string {
  return writtenName(toolkit, 'toolkit', py.ctx.mappings);
}
