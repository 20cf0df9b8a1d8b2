import { NextResponse } from 'next/server';
import { ConnectionRequestTimeoutError } from '@composio/core';
import { composio } from '@/lib/composio';
import { currentUser } from '@/lib/auth';
import { prisma } from '@/lib/db';
import { forgetSession } from '@/lib/session';
import { composioUserId } from '@/lib/composio';

// Composio redirects here after the provider's consent screen:
//   /api/connect/callback?toolkit=gmail&status=success&connected_account_id=ca_...
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const toolkit = params.get('toolkit') ?? 'unknown';
  const connectedAccountId = params.get('connected_account_id') ?? params.get('connectedAccountId');
  const settings = new URL('/settings/integrations', req.url);

  if (params.get('status') === 'failed' || !connectedAccountId) {
    settings.searchParams.set('error', params.get('error') ?? 'connection_failed');
    settings.searchParams.set('toolkit', toolkit);
    return NextResponse.redirect(settings);
  }

  const user = await currentUser();
  if (!user) {
    return NextResponse.redirect(new URL('/login', req.url));
  }

  // The redirect can beat the token exchange; give it a few seconds.
  let account;
  try {
    account = await composio.connectedAccounts.waitForConnection(connectedAccountId, 15_000);
  } catch (err) {
    if (err instanceof ConnectionRequestTimeoutError) {
      account = await composio.connectedAccounts.get(connectedAccountId);
    } else {
      console.error('[connect/callback]', err);
      settings.searchParams.set('error', 'connection_failed');
      return NextResponse.redirect(settings);
    }
  }

  const expected: string = 'ACTIVE';
  if (account.status !== expected) {
    settings.searchParams.set('error', `status_${account.status.toLowerCase()}`);
    settings.searchParams.set('toolkit', account.toolkit.slug);
    return NextResponse.redirect(settings);
  }

  await prisma.integration.upsert({
    where: { userId_toolkit: { userId: user.id, toolkit: account.toolkit.slug } },
    update: { connectedAccountId: account.id, status: account.status, updatedAt: new Date() },
    create: {
      userId: user.id,
      toolkit: account.toolkit.slug,
      connectedAccountId: account.id,
      status: account.status,
      authConfigId: account.authConfig.id,
    },
  });

  // A new connection changes what the tool-router session can do.
  forgetSession(composioUserId(user));

  settings.searchParams.set('connected', account.toolkit.slug);
  return NextResponse.redirect(settings);
}
