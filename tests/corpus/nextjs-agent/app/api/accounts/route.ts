import { NextResponse } from 'next/server';
import { composio, composioUserId } from '@/lib/composio';
import {
  listConnections,
  ownedConnection,
  toPublicConnection,
  stateOf,
  type MyConnection,
} from '@/lib/connections';
import { SUPPORTED_TOOLKITS, TOOLKIT_LABELS, authConfigFor } from '@/lib/tools';
import { userOrThrow, jsonError } from '@/lib/auth';
import { prisma } from '@/lib/db';
import { forgetSession } from '@/lib/session';

// GET /api/accounts -> every supported toolkit with the user's connection, if any.
export async function GET() {
  try {
    const user = await userOrThrow();
    const connections = await listConnections(composioUserId(user));

    const toolkits = SUPPORTED_TOOLKITS.map((slug) => {
      const mine = connections.filter((c) => c.toolkit.slug === slug);
      return {
        slug,
        ...TOOLKIT_LABELS[slug],
        state: stateOf(mine[0]),
        usesCustomAuth: Boolean(authConfigFor(slug)),
        accounts: mine.map(toPublicConnection),
      };
    });

    return NextResponse.json({ toolkits });
  } catch (err) {
    return jsonError(err);
  }
}

// DELETE /api/accounts?id=ca_... -> disconnect one account.
export async function DELETE(req: Request) {
  const id = new URL(req.url).searchParams.get('id');
  if (!id) {
    return NextResponse.json({ error: 'id is required' }, { status: 400 });
  }

  try {
    const user = await userOrThrow();
    const userId = composioUserId(user);
    const connection: MyConnection = await ownedConnection(userId, id);

    // The typed delete() rejected our ids during the 0.1 -> 0.2 upgrade; the
    // cast stayed.
    await (composio.connectedAccounts as any).delete(connection.id);

    await prisma.integration.deleteMany({
      where: { userId: user.id, connectedAccountId: connection.id },
    });
    forgetSession(userId);

    return NextResponse.json({ ok: true, toolkit: connection.toolkit.slug });
  } catch (err) {
    return jsonError(err);
  }
}

// PATCH /api/accounts { id, action: 'refresh' | 'disable' | 'enable' }
export async function PATCH(req: Request) {
  const { id, action } = (await req.json()) as { id?: string; action?: string };
  if (!id || !action) {
    return NextResponse.json({ error: 'id and action are required' }, { status: 400 });
  }

  try {
    const user = await userOrThrow();
    const connection = await ownedConnection(composioUserId(user), id);

    switch (action) {
      case 'refresh': {
        const origin = new URL(req.url).origin;
        const refreshed = await composio.connectedAccounts.refresh(connection.id, {
          redirectUrl: `${origin}/api/connect/callback?toolkit=${connection.toolkit.slug}`,
        });
        return NextResponse.json({ url: refreshed.redirect_url ?? null, status: refreshed.status });
      }
      case 'disable':
        await composio.connectedAccounts.disable(connection.id);
        return NextResponse.json({ ok: true });
      case 'enable':
        await composio.connectedAccounts.enable(connection.id);
        return NextResponse.json({ ok: true });
      default:
        return NextResponse.json({ error: `Unknown action ${action}` }, { status: 400 });
    }
  } catch (err) {
    return jsonError(err);
  }
}
