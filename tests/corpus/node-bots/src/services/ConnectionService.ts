import type { ComposioClient } from '../lib/composio-client';
import type { ConnectionSummary, Logger, MyConnection } from './types';

const CALLBACK_BASE = process.env.PUBLIC_URL ?? 'http://localhost:3030';

// Statuses after which the user has to go through OAuth again.
const REAUTH_STATUSES = new Set(['EXPIRED', 'FAILED', 'REVOKED']);

export class ConnectionNeededError extends Error {
  constructor(
    public readonly toolkit: string,
    public readonly redirectUrl: string | null | undefined,
  ) {
    super(`Connect ${toolkit} first: ${redirectUrl ?? '(no link)'}`);
    this.name = 'ConnectionNeededError';
  }
}

/**
 * Everything about "is this user connected to X" lives here, so the bots
 * don't each grow their own copy of the OAuth logic.
 */
export class ConnectionService {
  private readonly authConfigCache = new Map<string, string>();

  constructor(
    private readonly composio: ComposioClient,
    private readonly logger: Logger = console,
  ) {}

  async listForUser(userId: string, toolkits?: string[]): Promise<MyConnection[]> {
    const list = await this.composio.connectedAccounts.list({
      userIds: [userId],
      toolkitSlugs: toolkits,
      orderBy: 'updated_at',
    });
    const accounts: MyConnection[] = list.items;
    return accounts.filter((a) => !a.isDisabled);
  }

  async summary(userId: string, toolkits: string[]): Promise<ConnectionSummary[]> {
    const accounts = await this.listForUser(userId, toolkits);
    return toolkits.map((toolkit) => {
      const forToolkit = accounts.filter((a) => a.toolkit.slug === toolkit);
      const active = forToolkit.find((a) => a.status === 'ACTIVE');
      return {
        toolkit,
        connected: Boolean(active),
        connectionId: active?.id ?? forToolkit[0]?.id,
        needsReauth: !active && forToolkit.some((a) => REAUTH_STATUSES.has(a.status)),
      };
    });
  }

  /** Returns the active connected account id, or throws with a link the user can click. */
  async requireConnection(userId: string, toolkit: string): Promise<string> {
    const { items } = await this.composio.connectedAccounts.list({
      userIds: [userId],
      toolkitSlugs: [toolkit],
      statuses: ['ACTIVE'],
    });
    if (items.length > 0) {
      return items[0].id;
    }
    const request = await this.startConnection(userId, toolkit);
    throw new ConnectionNeededError(toolkit, request.redirectUrl);
  }

  async startConnection(userId: string, toolkit: string) {
    const authConfigId = await this.authConfigFor(toolkit);
    this.logger.info(`[connections] starting ${toolkit} connection for ${userId} via ${authConfigId}`);
    return this.composio.connectedAccounts.initiate(userId, authConfigId, {
      callbackUrl: `${CALLBACK_BASE}/connected?toolkit=${toolkit}`,
      allowMultiple: true,
    });
  }

  async waitUntilConnected(connectionId: string, timeoutMs = 90_000): Promise<MyConnection | null> {
    try {
      const account = await this.composio.connectedAccounts.waitForConnection(connectionId, timeoutMs);
      const mine: MyConnection = account;
      return mine;
    } catch (err) {
      this.logger.warn(`[connections] ${connectionId} did not become active: ${(err as Error).message}`);
      return null;
    }
  }

  async disconnect(userId: string, toolkit: string): Promise<number> {
    const accounts = await this.listForUser(userId, [toolkit]);
    for (const account of accounts) {
      await this.composio.connectedAccounts.delete(account.id);
    }
    return accounts.length;
  }

  /** The dashboard still sends lowercase statuses ('active', 'expired'...). */
  static isHealthy(status: string | undefined): boolean {
    return (status ?? '').toLowerCase() === 'active';
  }

  private async authConfigFor(toolkit: string): Promise<string> {
    const cached = this.authConfigCache.get(toolkit);
    if (cached) return cached;

    const existing = await this.composio.authConfigs.list({ toolkit });
    let id = existing.items.find((c) => c.status === 'ENABLED')?.id;
    if (!id) {
      const created = await this.composio.authConfigs.create(toolkit, {
        type: 'use_composio_managed_auth',
        name: `opsbot-${toolkit}`,
      });
      id = created.id;
      this.logger.info(`[connections] created managed auth config ${id} for ${toolkit}`);
    }
    this.authConfigCache.set(toolkit, id);
    return id;
  }
}
