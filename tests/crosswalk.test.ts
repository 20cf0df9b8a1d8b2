import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { toolTableSchema } from '../src/mappings/schema.js';
import { scalekitCatalog } from '../src/mappings/scalekit-catalog.js';
import { connectorOf, resolveTool, resolveToolkit } from '../transforms/model/names.js';
import { verifiedSlugs } from '../scripts/generate-composio-catalog.js';
import { ROOT } from './support/fixtures.js';

/**
 * The crosswalk's entries are our judgement; what can be checked mechanically is that both sides of
 * every entry exist: the Composio slug (and each argument it renames) in Composio's catalogue, the
 * Scalekit tool (and each parameter it renames to) in Scalekit's, under the table's connector.
 */
const TOOLS_DIR = path.join(ROOT, 'mappings/tools');
const tables = readdirSync(TOOLS_DIR)
  .sort()
  .map((file) => ({ file, table: toolTableSchema.parse(JSON.parse(readFileSync(path.join(TOOLS_DIR, file), 'utf8'))) }));
const composio = (JSON.parse(readFileSync(path.join(ROOT, 'mappings/composio-catalog.json'), 'utf8')) as { toolkits: Record<string, Record<string, string>> }).toolkits;
const catalog = scalekitCatalog();
const mappings = await loadMappings();

/** The argument names a Composio catalogue row lists (`efm a,b!,c`), or undefined where no source publishes them. */
function composioArguments(row: string): string[] | undefined {
  const space = row.indexOf(' ');
  return space === -1 ? undefined : row.slice(space + 1).split(',').filter(Boolean).map((a) => a.replace(/!$/, ''));
}

