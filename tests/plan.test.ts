import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { renderPlanMarkdown } from '../src/plan.js';
import { preparePython } from '../src/python/parser.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { collectPlan } from '../transforms/migration-plan.js';
import { makeFinding } from '../src/source-context.js';
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
      `  await composio.tools.execute('NOTION_CREATE_NOTION_PAGE', { userId: user.id, arguments: { parent_id: 'p1', title: 'Notes' } });`,
      `  await composio.tools.execute('GMAIL_SEND_EMAIL', { userId: user.id, arguments: { recipient_email: 'a@b.c', subject: 'Hi', body: 'Hello', is_html: false } });`,
      `  await composio.tools.execute('GMAIL_GET_PEOPLE', { userId: user.id, arguments: {} });`,
      `  await composio.tools.execute('GMAIL_LIST_THREADS', { userId: user.id, arguments: {} });`,
      `  return composio.tools.execute(picked, { userId: user.id, arguments: {} });`,
      `}`,
      ``,
    ].join('\n'),
  ],
]);

const AUTH_SETUP = [
  `import { AuthScheme } from '@composio/core';`,
  `import { composio } from './lib/composio';`,
  ``,
  `export const notion = () => composio.authConfigs.create('NOTION', { type: 'use_custom_auth', authScheme: 'OAUTH2', credentials: {} });`,
  `export const twitter = () => composio.authConfigs.create('TWITTER', { type: 'use_custom_auth', authScheme: 'OAUTH1', credentials: {} });`,
  ``,
  `export async function withKey(userId: string, apiKey: string) {`,
  `  const request = await composio.connectedAccounts.initiate(userId, process.env.GMAIL_AUTH_CONFIG_ID!, { config: AuthScheme.BearerToken({ token: apiKey }) });`,
  `  return request.redirectUrl;`,
  `}`,
  ``,
].join('\n');

async function planOf(connections: Record<string, string> = {}, extra: Array<[string, string]> = []) {
  const mappings = await loadMappings({ connections });
  const dir = writeTree(new Map([...APP, ...extra]));
  const result = await runMigration({ paths: [dir], mappings, migration, write: false });
  const files = result.files.filter((f) => f.after !== undefined).map((f) => ({ path: path.relative(dir, f.path), text: f.after!, before: f.before ?? '', findings: f.findings }));
  return collectPlan(files, mappings);
}

