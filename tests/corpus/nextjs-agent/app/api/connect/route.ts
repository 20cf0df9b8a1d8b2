import { NextResponse } from 'next/server';
import { ComposioMultipleConnectedAccountsError } from '@composio/core';
import { composio, composioUserId } from '@/lib/composio';
import { authConfigFor, isSupportedToolkit } from '@/lib/tools';
import { userOrThrow, jsonError } from '@/lib/auth';
import { prisma } from '@/lib/db';

const CALLBACK_PATH = '/api/connect/callback';

function callbackUrl(req: Request, toolkit: string): string {
  const url = new URL(CALLBACK_PATH, new URL(req.url).origin);
  url.searchParams.set('toolkit', toolkit);
  return url.toString();
}

/**
 * Starts the OAuth dance for one toolkit.
 *
 *   GET  /api/connect?toolkit=gmail            -> 302 to the provider
 *   POST /api/connect { toolkit, alias? }      -> { url } for a popup
 */
async function startConnection(req: Request, toolkit: string, alias?: string) {
  const user = await userOrThrow();
  const userId = composioUserId(user);
  const authConfigId = authConfigFor(toolkit);

  let request;
  if (authConfigId) {
    // Our own OAuth app (white-labelled consent screen).
    request = await composio.connectedAccounts.link(userId, authConfigId, {
      callbackUrl: callbackUrl(req, toolkit),
      alias,
      allowMultiple: Boolean(alias),
    });
  } else {
    // No auth config in env: let Composio pick or create a managed one.
    request = await composio.toolkits.authorize(userId, toolkit);
  }

  await prisma.connectionAttempt.create({
    data: { userId: user.id, toolkit, requestId: request.id, startedAt: new Date() },
  });

  return request;
}

export async function GET(req: Request) {
  const toolkit = new URL(req.url).searchParams.get('toolkit');
  if (!isSupportedToolkit(toolkit)) {
    return NextResponse.json({ error: `Unsupported toolkit: ${toolkit}` }, { status: 400 });
  }

  try {
    const connection = await startConnection(req, toolkit);
    if (!connection.redirectUrl) {
      // API-key style toolkits come back already connected.
      return NextResponse.redirect(new URL(`/settings/integrations?connected=${toolkit}`, req.url));
    }
    return NextResponse.redirect(connection.redirectUrl);
  } catch (err) {
    if (err instanceof ComposioMultipleConnectedAccountsError) {
      return NextResponse.redirect(
        new URL(`/settings/integrations?error=already_connected&toolkit=${toolkit}`, req.url),
      );
    }
    return jsonError(err);
  }
}

export async function POST(req: Request) {
  const body = (await req.json().catch(() => ({}))) as { toolkit?: string; alias?: string };
  if (!isSupportedToolkit(body.toolkit)) {
    return NextResponse.json({ error: 'toolkit is required' }, { status: 400 });
  }

  try {
    const { redirectUrl, id } = await startConnection(req, body.toolkit, body.alias);
    return NextResponse.json({ url: redirectUrl ?? null, requestId: id });
  } catch (err) {
    return jsonError(err);
  }
}
