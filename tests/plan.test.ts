import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { renderPlanMarkdown } from '../src/plan.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { collectPlan } from '../transforms/migration-plan.js';
import { writeTree } from './support/fixtures.js';

const APP = new Map([
  ['lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n`],
  [
    'agent.ts',
    [
      `import { composio } from './lib/composio';`,
      ``,
      `const STAR = 'GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER';`,
      ``,
      `export async function run(user: { id: string }, picked: string) {`,
      `  const tools = await composio.tools.get(user.id, { toolkits: ['GMAIL', 'NOTION'] });`,
      `  await composio.tools.execute(STAR, { userId: user.id, arguments: { owner: 'a', repo: 'b' } });`,
      `  await composio.tools.execute('NOTION_CREATE_NOTION_PAGE', { userId: user.id, arguments: {} });`,
      `  return composio.tools.execute(picked, { userId: user.id, arguments: {} });`,
      `}`,
      ``,
    ].join('\n'),
  ],
]);

async function planOf(connections: Record<string, string> = {}) {
  const mappings = loadMappings({ connections });
  const dir = writeTree(APP);
  const result = await runMigration({ paths: [dir], mappings, migration, write: false });
  const files = result.files.filter((f) => f.after !== undefined).map((f) => ({ path: path.relative(dir, f.path), text: f.after! }));
  return collectPlan(files, mappings);
}

describe('migration plan', () => {
  it('lists the connections, the tool names with their source, and the identifiers', async () => {
    const plan = await planOf();
    expect(plan.connections.map((c) => c.name)).toEqual(['(known at run time)', 'github', 'gmail', 'notion']);
    expect(plan.tools.map((t) => [t.name, t.source])).toEqual([
      ['(known at run time)', 'run time'],
      ['github_repo_star', 'table'],
      ['notion_create_notion_page', 'default rule'],
    ]);
    expect(plan.identifiers.map((i) => i.name)).toEqual(['user.id']);
    expect(plan.identifiers[0]!.sites.every((s) => s.path === 'agent.ts')).toBe(true);
  });

  it('names the dashboard connection given with --connection, and its connector', async () => {
    const plan = await planOf({ notion: 'notion-workspace' });
    expect(plan.connections.find((c) => c.name === 'notion-workspace')?.connector).toBe('notion');
  });

  it('renders a checklist', async () => {
    const text = renderPlanMarkdown(await planOf());
    expect(text).toContain('- [ ] `gmail`: `agent.ts:');
    expect(text).toContain('`notion_create_notion_page`, default rule (lowercased): check it in the connector catalog');
  });
});