describe('migration plan', () => {
  it('lists the connections, the tool names with their source, and the identifiers', async () => {
    const plan = await planOf();
    expect(plan.connections.map((c) => c.name)).toEqual(['(known at run time)', 'github', 'gmail', 'notion']);
    expect(plan.tools.map((t) => [t.name, t.source, t.table])).toEqual([
      ['(known at run time)', 'run time', undefined],
      ['github_repo_star', 'table', 'mappings/tools/github.json'],
      ['gmail_list_threads', 'catalogue', undefined],
      ['gmail_send_message', 'table', 'mappings/tools/gmail.json'],
      ['notion_page_create', 'table', 'mappings/tools/notion.json'],
    ]);
    // the call the run could not write a tool for, and what it did to each call's arguments
    expect(plan.notMigrated).toEqual([{ rule: 'tool-no-counterpart', detail: expect.stringMatching(/^GMAIL_GET_PEOPLE: /), sites: [{ path: 'agent.ts', line: expect.any(Number) }] }]);
    expect(plan.arguments.map((a) => [a.rule, a.detail])).toEqual([
      ['tool-arguments-renamed', 'NOTION_CREATE_NOTION_PAGE → notion_page_create: parent_id → parent_page_id'],
      ['tool-argument-shape', 'title → properties: { title: { title: [{ text: { content: <title> } }] } }'],
      ['tool-arguments-renamed', 'GMAIL_SEND_EMAIL → gmail_send_message: recipient_email → to, is_html → content_type (is-html-to-content-type)'],
    ]);
    expect(plan.identifiers.map((i) => i.name)).toEqual(['user.id']);
    expect(plan.identifiers[0]!.sites.every((s) => s.path === 'agent.ts')).toBe(true);
  });

  it('names the dashboard connection given with --connection, and its connector', async () => {
    const plan = await planOf({ notion: 'notion-workspace' });
    expect(plan.connections.find((c) => c.name === 'notion-workspace')?.connector).toBe('notion');
  });

  it("gives each connection the auth type the Composio code set up, through the auth-scheme table", async () => {
    const plan = await planOf({}, [['auth.ts', AUTH_SETUP]]);
    const auth = Object.fromEntries(plan.connections.map((c) => [c.name, c.auth]));
    expect(auth['notion']).toEqual({ composio: 'OAUTH2', scalekit: 'OAUTH', from: { path: 'auth.ts', line: 4 } });
    expect(auth['gmail']).toEqual({ composio: 'BEARER_TOKEN', scalekit: 'BEARER_TOKEN', from: { path: 'auth.ts', line: 8 } });
    expect(auth['twitter']).toMatchObject({ composio: 'OAUTH1', scalekit: null });
    expect(auth['github']).toBeUndefined();
    const text = renderPlanMarkdown(plan);
    expect(text).toContain('- [ ] `notion`, auth type OAUTH (Composio OAUTH2 at `auth.ts:4` before migration): `agent.ts:');
    expect(text).toContain('- [ ] `twitter`, auth type: none in Scalekit for OAUTH1, Scalekit supports OAuth 1 only for Trello (TRELLO_OAUTH1)');
    expect(text).toContain("- [ ] `github`, auth type not stated in the code (pick it on the connector's page): `agent.ts:");
  });

  it('reads the migrated Python too: connections, tool names and identifiers of scalekit-sdk-python calls', async () => {
    await preparePython();
    const python = [
      'result = composio.actions.execute_tool(tool_name="github_repo_star", identifier=user.id, connection_name="github", tool_input={})',
      'tools = scalekit_openai_tools(composio, account_owner, connection_names=["gmail", "slack"])',
      '',
    ].join('\n');
    const plan = collectPlan([{ path: 'agent.py', text: python }], await loadMappings());
    expect(plan.connections.map((c) => c.name)).toEqual(['github', 'gmail', 'slack']);
    expect(plan.tools).toEqual([{ name: 'github_repo_star', source: 'table', table: 'mappings/tools/github.json', sites: [{ path: 'agent.py', line: 1 }] }]);
    expect(plan.identifiers.map((i) => i.name)).toEqual(['account_owner', 'user.id']);
  });

  it('gathers the MCP configs the findings name: one entry a name, its mapping, where the code creates it and reads a user\'s URL', async () => {
    const mappings = await loadMappings();
    const text = 'line\n'.repeat(40);
    const at = (rule: string, line: number, detail: string) => makeFinding(mappings, text, rule, (line - 1) * 5, detail);
    const plan = collectPlan(
      [
        {
          path: 'a.py',
          text,
          findings: [
            at('py-mcp-config-created', 3, '(MCP config "relay" {gmail: gmail_send_message; notion: all tools})'),
            at('py-mcp-instance-url', 9, '(composio.mcp.generate → ensure_instance: the user\'s URL of MCP config "relay")'),
            at('py-mcp-user-url', 12, '(composio.mcp.generate: the user\'s URL of MCP config "mcp-server" (name suggested) {connections and tools not known from the code})'),
            // not an MCP rule: not read
            at('py-session', 20, '(MCP config "stray" {gmail: all tools})'),
          ],
        },
        {
          path: 'b.ts',
          text,
          findings: [
            at('mcp-user-url', 4, '(server.generate: the user\'s URL of MCP config "relay")'),
            at('mcp-server-create', 6, '(composio.mcp.create: MCP config "relay" {gmail: all tools})'),
            at('composio-mcp', 8, '(composio.mcp.get: MCP config "relay")'),
            // the same name given by the code elsewhere: no longer a suggestion
            at('mcp-server-create', 10, '(composio.mcp.create: MCP config "mcp-server" {slack: all tools})'),
          ],
        },
      ],
      mappings,
    );
    expect(plan.mcpConfigs).toEqual([
      { name: 'mcp-server', connections: [{ connection: 'slack', tools: [] }], createdAt: [{ path: 'b.ts', line: 10 }], userUrlAt: [{ path: 'a.py', line: 12 }], otherAt: [] },
      {
        name: 'relay',
        connections: [
          { connection: 'gmail', tools: ['gmail_send_message'] },
          { connection: 'notion', tools: [] },
        ],
        note: 'the code gives it other connections or tools at `b.ts:6`: check which it needs',
        createdAt: [
          { path: 'a.py', line: 3 },
          { path: 'b.ts', line: 6 },
        ],
        userUrlAt: [
          { path: 'a.py', line: 9 },
          { path: 'b.ts', line: 4 },
        ],
        otherAt: [{ path: 'b.ts', line: 8 }],
      },
    ]);
    const rendered = renderPlanMarkdown(plan);
    expect(rendered).toContain('### MCP configs to create (once per environment)');
    expect(rendered).toContain("- [ ] `relay`: `gmail` → `gmail_send_message`; `notion` → all tools (the code gives it other connections or tools at `b.ts:6`: check which it needs). Created by the code at `a.py:3`, `b.ts:6`; a user's URL read at `a.py:9`, `b.ts:4`; also named at `b.ts:8`");
    // no MCP in the code: no section
    expect(renderPlanMarkdown(await planOf())).not.toContain('MCP configs');
  });

  it('names a Composio server reached by id the same in the code and in an MCP client config, never by its id', async () => {
    await preparePython();
    const id = '0b7e5d3c-1a2f-4e8b-b9c6-d4e3f2a1b0c9';
    const mappings = await loadMappings();
    const dir = writeTree(
      new Map([
        ['agent.py', `from composio import Composio\n\ncomposio = Composio()\nURL = "https://backend.composio.dev/v3/mcp/${id}/mcp"\n`],
        ['.cursor/mcp.json', `{ "mcpServers": { "composio": { "url": "https://backend.composio.dev/v3/mcp/${id}/mcp?user_id=u1" } } }\n`],
      ]),
    );
    const result = await runMigration({ paths: [dir], mappings, migration, write: false });
    const files = result.files.filter((f) => f.after !== undefined).map((f) => ({ path: path.relative(dir, f.path), text: f.after!, before: f.before ?? '', findings: f.findings }));
    const [config, ...others] = collectPlan(files, mappings).mcpConfigs;
    expect(others).toEqual([]);
    expect(config).toMatchObject({ name: expect.stringMatching(/^mcp-server-[0-9a-f]{6}$/), suggested: true, connections: null, userUrlAt: [{ path: '.cursor/mcp.json', line: 1 }], otherAt: [{ path: 'agent.py', line: 4 }] });
    expect(files.find((f) => f.path === '.cursor/mcp.json')!.text).toContain(`<your-per-user-mcp-path-of-config-${config!.name}>`);
    // what the run writes (the kept line of code is the user's)
    for (const text of [JSON.stringify(config), files.find((f) => f.path === '.cursor/mcp.json')!.text, ...files.flatMap((f) => f.findings.map((x) => x.message))]) expect(text).not.toMatch(/0b7e5d3c/);
  });

  it('renders a checklist', async () => {
    const text = renderPlanMarkdown(await planOf());
    expect(text).toContain("- [ ] `gmail`, auth type not stated in the code (pick it on the connector's page): `agent.ts:");
    expect(text).toContain('- [ ] `notion_page_create`, renamed (`mappings/tools/notion.json`): `agent.ts:');
    expect(text).toContain("- [ ] `gmail_list_threads`, verified (in Scalekit's catalogue): `agent.ts:");
    expect(text).toContain('### Tool calls left as they were (no Scalekit tool or connector to write)');
    expect(text).toMatch(/- \[ \] GMAIL_GET_PEOPLE: .* \(`tool-no-counterpart`\): `agent\.ts:\d+`/);
    expect(text).toContain('GMAIL_SEND_EMAIL → gmail_send_message: recipient_email → to, is_html → content_type (is-html-to-content-type) (`tool-arguments-renamed`)');
  });
});
