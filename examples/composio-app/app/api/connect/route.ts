import { NextResponse } from 'next/server';
import { getComposio, AUTH_CONFIGS } from '@/lib/composio';

export async function POST(req: Request) {
  const { userId, toolkit } = await req.json();
  const composio = getComposio();
  const existing = await composio.connectedAccounts.list({ userIds: [userId], toolkitSlugs: [toolkit] });
  if (existing.items.some((a) => a.status === 'ACTIVE')) {
    return NextResponse.json({ connected: true });
  }
  const request = await composio.connectedAccounts.link(userId, AUTH_CONFIGS[toolkit]!, {
    callbackUrl: `${process.env.NEXT_PUBLIC_APP_URL}/settings`,
  });
  return NextResponse.json({ url: request.redirectUrl });
}

export async function DELETE(req: Request) {
  const { accountId } = await req.json();
  await getComposio().connectedAccounts.delete(accountId);
  return NextResponse.json({ ok: true });
}
