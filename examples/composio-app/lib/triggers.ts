import { getComposio } from '@/lib/composio';

// New GitHub issues are pushed to the agent by Composio.
export async function listenForIssues(onIssue: (payload: unknown) => void): Promise<void> {
  await getComposio().triggers.subscribe((event) => onIssue(event.payload), { toolkits: ['github'] });
}
