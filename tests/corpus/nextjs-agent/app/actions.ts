'use server';

import { revalidatePath } from 'next/cache';
import { composio, getComposio, composioUserId } from '@/lib/composio';
import { TOOLS, TRIGGERS, GMAIL_SEND, isSupportedToolkit, type TriggerKey } from '@/lib/tools';
import { activeConnectionFor, listConnections, isActive } from '@/lib/connections';
import { requireUser } from '@/lib/auth';
import { prisma, recordToolRun } from '@/lib/db';

// Server actions used by the settings page and the chat "quick actions" bar.
// They return plain objects ({ ok, error }) instead of throwing so the forms
// can show the message inline.

type ActionResult<T = undefined> = { ok: true; data?: T } | { ok: false; error: string };

function fail(error: unknown): { ok: false; error: string } {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

// ---------------------------------------------------------------------------
// Quick actions
// ---------------------------------------------------------------------------

export async function starRepository(formData: FormData): Promise<ActionResult> {
  const user = await requireUser();
  const [owner, repo] = String(formData.get('repo') ?? '').split('/');
  if (!owner || !repo) return { ok: false, error: 'Use the owner/repo format' };

  const client = getComposio();
  const result = await client?.tools?.execute(TOOLS.github.star, {
    userId: composioUserId(user),
    arguments: { owner, repo },
  });

  if (!result?.successful) {
    return { ok: false, error: result?.error ?? 'GitHub did not accept the request' };
  }
  return { ok: true };
}

interface SentEmail {
  messageId: string;
  threadId: string | null;
}

export async function sendEmail(input: {
  to: string;
  subject: string;
  body: string;
}): Promise<ActionResult<SentEmail>> {
  const user = await requireUser();
  const userId = composioUserId(user);

  try {
    const result = await composio.tools.execute(GMAIL_SEND, {
      userId,
      arguments: {
        recipient_email: input.to,
        subject: input.subject,
        body: input.body,
        is_html: /<[a-z][\s\S]*>/i.test(input.body),
      },
    });

    await recordToolRun({
      userId,
      tool: GMAIL_SEND,
      ok: result.successful,
      error: result.error,
      logId: result.logId,
      source: 'action',
    });

    if (!result.successful) return { ok: false, error: result.error ?? 'Send failed' };

    return {
      ok: true,
      data: {
        messageId: result.data.id as string,
        threadId: (result.data.threadId as string | undefined) ?? null,
      },
    };
  } catch (err) {
    return fail(err);
  }
}

function issueBody(summary: string, transcriptUrl: string | undefined): string {
  return [
    summary.trim(),
    '',
    transcriptUrl ? `_Filed from a Relay conversation: ${transcriptUrl}_` : '_Filed from Relay_',
  ].join('\n');
}

export async function createIssueFromChat(input: {
  repo: string;
  title: string;
  summary: string;
  transcriptUrl?: string;
}): Promise<ActionResult<{ url: string; number: number }>> {
  const user = await requireUser();
  const [owner, repo] = input.repo.split('/');

  const created = await composio.tools.execute(TOOLS.github.createIssue, {
    userId: composioUserId(user),
    arguments: {
      owner,
      repo,
      title: input.title,
      body: issueBody(input.summary, input.transcriptUrl),
      labels: ['from-relay'],
    },
  });

  if (!created.successful) return { ok: false, error: created.error ?? 'Could not create the issue' };

  const issue = created.data as { html_url?: string; number?: number };
  revalidatePath('/chat');
  return { ok: true, data: { url: issue.html_url ?? '', number: issue.number ?? 0 } };
}

interface CalendarEvent {
  id: string;
  title: string;
  start: string;
}

function toCalendarEvents(data: Record<string, unknown>): CalendarEvent[] {
  const items = (data.items ?? []) as Array<{
    id: string;
    summary?: string;
    start?: { dateTime?: string; date?: string };
  }>;
  return items.map((e) => ({
    id: e.id,
    title: e.summary ?? '(busy)',
    start: e.start?.dateTime ?? e.start?.date ?? '',
  }));
}

export async function upcomingEvents(): Promise<CalendarEvent[]> {
  const user = await requireUser();
  const userId = composioUserId(user);

  const calendar = await activeConnectionFor(userId, 'googlecalendar');
  if (!calendar) return [];

  const now = new Date();
  const inAWeek = new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000);
  const response = await composio.tools.execute(TOOLS.calendar.listEvents, {
    userId,
    connectedAccountId: calendar.id,
    arguments: {
      calendarId: 'primary',
      timeMin: now.toISOString(),
      timeMax: inAWeek.toISOString(),
      singleEvents: true,
      orderBy: 'startTime',
      maxResults: 10,
    },
  });

  return response.successful ? toCalendarEvents(response.data) : [];
}