describe('the crosswalk (mappings/tools/*.json)', () => {
  it('covers the toolkits people use, and the search tools Scalekit has', () => {
    const covered = tables.map((t) => t.table.toolkit);
    for (const toolkit of ['GMAIL', 'GITHUB', 'SLACK', 'GOOGLECALENDAR', 'NOTION', 'GOOGLEDRIVE', 'GOOGLESHEETS', 'GOOGLEDOCS', 'LINEAR', 'JIRA', 'HUBSPOT', 'SALESFORCE', 'OUTLOOK', 'MICROSOFT_TEAMS', 'ASANA', 'TRELLO', 'AIRTABLE', 'DISCORD', 'ZENDESK', 'CONFLUENCE', 'DROPBOX', 'FIGMA', 'CALENDLY', 'CLICKUP', 'SUPABASE', 'TWITTER', 'LINKEDIN', 'YOUTUBE', 'EXA', 'TAVILY']) {
      expect(covered, toolkit).toContain(toolkit);
    }
  });

  it("names each table after its toolkit, and gives it the connector the toolkit table (toolkits.json) gives the toolkit", () => {
    for (const { file, table } of tables) {
      expect(file).toBe(`${table.toolkit.toLowerCase()}.json`);
      expect(catalog.hasConnector(table.connector), file).toBe(true);
      expect(connectorOf(table.toolkit, mappings), file).toBe(table.connector);
    }
  });

  it("maps only slugs of Composio's catalogue, to tools of the table's connector in Scalekit's", () => {
    const problems: string[] = [];
    for (const { file, table } of tables) {
      for (const [slug, entry] of Object.entries(table.tools)) {
        if (composio[table.toolkit]?.[slug] === undefined) problems.push(`${file}: ${slug} is not a ${table.toolkit} slug of Composio's catalogue`);
        if (entry.scalekit !== null && catalog.connectorOfTool(entry.scalekit) !== table.connector) problems.push(`${file}: ${slug} → ${entry.scalekit}, not a tool of ${table.connector}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("renames only arguments the Composio tool has to parameters the Scalekit tool has", () => {
    const problems: string[] = [];
    for (const { file, table } of tables) {
      for (const [slug, entry] of Object.entries(table.tools)) {
        if (!entry.arguments) continue;
        if (entry.scalekit === null) problems.push(`${file}: ${slug} has no Scalekit tool but has argument rules`);
        const known = composioArguments(composio[table.toolkit]?.[slug] ?? '');
        const params = new Set((catalog.paramsOf(entry.scalekit ?? '') ?? []).map((p) => p.name));
        for (const [key, rule] of Object.entries(entry.arguments)) {
          if (known && !known.includes(key)) problems.push(`${file}: ${slug}: ${key} is not one of its Composio arguments`);
          const to = typeof rule === 'string' ? rule : 'to' in rule ? rule.to : undefined;
          if (to !== undefined && !params.has(to)) problems.push(`${file}: ${slug}: ${key} → ${to}, not a parameter of ${entry.scalekit}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps Slack's three send slugs on one tool", () => {
    for (const slug of ['SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL', 'SLACK_CHAT_POST_MESSAGE', 'SLACK_SEND_MESSAGE']) {
      expect(resolveTool(slug, mappings), slug).toMatchObject({ name: 'slack_send_message' });
    }
  });

  it("says why, for every entry; and the issue's examples come out right", () => {
    for (const { table } of tables) for (const [slug, entry] of Object.entries(table.tools)) expect(entry.why.length, slug).toBeGreaterThan(10);
    expect(resolveTool('NOTION_CREATE_NOTION_PAGE', mappings)).toMatchObject({ kind: 'renamed', name: 'notion_page_create' });
    expect(resolveTool('LINEAR_CREATE_LINEAR_ISSUE', mappings)).toMatchObject({ kind: 'renamed', name: 'linear_issue_create' });
    expect(resolveTool('GMAIL_SEND_EMAIL', mappings)).toMatchObject({ kind: 'renamed', name: 'gmail_send_message', entry: { arguments: { recipient_email: 'to' } } });
    expect(resolveTool('GITHUB_CREATE_AN_ISSUE', mappings)).toMatchObject({ kind: 'renamed', name: 'github_issue_create' });
    expect(resolveTool('GMAIL_GET_PEOPLE', mappings)).toMatchObject({ kind: 'no-counterpart' });
    expect(resolveTool('REDDIT_CREATE_REDDIT_POST', mappings)).toMatchObject({ kind: 'no-connector', connector: 'reddit' });
    for (const toolkit of ['reddit', 'perplexityai', 'serpapi', 'composio_search']) expect(resolveToolkit(toolkit, mappings).ok, toolkit).toBe(false);
  });

  it("maps each toolkit whose Scalekit connector has another slug (toolkits.json) to a connector of the catalogue", () => {
    for (const [toolkit, connector] of Object.entries(mappings.toolkitConnectors)) expect(catalog.hasConnector(connector), `${toolkit} → ${connector}`).toBe(true);
  });

  it('verified-tool-slugs.json is what the generator derives from the two catalogues today', () => {
    const slugs = Object.values(composio).flatMap((tools) => Object.keys(tools));
    const toolkitOf = (slug: string) => Object.keys(composio).find((t) => composio[t]![slug] !== undefined)!;
    const derived = verifiedSlugs(slugs, toolkitOf, mappings.toolkitConnectors);
    const committed = (JSON.parse(readFileSync(path.join(ROOT, 'mappings/verified-tool-slugs.json'), 'utf8')) as { slugs: string[] }).slugs;
    expect(committed).toEqual(derived);
    // a same-named tool can still do something else: the crosswalk's entry wins (one such slug today)
    const overridden = committed.filter((slug) => {
      const entry = mappings.toolEntry(slug);
      return entry !== undefined && entry.scalekit !== slug.toLowerCase();
    });
    expect(overridden).toEqual(['DISCORDBOT_GET_GUILD_APPLICATION_COMMAND_PERMISSIONS']);
    for (const slug of committed.filter((s) => !overridden.includes(s))) expect(resolveTool(slug, mappings), slug).toMatchObject({ kind: 'verified', name: slug.toLowerCase() });
  });
});

describe("a user's own tables (--mappings)", () => {
  it("writes a tool of the user's custom connector as given, with the user's argument rules, and a null as no counterpart", async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { runMigration } = await import('../src/run.js');
    const { migration } = await import('../transforms/index.js');
    const { writeTree } = await import('./support/fixtures.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-user-tables-'));
    const userFile = path.join(dir, 'mine.json');
    writeFileSync(
      userFile,
      JSON.stringify({
        toolNames: { REDDIT_CREATE_REDDIT_POST: 'myreddit_post_create', GMAIL_SEND_EMAIL: null },
        toolArguments: { REDDIT_CREATE_REDDIT_POST: { subreddit: 'community', kind: { drop: 'always a text post' } } },
        toolkits: { REDDIT: 'myreddit' },
      }),
    );
    const mine = await loadMappings({ userFile });
    const app = writeTree(
      new Map([
        [
          'agent.ts',
          [
            `import { Composio } from '@composio/core';`,
            `const composio = new Composio();`,
            `export const post = (userId: string) => composio.tools.execute('REDDIT_CREATE_REDDIT_POST', { userId, arguments: { subreddit: 'test', title: 'Hi', kind: 'self' } });`,
            `export const send = (userId: string) => composio.tools.execute('GMAIL_SEND_EMAIL', { userId, arguments: { recipient_email: 'a@b.c' } });`,
            ``,
          ].join('\n'),
        ],
      ]),
    );
    const result = await runMigration({ paths: [app], mappings: mine, migration, write: false });
    const file = result.files.find((f) => f.path.endsWith('agent.ts'))!;
    expect(file.after).toContain("toolName: 'myreddit_post_create', identifier: userId, connector: 'myreddit', toolInput: { community: 'test', title: 'Hi', kind: 'self' }");
    // the user said GMAIL_SEND_EMAIL has no counterpart for them: the call stays, reported
    expect(file.after).toContain("composio.tools.execute('GMAIL_SEND_EMAIL'");
    expect(file.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['tool-argument-unknown', 'tool-no-counterpart']));
    const unknown = file.findings.find((f) => f.rule === 'tool-argument-unknown')!;
    expect(unknown.message).toMatch(/\(kind: always a text post\)$/);
  });
});
