/** Where something is used: a file (relative to the cwd in reports) and a line. */
export interface PlanSite {
  path: string;
  line: number;
}

/**
 * What must exist before the migrated code can run, and what a reviewer should check:
 * the dashboard connections, the tool names (and whether a table or the default rule named
 * them), and the identifier expressions the code passes.
 */
export type ToolNameSource = 'table' | 'default rule' | 'run time';

/**
 * The auth scheme the Composio code set up for a connector, and the Scalekit connection type that
 * matches it (null: none). `from` is a line of the original file, where the code said it.
 */
export interface PlanAuth {
  composio: string;
  scalekit: string | null;
  note?: string;
  from: PlanSite;
}

export interface MigrationPlan {
  connections: Array<{ name: string; connector: string; auth?: PlanAuth; sites: PlanSite[] }>;
  tools: Array<{ name: string; source: ToolNameSource; sites: PlanSite[] }>;
  identifiers: Array<{ name: string; sites: PlanSite[] }>;
}

export function renderPlanMarkdown(plan: MigrationPlan): string {
  const where = (sites: PlanSite[]) => sites.slice(0, 5).map((s) => `\`${s.path}:${s.line}\``).join(', ') + (sites.length > 5 ? `, and ${sites.length - 5} more` : '');
  const lines = ['## Migration plan', ''];
  lines.push('Lines are those of the migrated files.', '', '### Connections to create in the Scalekit dashboard (AgentKit > Connections)', '');
  if (plan.connections.length === 0) lines.push('None named in the migrated code.');
  for (const c of plan.connections) {
    const label = c.name === '(known at run time)' ? 'names known only at run time (check every connector the code may reach)' : `\`${c.name}\`${c.connector !== c.name ? ` (connector \`${c.connector}\`)` : ''}`;
    const used = c.sites.length > 0 ? where(c.sites) : 'no call names it yet (only its Composio auth setup)';
    lines.push(`- [ ] ${label}${c.name === '(known at run time)' ? '' : `, ${authText(c.auth)}`}: ${used}`);
  }
  lines.push('', '### Tool names', '');
  if (plan.tools.length === 0) lines.push('None named in the migrated code.');
  for (const t of plan.tools) {
    const why = t.source === 'table' ? 'a known Scalekit name (mapping table)' : t.source === 'run time' ? 'mapped at run time by the generated function' : 'default rule (lowercased): check it in the connector catalog';
    lines.push(`- [ ] \`${t.name}\`, ${why}: ${where(t.sites)}`);
  }
  lines.push('', '### Identifiers passed to Scalekit', '');
  if (plan.identifiers.length === 0) lines.push('None.');
  for (const i of plan.identifiers) lines.push(`- \`${i.name}\`: ${where(i.sites)}`);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function authText(auth: PlanAuth | undefined): string {
  if (!auth) return 'auth type not stated in the code (pick it on the connector\'s page)';
  const said = `Composio ${auth.composio} at \`${auth.from.path}:${auth.from.line}\` before migration`;
  if (auth.scalekit === null) return `auth type: none in Scalekit for ${auth.composio}${auth.note ? `, ${auth.note}` : ''} (${said})`;
  return `auth type ${auth.scalekit}${auth.note ? `, ${auth.note}` : ''} (${said})`;
}
