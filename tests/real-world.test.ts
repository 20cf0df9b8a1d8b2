import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMappings } from '../src/mappings/load.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { writeTree } from './support/fixtures.js';

/**
 * Shapes met in public repositories that do not compile against today's @composio/core (older
 * spellings, calls that never existed), so they cannot be fixtures (fixture inputs must type-check):
 * the run must still do the right thing with them, or report them, and never fail.
 */
async function migrate(text: string) {
  const dir = writeTree(new Map([['app.ts', text]]));
  const result = await runMigration({ paths: [dir], mappings: await loadMappings(), migration, write: false });
  const file = result.files.find((f) => path.basename(f.path) === 'app.ts')!;
  return { after: file.after ?? text, rules: file.findings.map((f) => f.rule), status: file.status };
}

describe('code from the wild', () => {
  it("connectedAccounts.list({ entityId }) (an older spelling of one user's id) becomes the identifier", async () => {
    const { after, rules } = await migrate(
      "import { Composio } from '@composio/core';\nconst composio = new Composio();\nexport const list = (entityId: string) => composio.connectedAccounts.list({ entityId } as never);\nexport const again = (id: string) => composio.connectedAccounts.list({ entityId: id });\n",
    );
    expect(after).toContain('composio.actions.listConnectedAccounts({ identifier: id })');
    expect(rules).not.toContain('transform-failed');
  });

  it('a call the SDK never had (client.google.calendar.createEvent) is kept and reported, not dropped', async () => {
    const { after, rules, status } = await migrate(
      "import { Composio } from '@composio/core';\nexport async function f() {\n  const client = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });\n  return client.google.calendar.createEvent({ entityId: 'me' });\n}\n",
    );
    expect(status).toBe('changed');
    expect(after).toContain('return client.google.calendar.createEvent');
    expect(rules).toContain('composio-call-unmigrated');
  });
});
