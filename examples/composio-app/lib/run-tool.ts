import { getComposio } from '@/lib/composio';

/** Runs the tool the agent picked, for the signed-in user. */
export async function runTool(userId: string, toolSlug: string, input: Record<string, unknown>) {
  const result = await getComposio().tools.execute(toolSlug, { userId, arguments: input });
  if (!result.successful) throw new Error(result.error ?? `${toolSlug} failed`);
  return result.data;
}

export async function createIssue(userId: string, title: string) {
  return getComposio().tools.execute('GITHUB_CREATE_AN_ISSUE', { userId, arguments: { owner: 'acme', repo: 'web', title } });
}
