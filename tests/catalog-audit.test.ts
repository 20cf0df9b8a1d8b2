import { describe, expect, it } from 'vitest';
import { namesNotInCatalog, writtenNames } from './support/catalog-audit.js';
import { loadFixtures } from './support/fixtures.js';

/**
 * Issue 16's first promise, read off what the run writes rather than off the code that writes it: no expected output
 * of a fixture holds a literal tool name or connection name that Scalekit's catalogue lacks. A call whose name the
 * catalogue does not back is kept as Composio's (under an error finding), so its slug is never in a Scalekit call.
 * The corpus test (tests/corpus.test.ts) holds the migrated corpus apps and the example app to the same.
 */
describe('names written into Scalekit calls are in the catalogue', () => {
  it('reads the names the issue found made up, and not advice in comments', () => {
    const text = [
      "await sk.actions.executeTool({ toolName: 'notion_create_notion_page', identifier: u, connector: 'notion', toolInput: {} });",
      "sk.actions.executeTool({ toolName: 'linear_issue_create', identifier: u, connectionName: 'perplexityai', toolInput: {} });",
      "sk.tools.listScopedTools(u, { filter: { toolNames: ['gmail_send_message', 'gmail_send_email'], connectionNames: ['gmail'] } });",
      '    client.actions.execute_tool(tool_name="github_create_an_issue", identifier=user_id, connection_name="github")',
      "  // TODO(scalekit-migrate): Call actions.request({ connectionName: '<connection>', ... })",
      "  # TODO: execute_tool(tool_name=\"made_up\")",
      String.raw`    "    # TODO(scalekit-migrate): execute_tool(tool_name=\"<tool>\")\n",`,
      String.raw`    "    r = client.actions.execute_tool(tool_name=\"gmail_fetch_mails\", identifier=uid, connection_name=\"gmail\")\n",`,
      "sk.tools.listScopedTools(u, { filter: { connectionNames: ['NOTION', ...more].map(toScalekitConnectionName) } });",
      'tools = scalekit_openai_tools(client, user, tool_names=[to_scalekit_tool_name(name) for name in [slugs.SEARCH, "GMAIL_SEND_EMAIL"]])',
    ].join('\n');
    expect(writtenNames(text).map((n) => `${n.line} ${n.kind} ${n.name}`)).toEqual([
      '1 tool notion_create_notion_page',
      '1 connection notion',
      '2 tool linear_issue_create',
      '2 connection perplexityai',
      '3 tool gmail_send_message',
      '3 tool gmail_send_email',
      '3 connection gmail',
      '4 tool github_create_an_issue',
      '4 connection github',
      '8 tool gmail_fetch_mails',
      '8 connection gmail',
    ]);
    expect(namesNotInCatalog(text).map((n) => n.name)).toEqual(['notion_create_notion_page', 'perplexityai', 'gmail_send_email', 'github_create_an_issue']);
  });

  it('holds for every fixture output', () => {
    let count = 0;
    const bad: string[] = [];
    for (const fixture of loadFixtures()) {
      for (const [file, text] of fixture.output) {
        count += writtenNames(text).length;
        for (const n of namesNotInCatalog(text)) bad.push(`${fixture.name} ${file}:${n.line} ${n.kind} ${n.name}`);
      }
    }
    expect(bad).toEqual([]);
    // the scan reads what the fixtures write (about 400 names today), not nothing
    expect(count).toBeGreaterThan(300);
  });
});
