import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/diff.js';
import { loadMappings } from '../src/mappings/load.js';
import { renderJson } from '../src/report/json.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { buildReport } from '../src/report/model.js';
import { runMigration } from '../src/run.js';
import { migration } from '../transforms/index.js';
import { loadFixtures, writeTree } from './support/fixtures.js';

const mappings = await loadMappings();
// every fixture's input: project files (.env, JSON configs) and code (keys in constants, settings, defaults)
const cases = loadFixtures().map(({ name, input }) => ({ name, input }));
const MCP_CONFIG = /(?:^|\/)(?:\.?mcp|claude_desktop_config|mcp_config)\.json$/;

interface Secret {
  value: string;
  /** Replaced or removed by the migration, so it must not be in the migrated text either. */
  migratedAway: boolean;
}

/** Every value of a .env text (each line of a multi-line quoted value too), with the names of the variables it belongs to. */
function dotenvSecrets(text: string): Secret[] {
  const secrets: Secret[] = [];
  let open: { name: string } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (open) {
      secrets.push({ value: line.replace(/"$/, ''), migratedAway: open.name in mappings.envVars.replace });
      if (line.includes('"')) open = undefined;
      continue;
    }
    const match = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, name = '', rest = ''] = match;
    const quoted = /^(["'])(.*?)\1/.exec(rest);
    const value = quoted ? quoted[2]! : rest.startsWith('"') ? rest.slice(1) : rest.replace(/\s+#.*$/, '');
    secrets.push({ value, migratedAway: name in mappings.envVars.replace });
    if (rest.startsWith('"') && !quoted) open = { name };
  }
  return secrets;
}

/** API keys of a JSON config: values under key-like names, `name: value` header arguments, and Composio keys anywhere. */
function jsonSecrets(text: string, file: string): Secret[] {
  const values = [
    ...[...text.matchAll(/"[^"]*(?:api[-_]?key|authorization|token|secret)[^"]*"\s*:\s*"([^"]+)"/gi)].map((m) => m[1]!),
    ...[...text.matchAll(/"(?:x-api-key|authorization)\s*:\s*([^"]+)"/gi)].map((m) => m[1]!),
    ...[...text.matchAll(/\bak_[A-Za-z0-9_]+/g)].map((m) => m[0]),
  ].filter((value) => !value.includes('${'));
  // in these fixtures, every key of an MCP config the run changes belongs to a Composio server
  return values.map((value) => ({ value, migratedAway: MCP_CONFIG.test(file) }));
}

/** Keys written in code: Composio's format anywhere, and quoted values under key-like names (`composio_api_key: str = "..."`). */
function sourceSecrets(text: string): Secret[] {
  const values = [
    ...[...text.matchAll(/\bak_[A-Za-z0-9_]+/g)].map((m) => m[0]),
    ...[...text.matchAll(/[A-Za-z_]*(?:api_?key|apikey|secret|token)[A-Za-z_]*["']?\s*(?::\s*[A-Za-z]+\s*)?[:=]\s*(["'])([A-Za-z0-9_-]{12,})\1/gi)].map((m) => m[2]!),
  ];
  // the migration never removes a key from code that is not the client's: each is reported and left for the user to delete
  return values.map((value) => ({ value, migratedAway: false }));
}

function secretsOf(input: ReadonlyMap<string, string>): Secret[] {
  const secrets: Secret[] = [];
  for (const [file, text] of input) {
    const name = path.posix.basename(file);
    if (name.startsWith('.env')) secrets.push(...dotenvSecrets(text));
    else if (name.endsWith('.json')) secrets.push(...jsonSecrets(text, file));
    else if (/\.(ts|tsx|js|jsx|mjs|cjs|py)$/.test(name)) secrets.push(...sourceSecrets(text));
  }
  return secrets.filter((secret) => secret.value.trim().length >= 6);
}

describe('secrets never leak: project files and code', () => {
  const withSecrets = cases.map((fixture) => ({ fixture, secrets: secretsOf(fixture.input) })).filter((c) => c.secrets.length > 0);

  it('the fixtures hold secrets to look for', () => {
    expect(withSecrets.length).toBeGreaterThanOrEqual(5);
  });

  for (const { fixture, secrets } of withSecrets) {
    it(`${fixture.name}: no value reaches the findings, the reports or the diff, and replaced keys are gone`, async () => {
      const dir = writeTree(fixture.input);
      const result = await runMigration({ paths: [dir], mappings, migration, write: false });
      const printed: string[] = [];
      const migrated: string[] = [];
      for (const file of result.files) {
        const relative = path.relative(dir, file.path).split(path.sep).join('/');
        printed.push(JSON.stringify(file.findings));
        if (file.after !== undefined) {
          printed.push(unifiedDiff(relative, file.before!, file.after, file.language));
          migrated.push(file.after);
        }
      }
      const report = buildReport(result, '0.0.0', dir);
      printed.push(renderJson(report), renderMarkdown(report, mappings.rules));

      // the messages name the secret by its index only: a test log is printed too
      secrets.forEach((secret, index) => {
        for (const text of printed) expect(text.includes(secret.value), `secret #${index} printed`).toBe(false);
        if (secret.migratedAway) for (const text of migrated) expect(text.includes(secret.value), `secret #${index} kept`).toBe(false);
      });
    });
  }
});
