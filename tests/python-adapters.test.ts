import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/fixtures.js';

const hasPython3 = spawnSync('python3', ['--version']).status === 0;

describe('the generated Python adapters', () => {
  it.skipIf(!hasPython3)('list every page, skip unnamed tools, and run tool calls for the identifier, failures included', () => {
    const run = spawnSync('python3', [path.join(ROOT, 'tests/support/python-adapters-check.py'), path.join(ROOT, 'templates')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out['openai_tools']).toEqual([
      { type: 'function', function: { name: 'github_repo_star', description: 'Star a repo', parameters: { type: 'object', properties: { repo: { type: 'string' } } } } },
      { type: 'function', function: { name: 'gmail_send_message', description: '', parameters: { type: 'object', properties: {} } } },
    ]);
    expect(out['openai_results']).toEqual([
      { data: { ok: 'github_repo_star' }, error: null, successful: true },
      { data: {}, error: 'tool failed', successful: false },
    ]);
    expect(out['openai_none']).toEqual([]);
    // page_size given: one page only
    expect(out['anthropic_tools']).toEqual([{ name: 'github_repo_star', description: 'Star a repo', input_schema: { type: 'object', properties: { repo: { type: 'string' } } } }]);
    expect(out['anthropic_results']).toEqual([{ data: { ok: 'gmail_send_message' }, error: null, successful: true }]);
    expect(out['calls']).toEqual([
      { identifier: 'u1', filter: { connection_names: ['github'], tool_names: [] }, page_size: null, page_token: null },
      { identifier: 'u1', filter: { connection_names: ['github'], tool_names: [] }, page_size: null, page_token: 'p2' },
      { tool_name: 'github_repo_star', identifier: 'u1', tool_input: { repo: 'x' } },
      { tool_name: 'boom', identifier: 'u1', tool_input: {} },
      { identifier: 'u2', filter: { connection_names: [], tool_names: ['gmail_send_message'] }, page_size: 10, page_token: null },
      { tool_name: 'gmail_send_message', identifier: 'u2', tool_input: { to: 'a@b.c' } },
    ]);
  });
});
