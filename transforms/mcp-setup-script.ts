import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageDir } from '../src/mappings/load.js';
import type { MigrationPlan } from '../src/plan.js';

const TEMPLATE = path.join(findPackageDir(path.dirname(fileURLToPath(import.meta.url)), 'templates'), 'scalekit_mcp_setup.py');

/**
 * The plan's MCP configs as a standalone Python script that creates the missing ones with scalekit-sdk-python
 * (templates/scalekit_mcp_setup.py, its CONFIGS and BY_HAND filled in):
 *
 *   CONFIGS = {
 *       "relay-team": {
 *           "gmail": ["gmail_send_message"],
 *           "notion": [],
 *       },
 *   }
 *
 * A config whose connections the code does not say goes to BY_HAND, with why. Undefined when the plan has no config.
 */
export function mcpSetupScript(plan: MigrationPlan): string | undefined {
  if (plan.mcpConfigs.length === 0) return undefined;
  const known = plan.mcpConfigs.filter((c) => c.connections !== null && c.connections.length > 0);
  const byHand = plan.mcpConfigs.filter((c) => !known.includes(c));
  const configs = known.map((c) => {
    const connections = c.connections!.map((m) => `        ${py(m.connection)}: [${m.tools.map(py).join(', ')}],`);
    return [`    ${py(c.name)}: {`, ...connections, '    },'].join('\n');
  });
  const reasons = byHand.map((c) => {
    const where = [...c.createdAt, ...c.userUrlAt, ...c.otherAt][0];
    const why = `the code does not say its connections and tools${where ? ` (${where.path}:${where.line})` : ''}: give it those of the Composio server or session it replaces`;
    return `    ${py(c.name)}: ${py(why)},`;
  });
  const template = readFileSync(TEMPLATE, 'utf8');
  const filled = template
    .replace(/^CONFIGS = \{\}$/m, configs.length > 0 ? `CONFIGS = {\n${configs.join('\n')}\n}` : 'CONFIGS = {}')
    .replace(/^BY_HAND = \{\}$/m, reasons.length > 0 ? `BY_HAND = {\n${reasons.join('\n')}\n}` : 'BY_HAND = {}');
  if (!filled.includes('CONFIGS = {') || !filled.includes('BY_HAND = {')) throw new Error(`${TEMPLATE}: no CONFIGS = {} or BY_HAND = {} line to fill`);
  return filled;
}

/** A Python string literal (JSON's escapes are Python's too). */
function py(value: string): string {
  return JSON.stringify(value);
}
