import type { IncomingTriggerPayload } from '@composio/core';
import type { ComposioClient } from '../lib/composio-client';
import type { Logger } from './types';

export const COMMIT_TRIGGER = 'GITHUB_COMMIT_EVENT';
export const NEW_MAIL_TRIGGER = 'GMAIL_NEW_GMAIL_MESSAGE';

export interface WatchedRepo {
  owner: string;
  repo: string;
  channel: string;
}

type Handler = (event: IncomingTriggerPayload) => Promise<void> | void;

/**
 * Sets up and tears down Composio triggers. In production the events arrive
 * through routes/webhooks.js; `listen()` is for local development only.
 */
export class TriggerService {
  private handlers = new Map<string, Handler[]>();
  private listening = false;

  constructor(
    private readonly composio: ComposioClient,
    private readonly logger: Logger = console,
  ) {}

  on(triggerSlug: string, handler: Handler): this {
    const list = this.handlers.get(triggerSlug) ?? [];
    list.push(handler);
    this.handlers.set(triggerSlug, list);
    return this;
  }

  async watchRepo(userId: string, watched: WatchedRepo): Promise<string> {
    const existing = await this.composio.triggers.listActive({ triggerNames: [COMMIT_TRIGGER] });
    const match = existing.items.find(
      (t) => t.triggerConfig?.owner === watched.owner && t.triggerConfig?.repo === watched.repo,
    );
    if (match) {
      this.logger.info(`[triggers] ${watched.owner}/${watched.repo} already watched (${match.id})`);
      return match.id;
    }
    const { triggerId } = await this.composio.triggers.create(userId, COMMIT_TRIGGER, {
      triggerConfig: { owner: watched.owner, repo: watched.repo },
    });
    this.logger.info(`[triggers] watching ${watched.owner}/${watched.repo} -> ${watched.channel} (${triggerId})`);
    return triggerId;
  }

  async watchInbox(userId: string, connectedAccountId: string): Promise<string> {
    const created = await this.composio.triggers.create(userId, NEW_MAIL_TRIGGER, {
      connectedAccountId,
      triggerConfig: { labelIds: 'INBOX', interval: 5 },
    });
    return created.triggerId;
  }

  async unwatchAll(triggerNames: string[] = [COMMIT_TRIGGER, NEW_MAIL_TRIGGER]): Promise<number> {
    const active = await this.composio.triggers.listActive({ triggerNames, limit: 100 });
    await Promise.all(active.items.map((t) => this.composio.triggers.delete(t.id)));
    return active.items.length;
  }

  /** Websocket subscription, dev only (`npm run dev` sets OPSBOT_LOCAL_TRIGGERS=1). */
  async listen(): Promise<void> {
    if (this.listening) return;
    this.listening = true;
    await this.composio.triggers.subscribe(
      async (event) => {
        const handlers = this.handlers.get(event.triggerSlug) ?? [];
        if (handlers.length === 0) {
          this.logger.info(`[triggers] no handler for ${event.triggerSlug}`);
          return;
        }
        for (const handler of handlers) {
          try {
            await handler(event);
          } catch (err) {
            this.logger.error(`[triggers] handler for ${event.triggerSlug} threw`, err);
          }
        }
      },
      { triggerSlug: [...this.handlers.keys()] },
      (error) => this.logger.error('[triggers] subscription error', error),
    );
  }

  async stop(): Promise<void> {
    if (!this.listening) return;
    await this.composio.triggers.unsubscribe();
    this.listening = false;
  }
}
