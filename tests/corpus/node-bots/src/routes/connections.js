'use strict';

const express = require('express');
const { composio, getLegacyClient } = require('../lib/composio');
const { AUTH_CONFIGS, TOOLKITS } = require('../lib/constants');

const router = express.Router();

const CALLBACK_URL = `${process.env.PUBLIC_URL || 'http://localhost:3030'}/connected`;

/** Shape the dashboard expects (it predates the new SDK, hence the lowercase status). */
function toDashboardConnection(account) {
  const status = String(account.status || '').toLowerCase();
  return {
    id: account.id,
    app: account.toolkit && account.toolkit.slug,
    status,
    healthy: status === 'active',
    disabled: Boolean(account.isDisabled),
    createdAt: account.createdAt,
    source: 'v3',
  };
}

/** Users created before the migration still only have legacy (entity) connections. */
async function legacyConnections(userId) {
  try {
    const entity = getLegacyClient().getEntity(userId);
    const items = await entity.getConnections();
    return items.map((c) => ({
      id: c.id,
      app: c.appName,
      status: String(c.status).toLowerCase(),
      healthy: c.status === 'ACTIVE',
      disabled: c.enabled === false,
      createdAt: c.createdAt,
      source: 'legacy',
    }));
  } catch (err) {
    console.warn(`[connections] legacy lookup failed for ${userId}: ${err.message}`);
    return [];
  }
}

router.get('/', async (req, res, next) => {
  try {
    const toolkit = req.query.toolkit;
    const list = await composio.connectedAccounts.list({
      userIds: [req.userId],
      toolkitSlugs: toolkit ? [String(toolkit)] : undefined,
      limit: 50,
    });

    let connections = list.items.map(toDashboardConnection);
    if (connections.length === 0 && req.query.includeLegacy !== 'false') {
      connections = await legacyConnections(req.userId);
    }

    res.json({
      connections,
      missing: TOOLKITS.filter((t) => !connections.some((c) => c.app === t && c.healthy)),
      nextCursor: list.nextCursor || null,
    });
  } catch (err) {
    next(err);
  }
});

router.get('/auth-configs', async (req, res, next) => {
  try {
    const { items } = await composio.authConfigs.list({ toolkit: req.query.toolkit });
    res.json(
      items.map((cfg) => ({
        id: cfg.id,
        toolkit: cfg.toolkit.slug,
        name: cfg.name,
        managed: cfg.isComposioManaged,
        enabled: cfg.status === 'ENABLED',
      })),
    );
  } catch (err) {
    next(err);
  }
});

// Start the OAuth dance for a toolkit. Returns the URL the dashboard should open.
router.post('/:toolkit/link', async (req, res, next) => {
  const toolkit = req.params.toolkit.toLowerCase();
  const authConfigId = req.body.authConfigId || AUTH_CONFIGS[toolkit];
  if (!authConfigId) {
    return res.status(400).json({ error: `no auth config for ${toolkit}` });
  }
  try {
    const request = await composio.connectedAccounts.link(req.userId, authConfigId, {
      callbackUrl: `${CALLBACK_URL}?toolkit=${encodeURIComponent(toolkit)}`,
    });
    res.status(201).json({ connectionId: request.id, redirectUrl: request.redirectUrl, status: request.status });
  } catch (err) {
    next(err);
  }
});

// Old flow, still used by the Discord onboarding message. Remove once discord-bot.mjs is ported.
router.post('/:toolkit/legacy', async (req, res, next) => {
  try {
    const entity = getLegacyClient().getEntity(req.userId);
    const connectionRequest = await entity.initiateConnection({
      appName: req.params.toolkit,
      redirectUri: CALLBACK_URL,
    });
    res.status(201).json({
      connectionId: connectionRequest.connectedAccountId,
      redirectUrl: connectionRequest.redirectUrl,
      status: connectionRequest.connectionStatus,
    });
  } catch (err) {
    next(err);
  }
});

// Long-poll used by the dashboard after the popup closes.
router.post('/:id/wait', async (req, res, next) => {
  const timeoutMs = Math.min(Number(req.body.timeoutMs) || 30000, 120000);
  try {
    const account = await composio.connectedAccounts.waitForConnection(req.params.id, timeoutMs);
    res.json(toDashboardConnection(account));
  } catch (err) {
    if (err && err.name === 'ConnectionRequestTimeoutError') {
      return res.status(202).json({ id: req.params.id, status: 'pending' });
    }
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const account = await composio.connectedAccounts.get(req.params.id);
    if (account.status === 'EXPIRED' || account.status === 'FAILED') {
      res.set('x-opsbot-reconnect', '1');
    }
    res.json(toDashboardConnection(account));
  } catch (err) {
    next(err);
  }
});

router.post('/:id/refresh', async (req, res, next) => {
  try {
    const refreshed = await composio.connectedAccounts.refresh(req.params.id);
    res.json({ id: refreshed.id, status: refreshed.status, redirectUrl: refreshed.redirect_url || null });
  } catch (err) {
    next(err);
  }
});

router.delete('/:id', async (req, res, next) => {
  try {
    // make sure the account belongs to the caller before deleting it
    const mine = await composio.connectedAccounts.list({ userIds: [req.userId], limit: 100 });
    if (!mine.items.some((a) => a.id === req.params.id)) {
      return res.status(403).json({ error: 'not your connection' });
    }
    await composio.connectedAccounts.delete(req.params.id);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

module.exports = router;
