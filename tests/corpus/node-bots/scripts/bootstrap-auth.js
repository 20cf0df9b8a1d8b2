#!/usr/bin/env node
'use strict';

/**
 * One-off helper for the SDK migration.
 *
 * 1. Lists the legacy integrations (composio-core) and makes sure each app has
 *    an auth config on the new API, printing the env vars to set.
 * 2. With --users, reports which users still only have legacy connections.
 *
 *   node scripts/bootstrap-auth.js [--create] [--users alice,bob]
 */
const { getComposio, getLegacyClient } = require('../src/lib/composio');
const { TOOLKITS } = require('../src/lib/constants');

const args = process.argv.slice(2);
const CREATE = args.includes('--create');
const usersArg = args.indexOf('--users');
const USERS = usersArg >= 0 ? String(args[usersArg + 1] || '').split(',').filter(Boolean) : [];

async function ensureAuthConfigs() {
  const composio = getComposio();
  const legacy = getLegacyClient();

  const { items: integrations } = await legacy.integrations.list({ pageSize: 100 });
  const legacyApps = new Set(integrations.map((i) => i.appName.toLowerCase()));
  console.log(`legacy integrations: ${integrations.length} (${[...legacyApps].join(', ')})`);

  const envLines = [];
  for (const toolkit of TOOLKITS) {
    const { items } = await composio.authConfigs.list({ toolkit });
    let config = items.find((c) => c.status === 'ENABLED');

    if (!config && CREATE) {
      const legacyIntegration = integrations.find((i) => i.appName.toLowerCase() === toolkit);
      const created = await composio.authConfigs.create(toolkit, {
        type: 'use_composio_managed_auth',
        name: legacyIntegration ? `${legacyIntegration.name} (migrated)` : `opsbot ${toolkit}`,
      });
      console.log(`  created ${created.id} for ${toolkit}`);
      config = { id: created.id, status: 'ENABLED' };
    }

    if (config) {
      envLines.push(`COMPOSIO_${toolkit.toUpperCase()}_AUTH_CONFIG=${config.id}`);
    } else {
      console.warn(`  ! no auth config for ${toolkit} (run with --create)`);
    }
  }
  console.log('\n# add to .env\n' + envLines.join('\n'));
}

async function reportUsers() {
  const composio = getComposio();
  const legacy = getLegacyClient();
  const rows = [];

  for (const userId of USERS) {
    const [v3, old] = await Promise.all([
      composio.connectedAccounts.list({ userIds: [userId] }),
      legacy.connectedAccounts.list({ entityId: userId, showActiveOnly: true }).catch(() => ({ items: [] })),
    ]);
    const v3Apps = new Set(v3.items.filter((a) => a.status === 'ACTIVE').map((a) => a.toolkit.slug));
    const legacyOnly = (old.items || [])
      .map((c) => String(c.appName).toLowerCase())
      .filter((app) => !v3Apps.has(app));
    rows.push({ userId, v3: [...v3Apps].join(',') || '-', legacyOnly: legacyOnly.join(',') || '-' });
  }
  console.table(rows);
}

(async () => {
  await ensureAuthConfigs();
  if (USERS.length) await reportUsers();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
