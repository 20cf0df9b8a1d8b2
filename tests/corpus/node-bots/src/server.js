'use strict';

require('dotenv').config();

const express = require('express');
const cors = require('cors');
const morgan = require('morgan');

const { composio } = require('./lib/composio');
const connectionsRouter = require('./routes/connections');
const toolsRouter = require('./routes/tools');
const webhooksRouter = require('./routes/webhooks');

const PORT = Number(process.env.PORT || 3030);
const app = express();

// webhooks need the raw body for signature checks, so mount them before express.json()
app.use('/webhooks', express.raw({ type: 'application/json' }), webhooksRouter);

app.use(cors({ origin: process.env.DASHBOARD_ORIGIN || 'http://localhost:5173', credentials: true }));
app.use(express.json({ limit: '1mb' }));
app.use(morgan(process.env.NODE_ENV === 'production' ? 'combined' : 'dev'));

// very small "auth": the dashboard sends the slack user id it logged in with
app.use((req, _res, next) => {
  const header = req.get('x-opsbot-user');
  req.userId = header && header.trim() ? header.trim() : null;
  next();
});

function requireUser(req, res, next) {
  if (!req.userId) {
    return res.status(401).json({ error: 'missing x-opsbot-user header' });
  }
  next();
}

app.get('/healthz', async (_req, res) => {
  // cheap call to make sure the API key works; cached by the load balancer for 30s
  try {
    const configs = await composio.authConfigs.list({ limit: 1 });
    res.json({ ok: true, composio: 'up', authConfigs: configs.items.length });
  } catch (err) {
    res.status(503).json({ ok: false, composio: 'down', error: String(err && err.message) });
  }
});

app.use('/api/connections', requireUser, connectionsRouter);
app.use('/api/tools', requireUser, toolsRouter);

app.use((req, res) => {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
});

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, _next) => {
  const status = err.status || err.statusCode || 500;
  if (status >= 500) {
    console.error(`[server] ${req.method} ${req.originalUrl} failed`, err);
  }
  res.status(status).json({
    error: err.expose ? err.message : 'internal error',
    code: err.code || undefined,
  });
});

if (require.main === module) {
  app.listen(PORT, () => {
    console.log(`opsbot api listening on http://localhost:${PORT}`);
  });
}

module.exports = app;
