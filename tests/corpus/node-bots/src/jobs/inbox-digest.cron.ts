/**
 * Morning inbox digest.
 *
 * Every weekday at 08:30 (team timezone) we pull the last day of unread mail
 * for everyone who connected Gmail, summarise it and DM it to them on Slack.
 * People whose Gmail connection expired get a reconnect link instead.
 */
import cron from 'node-cron';
import OpenAI from 'openai';
import { getComposio, TOOL } from '../lib/composio-client';
import type { MyConnection } from '../services/types';

const composio = getComposio();
const openai = new OpenAI();

const SCHEDULE = process.env.DIGEST_CRON ?? '30 8 * * 1-5';
const TIMEZONE = process.env.TEAM_TZ ?? 'Europe/Berlin';
const GMAIL_AUTH_CONFIG = process.env.COMPOSIO_GMAIL_AUTH_CONFIG ?? 'ac_gmail_default';
// Some of our old rows stored statuses lowercase; compare case-insensitively.
const REQUIRED_STATUS: string = process.env.DIGEST_REQUIRED_STATUS ?? 'active';

interface DigestEmail {
  from: string;
  subject: string;
  snippet: string;
}

interface DigestResult {
  userId: string;
  outcome: 'sent' | 'empty' | 'reconnect' | 'skipped' | 'error';
  count?: number;
}

function toDigestEmails(data: Record<string, unknown>): DigestEmail[] {
  const messages = (data.messages ?? []) as Array<Record<string, any>>;
  return messages.map((m) => ({
    from: String(m.sender ?? m.from ?? 'unknown'),
    subject: String(m.subject ?? '(no subject)'),
    snippet: String(m.preview?.body ?? m.messageText ?? '').slice(0, 300),
  }));
}

async function summarise(emails: DigestEmail[]): Promise<string> {
  const list = emails.map((e, i) => `${i + 1}. ${e.from} — ${e.subject}\n   ${e.snippet}`).join('\n');
  const completion = await openai.chat.completions.create({
    model: process.env.OPSBOT_MODEL ?? 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Summarise these emails as a short Slack digest. Group by urgency. Max 10 bullets.' },
      { role: 'user', content: list },
    ],
  });
  return completion.choices[0]?.message.content ?? list;
}

async function dm(slackUserId: string, text: string) {
  const res = await composio.tools.execute(TOOL.SLACK_POST, {
    userId: 'ops-team',
    arguments: { channel: slackUserId, markdown_text: text },
    dangerouslySkipVersionCheck: true,
  });
  if (!res.successful) throw new Error(`slack DM to ${slackUserId} failed: ${res.error}`);
}

async function digestFor(account: MyConnection, userId: string): Promise<DigestResult> {
  let status: string = account.status;
  if (account.isDisabled) status = 'DISABLED';

  if (status === 'EXPIRED' || status === 'FAILED') {
    const request = await composio.connectedAccounts.link(userId, GMAIL_AUTH_CONFIG, {
      callbackUrl: `${process.env.PUBLIC_URL}/connected?toolkit=gmail`,
    });
    await dm(userId, `Your Gmail connection ${status.toLowerCase()}. Reconnect to keep getting digests: ${request.redirectUrl}`);
    return { userId, outcome: 'reconnect' };
  }
  if (status.toLowerCase() !== REQUIRED_STATUS.toLowerCase()) {
    return { userId, outcome: 'skipped' };
  }

  const fetched = await composio.tools.execute(TOOL.FETCH_EMAILS, {
    userId,
    connectedAccountId: account.id,
    arguments: { query: 'is:unread newer_than:1d -category:promotions', max_results: 25, include_payload: false },
    dangerouslySkipVersionCheck: true,
  });
  if (!fetched.successful) {
    return { userId, outcome: 'error' };
  }

  const emails = toDigestEmails(fetched.data);
  if (emails.length === 0) return { userId, outcome: 'empty', count: 0 };

  const summary = await summarise(emails);
  await dm(userId, `:email: *Your inbox this morning* (${emails.length} unread)\n${summary}`);
  return { userId, outcome: 'sent', count: emails.length };
}

export async function runDigest(): Promise<DigestResult[]> {
  const results: DigestResult[] = [];
  // Slack user ids of everyone who opted in (the Composio user id is the Slack id)
  const team = (process.env.OPSBOT_DIGEST_USERS ?? '').split(',').map((u) => u.trim()).filter(Boolean);

  for (const userId of team) {
    try {
      const { items } = await composio.connectedAccounts.list({ userIds: [userId], toolkitSlugs: ['gmail'], limit: 5 });
      const gmail: MyConnection | undefined = items.find((a) => a.status === 'ACTIVE') ?? items[0];
      if (!gmail) {
        results.push({ userId, outcome: 'skipped' });
        continue;
      }
      results.push(await digestFor(gmail, userId));
    } catch (err) {
      console.error(`[digest] ${userId} failed`, err);
      results.push({ userId, outcome: 'error' });
    }
  }

  const counts = results.reduce<Record<string, number>>((acc, r) => {
    acc[r.outcome] = (acc[r.outcome] ?? 0) + 1;
    return acc;
  }, {});
  console.log(`[digest] done`, counts);
  return results;
}

if (process.argv.includes('--now')) {
  runDigest().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  cron.schedule(SCHEDULE, () => void runDigest(), { timezone: TIMEZONE });
  console.log(`[digest] scheduled "${SCHEDULE}" (${TIMEZONE})`);
}
