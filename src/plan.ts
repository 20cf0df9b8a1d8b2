/** Where something is used: a file (relative to the cwd in reports) and a line. */
export interface PlanSite {
  path: string;
  line: number;
}

/**
 * What must exist before the migrated code can run, and what a reviewer should check:
 * the dashboard connections, the tool names (and what vouches for each: the published catalogue, a
 * mapping table, or nothing), the tool calls the run left as they were, the arguments it changed, and
 * the identifier expressions the code passes.
 *
 * A tool name's source: `catalogue`, the slug's own name is one of the connector's tools; `table`, a
 * mapping table renamed it (`table` names the file); `run time`, a generated function maps it when the
 * code runs; `not in catalogue`, nothing vouches for it (a name of your own, or code written before).
 */
export type ToolNameSource = 'catalogue' | 'table' | 'run time' | 'not in catalogue';

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

/**
 * An MCP config the migrated code needs (Scalekit's counterpart of a Composio MCP server or session): created
 * once, then each user's URL comes from it. `connections` null: the code does not say them (a server it reaches
 * by id). `suggested`: the code does not give the name either. Sites are the findings' places (the files as they
 * were): where the code creates it, where it reads a user's URL of it, and other uses.
 */
export interface PlanMcpConfig {
  name: string;
  suggested?: boolean;
  /** Connection → Scalekit tool names; an empty list is every tool of the connection. */
  connections: Array<{ connection: string; tools: string[] }> | null;
  /** The code gives the same name other connections elsewhere. */
  note?: string;
  createdAt: PlanSite[];
  userUrlAt: PlanSite[];
  otherAt: PlanSite[];
}

export interface MigrationPlan {
  connections: Array<{ name: string; connector: string; auth?: PlanAuth; sites: PlanSite[] }>;
  tools: Array<{ name: string; source: ToolNameSource; table?: string; sites: PlanSite[] }>;
  /** Calls left as they were because no tool or connector could be written: the rule, and what it said. */
  notMigrated: Array<{ rule: string; detail: string; sites: PlanSite[] }>;
  /** Per call, what changed or is wrong in its arguments. */
  arguments: Array<{ site: PlanSite; rule: string; detail: string }>;
  identifiers: Array<{ name: string; sites: PlanSite[] }>;
  mcpConfigs: PlanMcpConfig[];
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
    const why =
      t.source === 'table'
        ? `renamed (\`${t.table}\`)`
        : t.source === 'catalogue'
          ? "verified (in Scalekit's catalogue)"
          : t.source === 'run time'
            ? 'mapped at run time by the generated names module (it throws on a Composio name it cannot map)'
            : `not in Scalekit's catalogue${t.table ? ` (\`${t.table}\`)` : ''}: check that your connector has it`;
    lines.push(`- [ ] \`${t.name}\`, ${why}: ${where(t.sites)}`);
  }
  if (plan.notMigrated.length > 0) {
    lines.push('', '### Tool calls left as they were (no Scalekit tool or connector to write)', '');
    for (const n of plan.notMigrated) lines.push(`- [ ] ${n.detail} (\`${n.rule}\`): ${where(n.sites)}`);
  }
  if (plan.arguments.length > 0) {
    lines.push('', '### Tool arguments', '');
    for (const a of plan.arguments) lines.push(`- [${a.rule === 'tool-arguments-renamed' ? 'x' : ' '}] \`${a.site.path}:${a.site.line}\` ${a.detail} (\`${a.rule}\`)`);
  }
  lines.push('', '### Identifiers passed to Scalekit', '');
  if (plan.identifiers.length === 0) lines.push('None.');
  for (const i of plan.identifiers) lines.push(`- \`${i.name}\`: ${where(i.sites)}`);
  if (plan.mcpConfigs.length > 0) {
    lines.push('', '### MCP configs to create (once per environment)', '');
    lines.push(
      "Each Composio MCP server or session the code uses is a Scalekit MCP config, created once; each user's pre-authenticated URL then comes from scalekit-sdk-python's `client.actions.mcp.ensure_instance(config_name=..., user_identifier=...).instance.url` (Scalekit's config + per-user instance model; its newer model gives one server URL with a short-lived session token per user). `scalekit-migrate plan --write-setup <file>` writes a Python script that creates the missing ones. Lines are those of the files as they were, as in the findings.",
      '',
    );
    for (const c of plan.mcpConfigs) {
      const mapping = c.connections === null ? 'the code does not say its connections and tools (its findings say why): give it those of the Composio server or session it replaces' : c.connections.map((m) => `\`${m.connection}\` → ${m.tools.length === 0 ? 'all tools' : m.tools.map((t) => `\`${t}\``).join(', ')}`).join('; ');
      const places = [
        c.createdAt.length > 0 ? `created by the code at ${where(c.createdAt)}` : '',
        c.userUrlAt.length > 0 ? `a user's URL read at ${where(c.userUrlAt)}` : '',
        c.otherAt.length > 0 ? `also named at ${where(c.otherAt)}` : '',
      ].filter((p) => p !== '');
      const said = places.length > 0 ? `. ${places.join('; ').replace(/^./, (first) => first.toUpperCase())}` : '';
      lines.push(`- [ ] \`${c.name}\`${c.suggested ? ' (name suggested: the code does not give it)' : ''}: ${mapping}${c.note ? ` (${c.note})` : ''}${said}`);
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function authText(auth: PlanAuth | undefined): string {
  if (!auth) return 'auth type not stated in the code (pick it on the connector\'s page)';
  const said = `Composio ${auth.composio} at \`${auth.from.path}:${auth.from.line}\` before migration`;
  if (auth.scalekit === null) return `auth type: none in Scalekit for ${auth.composio}${auth.note ? `, ${auth.note}` : ''} (${said})`;
  return `auth type ${auth.scalekit}${auth.note ? `, ${auth.note}` : ''} (${said})`;
}
