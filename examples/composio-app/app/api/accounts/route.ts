import { getComposio } from '@/lib/composio';

export async function GET(req: Request) {
  const userId = new URL(req.url).searchParams.get('userId') ?? '';
  const { items } = await getComposio().connectedAccounts.list({ userIds: [userId], statuses: ['ACTIVE'] });
  return Response.json(items.map((account) => ({ id: account.id, toolkit: account.toolkit.slug, status: account.status })));
}
