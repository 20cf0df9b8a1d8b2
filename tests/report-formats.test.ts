import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { renderGithubAnnotations } from '../src/report/github-annotations.js';
import { renderJson } from '../src/report/json.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { buildReport, type Report } from '../src/report/model.js';
import { renderSarif } from '../src/report/sarif.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { ROOT, writeTree } from './support/fixtures.js';

const require = createRequire(import.meta.url);
const mappings = await loadMappings();

const APP = new Map([
  ['lib/composio.ts', `import { Composio } from '@composio/core';\n\nexport const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });\n`],
  [
    'app/route, with: comma.ts',
    `import { composio } from '../lib/composio';\n\nexport async function GET(userId: string) {\n  await composio.triggers.subscribe((event) => console.log(event));\n  return composio.tools.execute('GITHUB_CREATE_AN_ISSUE', { userId, arguments: { title: '100% broken' } });\n}\n`,
  ],
]);

let report: Report;
beforeAll(async () => {
  const dir = writeTree(APP);
  const result = await runMigration({ paths: [dir], mappings, migration, write: false });
  report = buildReport(result, '0.0.0-test', dir);
});

describe('JSON report', () => {
  it('validates against the shipped schema, schema/report.v1.json', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema/report.v1.json'), 'utf8'));
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    const json = JSON.parse(renderJson(report));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.files.some((f: { findings: unknown[] }) => f.findings.length > 0)).toBe(true);
    // the schema rejects what it should: an unknown severity
    json.files[0].findings[0] = { ...json.files[0].findings[0], severity: 'fatal' };
    expect(validate(json)).toBe(false);
  });

  it('validates with the migration plan, its MCP configs included', async () => {
    const dir = writeTree(
      new Map([
        ...APP,
        ['agent.py', 'from composio import Composio\n\ncomposio = Composio()\nserver = composio.mcp.create("relay", toolkits=["gmail"])\nurl = composio.mcp.generate("u1", server.id)["url"]\nother = composio.mcp.generate("u1", SERVER_ID)\n'],
      ]),
    );
    const result = await runMigration({ paths: [dir], mappings, migration, write: false });
    const withPlan = buildReport(result, '0.0.0-test', dir);
    withPlan.plan = migration.plan!(result.files.filter((f) => f.status === 'changed').map((f) => ({ path: path.relative(dir, f.path), text: f.after!, before: f.before ?? '', findings: f.findings })), mappings);
    expect(withPlan.plan.mcpConfigs.map((c) => [c.name, c.connections, c.suggested])).toEqual([
      ['mcp-server', null, true],
      ['relay', [{ connection: 'gmail', tools: [] }], undefined],
    ]);
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema/report.v1.json'), 'utf8'));
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    const json = JSON.parse(renderJson(withPlan));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    json.plan.mcpConfigs[0].connections = 'gmail';
    expect(validate(json)).toBe(false);
  });

  it('is listed in the package files', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('schema');
  });
});

describe('SARIF report', () => {
  const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);

  it('validates against the SARIF 2.1.0 schema', () => {
    const sarif = JSON.parse(renderSarif(report, mappings.rules));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    // the validator is live: a result without a message is refused
    const broken = structuredClone(sarif);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });

  it('has one result per finding, with rule, level and location', () => {
    const sarif = JSON.parse(renderSarif(report, mappings.rules));
    const results = sarif.runs[0].results;
    const findings = report.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
    expect(results).toHaveLength(findings.length);
    const trigger = results.find((r: { ruleId: string }) => r.ruleId === 'triggers');
    expect(trigger.level).toBe('error');
    expect(trigger.locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 9 });
    expect(trigger.locations[0].physicalLocation.artifactLocation.uri).toBe('app/route,%20with:%20comma.ts');
    expect(sarif.runs[0].tool.driver.rules[trigger.ruleIndex].id).toBe('triggers');
  });
});

describe('Markdown report', () => {
  it('is a checklist naming every warning and error with its file and line, and listing the notes', () => {
    const markdown = renderMarkdown(report, mappings.rules);
    for (const file of report.files) {
      for (const finding of file.findings) {
        const item = finding.severity === 'info' ? `- [ ] **line ${finding.line}** · \`${finding.rule}\`` : `- [ ] **line ${finding.line}** · ${finding.severity} · \`${finding.rule}\``;
        const section = markdown.slice(markdown.indexOf(`### \`${file.path}\``));
        expect(section, `${file.path}: ${finding.rule}`).toContain(item);
      }
    }
  });

  it("gathers the tool calls that will not run as they are first, across files (the rules' group)", () => {
    const markdown = renderMarkdown(report, mappings.rules);
    const group = markdown.indexOf('## Tool calls that will not run as they are');
    expect(group).toBeGreaterThan(-1);
    expect(group).toBeLessThan(markdown.indexOf('## To do'));
    // GITHUB_CREATE_AN_ISSUE lacks owner and repo: an error a person fixes in that call
    expect(markdown.slice(group, markdown.indexOf('## To do'))).toMatch(/- \[ \] `app\/route, with: comma\.ts:5` · error · `tool-argument-missing`: .*github_issue_create needs owner, repo/);
    expect(markdown.slice(group, markdown.indexOf('## To do'))).not.toContain('`triggers`');
  });
});

describe('GitHub annotations', () => {
  it('prints one workflow command per finding, escaped', () => {
    const lines = renderGithubAnnotations(report).trimEnd().split('\n');
    const count = report.files.reduce((n, f) => n + f.findings.length, 0);
    expect(lines).toHaveLength(count);
    const trigger = lines.find((l) => l.includes('scalekit-migrate%3A triggers'))!;
    expect(trigger.startsWith('::error file=app/route%2C with%3A comma.ts,line=4,col=9,title=scalekit-migrate%3A triggers::')).toBe(true);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^,:]+::[^\n]+$/);
  });
});
