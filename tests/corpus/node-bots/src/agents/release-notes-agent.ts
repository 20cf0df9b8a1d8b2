/**
 * Release notes agent.
 *
 * Reads the merged PRs / commits since the last tag, drafts release notes,
 * files them as a Notion page and announces them in Slack.
 *
 * Tools come from the legacy VercelAIToolSet (works with generateText as-is).
 * OPSBOT_RELEASE_V3=1 adds the same toolkits through @composio/core + VercelProvider
 * so we can compare outputs before switching over.
 */
import { generateText, stepCountIs, type ToolSet } from 'ai';
import { openai } from '@ai-sdk/openai';
import { VercelAIToolSet } from 'composio-core';
import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';

const ENTITY_ID = process.env.OPSBOT_DEFAULT_USER ?? 'ops-team';
const NOTION_PARENT = process.env.NOTION_RELEASES_PAGE_ID ?? '';
const ANNOUNCE_CHANNEL = process.env.SLACK_RELEASES_CHANNEL ?? '#releases';

const toolset = new VercelAIToolSet({
  apiKey: process.env.COMPOSIO_API_KEY,
  entityId: ENTITY_ID,
});

const RELEASE_ACTIONS = [
  'GITHUB_LIST_COMMITS',
  'GITHUB_LIST_PULL_REQUESTS',
  'GITHUB_GET_A_REPOSITORY',
  'NOTION_CREATE_NOTION_PAGE',
  'SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL',
];

export interface ReleaseNotesInput {
  owner: string;
  repo: string;
  since: string; // ISO date of the previous release
  version: string;
  dryRun?: boolean;
}

export interface ReleaseNotesOutput {
  notes: string;
  steps: number;
  toolCalls: string[];
}

async function loadTools(dryRun: boolean): Promise<ToolSet> {
  const actions = dryRun ? RELEASE_ACTIONS.filter((a) => a.startsWith('GITHUB_')) : RELEASE_ACTIONS;
  const legacyTools = await toolset.getTools({ actions }, ENTITY_ID);

  if (process.env.OPSBOT_RELEASE_V3 !== '1') {
    return legacyTools;
  }

  // v3 side-by-side: same tools, new SDK. Keys are the same slugs so these override the legacy ones.
  const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY, provider: new VercelProvider() });
  const v3Tools = await composio.tools.get(ENTITY_ID, { tools: actions });
  console.log(`[release-notes] v3 tools: ${Object.keys(v3Tools).length}, legacy: ${Object.keys(legacyTools).length}`);
  return { ...legacyTools, ...v3Tools };
}

export async function draftReleaseNotes(input: ReleaseNotesInput): Promise<ReleaseNotesOutput> {
  const tools = await loadTools(Boolean(input.dryRun));

  const publishSteps = input.dryRun
    ? 'Do NOT create pages or post messages; just return the notes.'
    : `Then create a Notion page under parent ${NOTION_PARENT} titled "${input.repo} ${input.version}" with the notes,
and post a 3-line summary with the Notion link to Slack channel ${ANNOUNCE_CHANNEL}.`;

  const { text, steps } = await generateText({
    model: openai('gpt-4o'),
    tools,
    stopWhen: stepCountIs(8),
    system:
      'You write concise, user-facing release notes. Group changes under Features, Fixes and Internal. ' +
      'Skip dependency bumps and CI-only changes. Reference PR numbers like (#123).',
    prompt: `Repository: ${input.owner}/${input.repo}
Release: ${input.version}
Include everything merged to the default branch since ${input.since}.
${publishSteps}`,
  });

  const toolCalls = steps.flatMap((s) => s.toolCalls.map((c) => c.toolName));
  return { notes: text, steps: steps.length, toolCalls };
}

/** Fallback when the model messes up: post the notes ourselves via the legacy toolset. */
export async function announce(version: string, notes: string): Promise<boolean> {
  const res = await toolset.executeAction({
    action: 'SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL',
    params: { channel: ANNOUNCE_CHANNEL, text: `*${version}*\n${notes.slice(0, 2500)}` },
    entityId: ENTITY_ID,
  });
  return res.successful;
}

if (require.main === module) {
  const [repoArg, version, since] = process.argv.slice(2);
  const [owner, repo] = (repoArg ?? '').split('/');
  if (!owner || !repo || !version) {
    console.error('usage: release-notes-agent.ts owner/repo v1.2.3 [since-iso]');
    process.exit(2);
  }
  draftReleaseNotes({
    owner,
    repo,
    version,
    since: since ?? new Date(Date.now() - 14 * 86_400_000).toISOString(),
    dryRun: process.argv.includes('--dry-run'),
  })
    .then(async (out) => {
      console.log(out.notes);
      console.error(`[release-notes] ${out.steps} steps, tools: ${out.toolCalls.join(', ') || 'none'}`);
      if (!out.toolCalls.includes('SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL') && !process.argv.includes('--dry-run')) {
        await announce(version, out.notes);
      }
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
