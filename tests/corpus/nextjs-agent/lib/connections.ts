import { composio, composioUserId } from '@/lib/composio';
import { SUPPORTED_TOOLKITS, type ToolkitSlug } from '@/lib/tools';

/**
 * Our own view of a connected account. The dashboard and the API routes only
 * ever see this shape, never the SDK's type, so swapping SDK versions stays
 * contained to this file.
 */
export interface MyConnection {
  id: string;
  status: string;
  toolkit: { slug: string };
  alias?: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ConnectionState = 'connected' | 'needs_reauth' | 'pending' | 'none';

const ACTIVE_STATUS = 'ACTIVE';
const REAUTH_STATUSES = ['EXPIRED', 'FAILED', 'INACTIVE', 'REVOKED'];

export function isActive(connection: Pick<MyConnection, 'status'>): boolean {
  // Older rows in our db stored the status lower-cased, so normalise both sides.
  return connection.status.toLowerCase() === 'active';
}

export function stateOf(connection: MyConnection | undefined): ConnectionState {
  if (!connection) return 'none';
  if (connection.status === ACTIVE_STATUS) return 'connected';
  if (REAUTH_STATUSES.includes(connection.status)) return 'needs_reauth';
  return 'pending';
}

/** All of a user's connected accounts, newest first, following the cursor. */
export async function listConnections(userId: string): Promise<MyConnection[]> {
  const all: MyConnection[] = [];
  let cursor: string | undefined;

  do {
    const page = await composio.connectedAccounts.list({
      userIds: [userId],
      orderBy: 'updated_at',
      limit: 50,
      cursor,
    });
    const accounts: MyConnection[] = page.items;
    all.push(...accounts);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  return all;
}

/** The account the assistant should use for a toolkit, if there is one. */
export async function activeConnectionFor(
  userId: string,
  toolkit: ToolkitSlug,
): Promise<MyConnection | null> {
  const list = await composio.connectedAccounts.list({
    userIds: [userId],
    toolkitSlugs: [toolkit],
    statuses: ['ACTIVE'],
  });
  return list.items.length > 0 ? list.items[0] : null;
}

/** toolkit -> state, for the settings page and the chat sidebar. */
export async function connectionSummary(userId: string): Promise<Record<ToolkitSlug, ConnectionState>> {
  const connections = await listConnections(userId);
  const summary = {} as Record<ToolkitSlug, ConnectionState>;

  for (const slug of SUPPORTED_TOOLKITS) {
    const forToolkit = connections.filter((c) => c.toolkit.slug === slug);
    // Prefer an active account when the user has several for one toolkit.
    const best = forToolkit.find(isActive) ?? forToolkit[0];
    summary[slug] = stateOf(best);
  }
  return summary;
}

/**
 * Look an account up and make sure it belongs to the user. Composio account
 * ids are not secret, so never trust an id straight from the browser.
 */
export async function ownedConnection(userId: string, connectionId: string): Promise<MyConnection> {
  const { items } = await composio.connectedAccounts.list({ userIds: [userId] });
  const match = items.find((item) => item.id === connectionId);
  if (!match) {
    throw new Error(`Connection ${connectionId} not found for this user`);
  }
  const account = await composio.connectedAccounts.get(match.id);
  return {
    id: account.id,
    status: account.status,
    toolkit: account.toolkit,
    alias: account.alias,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

/** Same, keyed by our user record (server components don't know Composio ids). */
export function connectionSummaryFor(user: { id: string; workspaceId?: string | null }) {
  return connectionSummary(composioUserId(user));
}

export function toPublicConnection(c: MyConnection) {
  return {
    id: c.id,
    toolkit: c.toolkit.slug,
    status: c.status,
    label: c.alias ?? c.toolkit.slug,
    connectedAt: c.createdAt,
  };
}