// ---------------------------------------------------------------------------
// Integrations settings
// ---------------------------------------------------------------------------

export async function disconnectToolkit(toolkit: string): Promise<ActionResult<{ removed: number }>> {
  const user = await requireUser();
  if (!isSupportedToolkit(toolkit)) return { ok: false, error: `Unknown toolkit ${toolkit}` };

  const connections = await listConnections(composioUserId(user));
  const targets = connections.filter((c) => c.toolkit.slug === toolkit);

  for (const connection of targets) {
    await composio.connectedAccounts.delete(connection.id);
  }
  await prisma.integration.deleteMany({ where: { userId: user.id, toolkit } });

  revalidatePath('/settings/integrations');
  return { ok: true, data: { removed: targets.length } };
}

/**
 * Make sure there is an auth config for a toolkit (admin only). Used by the
 * "bring your own OAuth app" form.
 */
export async function ensureAuthConfig(toolkit: string, clientId?: string, clientSecret?: string) {
  const user = await requireUser();
  if (user.plan !== 'team') return { ok: false as const, error: 'Team plan only' };

  const existing = await composio.authConfigs.list({ toolkit });
  const usable = existing.items.filter((config) => config.status === 'ENABLED');
  if (usable.length > 0 && !clientId) {
    return { ok: true as const, authConfigId: usable[0].id, created: false };
  }

  const created = clientId && clientSecret
    ? await composio.authConfigs.create(toolkit, {
        type: 'use_custom_auth',
        authScheme: 'OAUTH2',
        name: `${toolkit} (workspace ${user.workspaceId})`,
        credentials: { client_id: clientId, client_secret: clientSecret },
      })
    : await composio.authConfigs.create(toolkit, {
        type: 'use_composio_managed_auth',
        name: `${toolkit} (managed)`,
      });

  await prisma.workspace.update({
    where: { id: user.workspaceId },
    data: { [`${toolkit}AuthConfigId`]: created.id },
  });
  return { ok: true as const, authConfigId: created.id, created: true };
}

// ---------------------------------------------------------------------------
// Triggers
// ---------------------------------------------------------------------------

export async function enableTrigger(key: TriggerKey): Promise<ActionResult<{ triggerId: string }>> {
  const user = await requireUser();
  const userId = composioUserId(user);
  const slug = TRIGGERS[key];
  const toolkit = slug.split('_')[0].toLowerCase();

  const connections = await listConnections(userId);
  const account = connections.find((c) => c.toolkit.slug === toolkit && isActive(c));
  if (!account) return { ok: false, error: `Connect ${toolkit} first` };

  try {
    const triggerConfig: Record<string, unknown> =
      key === 'newEmail' ? { labelIds: 'INBOX', interval: 1, userId: 'me' } : {};
    const { triggerId } = await composio.triggers.create(userId, slug, {
      connectedAccountId: account.id,
      triggerConfig,
    });

    await prisma.triggerSubscription.create({
      data: { userId: user.id, slug, triggerId, connectedAccountId: account.id },
    });
    revalidatePath('/settings/integrations');
    return { ok: true, data: { triggerId } };
  } catch (err) {
    return fail(err);
  }
}

export async function disableTrigger(triggerId: string): Promise<ActionResult> {
  const user = await requireUser();
  const owned = await prisma.triggerSubscription.findFirst({ where: { userId: user.id, triggerId } });
  if (!owned) return { ok: false, error: 'Not found' };

  await composio.triggers.delete(triggerId);
  await prisma.triggerSubscription.delete({ where: { id: owned.id } });
  revalidatePath('/settings/integrations');
  return { ok: true };
}

export async function listMyTriggers() {
  const user = await requireUser();
  const connections = await listConnections(composioUserId(user));
  if (connections.length === 0) return [];

  const active = await composio.triggers.listActive({
    connectedAccountIds: connections.map((c) => c.id),
  });
  return active.items.map((t) => ({
    id: t.id,
    slug: t.triggerName,
    enabled: t.disabledAt == null,
    since: t.updatedAt,
  }));
}
