import { NextResponse } from 'next/server';
import {
  ComposioWebhookSignatureVerificationError,
  type IncomingTriggerPayload,
  type ToolExecuteResponse,
} from '@composio/core';
import { composio } from '@/lib/composio';
import { TOOLS, TRIGGERS, SLACK_SEND } from '@/lib/tools';
import { prisma, recordToolRun } from '@/lib/db';

// Composio posts trigger events here (Settings -> Webhooks in the dashboard).
// The body must be read as text: the signature is over the raw bytes.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const WEBHOOK_SECRET = process.env.COMPOSIO_WEBHOOK_SECRET ?? '';

interface DigestTarget {
  userId: string;
  slackChannel: string | null;
  notifyOnEmail: boolean;
  linearTeamId: string | null;
}

async function targetFor(composioUserId: string): Promise<DigestTarget | null> {
  const prefs = await prisma.assistantPrefs.findFirst({
    where: { composioUserId },
    select: { slackChannel: true, notifyOnEmail: true, linearTeamId: true },
  });
  if (!prefs) return null;
  return { userId: composioUserId, ...prefs };
}

function truncate(text: string, max = 280): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

async function logRun(userId: string, tool: string, result: ToolExecuteResponse) {
  await recordToolRun({
    userId,
    tool,
    ok: result.successful,
    error: result.error,
    logId: result.logId,
    source: 'webhook',
  });
  if (!result.successful) {
    console.warn(`[webhook] ${tool} failed for ${userId}: ${result.error}`);
  }
}

async function onNewEmail(event: IncomingTriggerPayload) {
  const target = await targetFor(event.userId);
  if (!target?.notifyOnEmail || !target.slackChannel) return;

  const email = (event.payload ?? {}) as {
    sender?: string;
    subject?: string;
    messageText?: string;
  };

  const message = [
    `:envelope: *New email* from ${email.sender ?? 'someone'}`,
    `>*${email.subject ?? '(no subject)'}*`,
    `>${truncate(email.messageText ?? '').replace(/\n/g, '\n>')}`,
  ].join('\n');

  const result = await composio.tools.execute(SLACK_SEND, {
    userId: event.userId,
    arguments: { channel: target.slackChannel, markdown_text: message },
    dangerouslySkipVersionCheck: true,
  });
  await logRun(event.userId, SLACK_SEND, result);
}

async function onCommit(event: IncomingTriggerPayload) {
  const target = await targetFor(event.userId);
  const commit = (event.payload ?? {}) as { message?: string; author?: string; url?: string; id?: string };

  // Only commits that mention "TODO(linear)" turn into Linear issues.
  if (!target?.linearTeamId || !commit.message?.includes('TODO(linear)')) return;

  const created = await composio.tools.execute(TOOLS.linear.createIssue, {
    userId: event.userId,
    arguments: {
      team_id: target.linearTeamId,
      title: truncate(commit.message.split('\n')[0], 120),
      description: `From commit ${commit.id ?? ''} by ${commit.author ?? 'unknown'}\n\n${commit.url ?? ''}`,
    },
    dangerouslySkipVersionCheck: true,
  });
  await logRun(event.userId, TOOLS.linear.createIssue, created);

  if (created.successful && target.slackChannel) {
    const issueUrl = (created.data.url as string | undefined) ?? '';
    await composio.tools.execute(SLACK_SEND, {
      userId: event.userId,
      arguments: { channel: target.slackChannel, text: `Filed ${issueUrl} from a commit` },
      dangerouslySkipVersionCheck: true,
    });
  }
}

export async function POST(req: Request) {
  const rawBody = await req.text();

  let event: IncomingTriggerPayload;
  try {
    const verified = await composio.triggers.verifyWebhook({
      id: req.headers.get('webhook-id') ?? '',
      signature: req.headers.get('webhook-signature') ?? '',
      timestamp: req.headers.get('webhook-timestamp') ?? '',
      payload: rawBody,
      secret: WEBHOOK_SECRET,
    });
    event = verified.payload;
  } catch (err) {
    if (err instanceof ComposioWebhookSignatureVerificationError) {
      return NextResponse.json({ error: 'bad signature' }, { status: 401 });
    }
    console.error('[webhook] could not parse event', err);
    return NextResponse.json({ error: 'bad payload' }, { status: 400 });
  }

  const connection = event.metadata.connectedAccount;
  console.log(`[webhook] ${event.triggerSlug} for ${event.userId} via ${connection.id} (${connection.status})`);

  try {
    switch (event.triggerSlug) {
      case TRIGGERS.newEmail:
        await onNewEmail(event);
        break;
      case TRIGGERS.githubCommit:
        await onCommit(event);
        break;
      default:
        // Subscribed in the dashboard but not handled (yet).
        break;
    }
  } catch (err) {
    // Answer 200 anyway: Composio retries non-2xx and we do not want the
    // same Slack message three times.
    console.error(`[webhook] handler for ${event.triggerSlug} failed`, err);
  }

  return NextResponse.json({ received: true });
}
