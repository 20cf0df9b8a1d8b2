import type { PyNode } from '../../src/python/parser.js';
import { ComposioProjectState } from '../model/project-state.js';
import { namesModuleText, PYTHON_NAMES_MODULE } from '../model/names-module.js';
import { useModuleBeside } from './framework-adapters.js';
import type { PyFile } from './model.js';

type NameFunction = 'to_scalekit_tool_name' | 'to_scalekit_connection_name' | 'scalekit_connection_for_tool';

/**
 * A name known only at run time, mapped by the generated scalekit_names.py beside the file (the
 * tables the migration applies to literals; transforms/model/names-module.ts):
 *
 *   slug      → to_scalekit_tool_name(slug)
 *   toolkit   → to_scalekit_connection_name(toolkit)
 *   toolkits  → [to_scalekit_connection_name(name) for name in toolkits]
 */
export function runTimeName(py: PyFile, fn: NameFunction, expression: PyNode): string {
  useModuleBeside(py, PYTHON_NAMES_MODULE, () => namesModuleText(py.ctx.mappings, 'python', mentionedToolkits(py)), fn);
  return `${fn}(${py.source(expression)})`;
}

export function runTimeNames(py: PyFile, fn: NameFunction, list: PyNode): string {
  useModuleBeside(py, PYTHON_NAMES_MODULE, () => namesModuleText(py.ctx.mappings, 'python', mentionedToolkits(py)), fn);
  return `[${fn}(name) for name in ${py.source(list)}]`;
}

/** The toolkits the run's code names (phase 1); a file read without the project's state names its own. */
function mentionedToolkits(py: PyFile): ReadonlySet<string> {
  return py.ctx.project instanceof ComposioProjectState ? py.ctx.project.mentionedToolkits : new Set();
}

/** The finding of each name mapped at run time. */
export function reportRunTimeName(py: PyFile, expression: PyNode): void {
  py.ctx.report('py-name-mapped-at-run-time', expression.startIndex, `(${expression.text} → ${PYTHON_NAMES_MODULE}.py)`);
}
