/**
 * Admin chores for Composio connections. Run by hand or from the weekly
 * maintenance workflow:
 *
 *   tsx src/admin/account-maintenance.ts purge [--dry-run]
 *   tsx src/admin/account-maintenance.ts reissue <userId> <toolkit>
 *   tsx src/admin/account-maintenance.ts smoke <userId>
 *   tsx src/admin/account-maintenance.ts export > connections.json
 *
 * Some calls below go through `any`: this file was written against an early
 * @composio/core whose typings didn't match the API, and nobody cleaned it up.
 */
import type { Composio, ConnectedAccountListResponse } from '@composio/core';
import { getComposio, TOOL, type ComposioClient } from '../lib/composio-client';
import type { MyConnection } from '../services/types';

const PURGE_AFTER_DAYS = 30;
const ADMIN_CHANNEL = process.env.SLACK_ADMIN_CHANNEL ?? '#opsbot-admin';

let composio: ComposioClient | undefined;

function init(): ComposioClient {
  composio ??= getComposio();
  return composio;
}

function ageInDays(iso: string | undefined): number {
  return iso ? (Date.now() - Date.parse(iso)) / 86_400_000 : Infinity;
}

async function allAccounts(statuses?: ConnectedAccountListResponse['items'][number]['status'][]): Promise<MyConnection[]> {
  const out: MyConnection[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await init().connectedAccounts.list({ statuses, limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Delete connections that have been failed/expired for a month. */
export async function purgeDeadAccounts(dryRun = true): Promise<string[]> {
  init();
  const dead = (await allAccounts(['FAILED', 'EXPIRED'])).filter((a) => ageInDays(a.createdAt) > PURGE_AFTER_DAYS);
  const removed: string[] = [];
  for (const account of dead) {
    if (dryRun) {
      console.log(`[purge] would delete ${account.id} (${account.toolkit.slug}, ${account.status})`);
      continue;
    }
    // typed as returning void in the version we started on; it actually returns { success }
    const res = await (composio!.connectedAccounts as any).delete(account.id);
    if (res?.success === false) {
      console.warn(`[purge] API refused to delete ${account.id}`);
      continue;
    }
    removed.push(account.id);
  }
  return removed;
}

/** Start a fresh OAuth flow for a user whose token got revoked on the provider side. */
export async function reissueConnection(userId: string, toolkit: string, client: ComposioClient = init()) {
  const configs = await client.authConfigs.list({ toolkit });
  const authConfig = configs.items.find((c) => c.status === 'ENABLED') ?? configs.items[0];
  if (!authConfig) throw new Error(`no auth config for ${toolkit}`);

  // `labels` isn't in the options type but the API still accepts it; we use it to find reissued accounts.
  const request = await (client.connectedAccounts.initiate as any)(userId, authConfig.id, {
    callbackUrl: `${process.env.PUBLIC_URL}/connected?toolkit=${toolkit}&reissued=1`,
    allowMultiple: true,
    labels: ['reissued-by-admin'],
  });
  console.log(`[reissue] ${userId}/${toolkit}: ${request.redirectUrl ?? '(no redirect, api key auth?)'}`);
  return request as { id: string; redirectUrl?: string | null };
}

/** Quick "does the user's GitHub + Gmail still work" check. */
export async function smokeTest(userId: string): Promise<Record<string, boolean>> {
  init();
  const github = await composio!.tools.execute('GITHUB_GET_THE_AUTHENTICATED_USER', {
    userId,
    arguments: {},
    dangerouslySkipVersionCheck: true,
  });
  const gmail = await composio!.tools.execute('GMAIL_GET_PROFILE', {
    userId,
    arguments: { user_id: 'me' },
    dangerouslySkipVersionCheck: true,
  });
  const report = {
    github: github.successful && Boolean(github.data.login),
    gmail: gmail.successful && typeof gmail.data.emailAddress === 'string',
  };
  console.log(`[smoke] ${userId}: github=${report.github} (${github.data.login ?? github.error}) gmail=${report.gmail}`);
  return report;
}

export async function notifyAdmins(text: string, client?: Composio): Promise<boolean> {
  const res = await client?.tools?.execute(TOOL.SLACK_POST, {
    userId: 'ops-team',
    arguments: { channel: ADMIN_CHANNEL, text },
    dangerouslySkipVersionCheck: true,
  });
  return res?.successful ?? false;
}

/** Dump connections without secrets, for the quarterly access review. */
export async function exportConnections() {
  const accounts = (await init().connectedAccounts.list({ limit: 500 })).items;
  return accounts.map((acct) => {
    const state = (acct as any).state?.val ?? {};
    return {
      id: acct.id,
      toolkit: acct.toolkit.slug,
      status: acct.status,
      authConfig: acct.authConfig!.id,
      managed: acct.authConfig.isComposioManaged,
      scopes: state.scope ?? state.scopes ?? null,
      hasRefreshToken: Boolean(state.refresh_token),
      createdAt: acct.createdAt,
    };
  });
}

/** Turn off an auth config (e.g. a leaked client secret) and report how many accounts it had. */
export async function disableAuthConfig(authConfigId: string): Promise<number> {
  const client = init();
  const config = await client.authConfigs.get(authConfigId);
  await client.authConfigs.disable(authConfigId);
  const affected = await client.connectedAccounts.list({ authConfigIds: [authConfigId], limit: 500 });
  await notifyAdmins(
    `:lock: disabled auth config \`${authConfigId}\` (${config.toolkit.slug}); ${affected.items.length} accounts affected`,
    client,
  );
  return affected.items.length;
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case 'purge': {
      const removed = await purgeDeadAccounts(args.includes('--dry-run'));
      if (removed.length) await notifyAdmins(`:broom: purged ${removed.length} dead connections`, composio);
      break;
    }
    case 'reissue':
      await reissueConnection(args[0], args[1]);
      break;
    case 'smoke':
      await smokeTest(args[0]);
      break;
    case 'export':
      process.stdout.write(JSON.stringify(await exportConnections(), null, 2));
      break;
    case 'disable-auth-config':
      console.log(`${await disableAuthConfig(args[0])} accounts affected`);
      break;
    default:
      console.error('usage: account-maintenance.ts purge|reissue|smoke|export|disable-auth-config');
      process.exitCode = 2;
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
