'use strict';

const express = require('express');
const { composio, toolset } = require('../lib/composio');
const { TOOLS, TOOLKITS, META_TOOLS } = require('../lib/constants');

const router = express.Router();

// Tools the dashboard is allowed to run directly. Everything else has to go through a bot.
const ALLOWED_DIRECT = new Set([TOOLS.STAR_REPO, TOOLS.CREATE_ISSUE, TOOLS.SLACK_POST, TOOLS.NOTION_PAGE, TOOLS.FETCH_EMAILS]);

function httpError(status, message) {
  const err = new Error(message);
  err.status = status;
  err.expose = true;
  return err;
}

/** Trim a tool result down to something we can show in a toast. */
function summarize(slug, result) {
  const data = result.data || {};
  const keys = Object.keys(data);
  return {
    slug,
    ok: result.successful,
    error: result.error || null,
    preview: keys.length ? JSON.stringify(data).slice(0, 280) : '(no data)',
    fields: keys.slice(0, 10),
  };
}

router.get('/', async (req, res, next) => {
  const toolkits = req.query.toolkits ? String(req.query.toolkits).split(',') : TOOLKITS;
  try {
    // ?agent=1 returns what the agent sees: meta tools plus the direct ones
    const filters = req.query.agent === '1'
      ? { tools: [...META_TOOLS, ...ALLOWED_DIRECT] }
      : { toolkits, limit: Number(req.query.limit) || 25 };
    const tools = await composio.tools.get(req.userId, filters);
    res.json({
      count: tools.length,
      tools: tools.map((t) => ({
        name: t.function.name,
        description: (t.function.description || '').split('\n')[0],
        params: Object.keys((t.function.parameters && t.function.parameters.properties) || {}),
      })),
    });
  } catch (err) {
    next(err);
  }
});

router.get('/search', async (req, res, next) => {
  const q = String(req.query.q || '').trim();
  if (!q) return next(httpError(400, 'q is required'));
  try {
    const found = await composio.tools.get(req.userId, { search: q });
    res.json(found.slice(0, 10).map((t) => t.function.name));
  } catch (err) {
    next(err);
  }
});

router.post('/:slug/execute', async (req, res, next) => {
  const slug = req.params.slug.toUpperCase();
  if (!ALLOWED_DIRECT.has(slug)) {
    return next(httpError(403, `${slug} cannot be run from the dashboard`));
  }
  try {
    const result = await composio.tools.execute(slug, {
      userId: req.userId,
      arguments: req.body.arguments || {},
      connectedAccountId: req.body.connectedAccountId,
      dangerouslySkipVersionCheck: true,
    });
    if (!result.successful) {
      console.warn(`[tools] ${slug} failed for ${req.userId}: ${result.error}`);
    }
    res.status(result.successful ? 200 : 502).json(summarize(slug, result));
  } catch (err) {
    next(err);
  }
});

// "Star us on GitHub" button on the dashboard's about page.
router.post('/star', async (req, res, next) => {
  const { owner = 'opsbot-dev', repo = 'opsbot' } = req.body || {};
  try {
    const starred = await composio.tools.execute(TOOLS.STAR_REPO, {
      userId: req.userId,
      arguments: { owner, repo },
      dangerouslySkipVersionCheck: true,
    });
    res.json({ starred: starred.successful, repo: `${owner}/${repo}` });
  } catch (err) {
    next(err);
  }
});

// Old endpoint, kept for the v1 dashboard. Runs through the legacy toolset with the entity id.
router.post('/legacy/:action', async (req, res, next) => {
  const action = req.params.action;
  try {
    const response = await toolset.executeAction({
      action,
      params: req.body.params || {},
      entityId: req.userId,
    });
    if (!response.successful) {
      return res.status(502).json({ error: response.error || 'action failed' });
    }
    res.json(summarize(action, response));
  } catch (err) {
    next(err);
  }
});

// Raw API access for the couple of GitHub endpoints that have no tool.
router.post('/proxy', async (req, res, next) => {
  const { endpoint, method = 'GET', connectedAccountId, body } = req.body || {};
  if (!endpoint || !connectedAccountId) return next(httpError(400, 'endpoint and connectedAccountId are required'));
  try {
    const proxied = await composio.tools.proxyExecute({ endpoint, method, connectedAccountId, body });
    res.status(proxied.status || 200).json(proxied.data);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
