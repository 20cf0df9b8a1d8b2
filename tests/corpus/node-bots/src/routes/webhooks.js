'use strict';

/**
 * Composio trigger webhooks.
 *
 * Configured in the Composio dashboard to point at https://opsbot.example.com/webhooks/composio.
 * We care about two triggers: new commits on the main repos (posted to #eng-feed)
 * and new Gmail messages for the shared ops inbox (turned into Linear issues).
 */
const express = require('express');
const { composio } = require('../lib/composio');
const { TOOLS, DEFAULT_USER } = require('../lib/constants');

const router = express.Router();

const FEED_CHANNEL = process.env.SLACK_FEED_CHANNEL || '#eng-feed';
const LINEAR_TEAM_ID = process.env.LINEAR_TEAM_ID;

const seen = new Map(); // webhook-id -> timestamp, crude de-dupe for retries

function alreadyHandled(id) {
  const now = Date.now();
  for (const [key, ts] of seen) {
    if (now - ts > 10 * 60 * 1000) seen.delete(key);
  }
  if (seen.has(id)) return true;
  seen.set(id, now);
  return false;
}

async function postCommitToSlack(event) {
  const payload = event.payload || {};
  const author = payload.author || 'someone';
  const message = String(payload.message || '').split('\n')[0];
  const text = `:git-commit: *${author}* pushed to \`${payload.repository_name || 'repo'}\`: ${message}\n${payload.url || ''}`;

  const posted = await composio.tools.execute(TOOLS.SLACK_POST, {
    userId: DEFAULT_USER,
    arguments: { channel: FEED_CHANNEL, text, unfurl_links: false },
    dangerouslySkipVersionCheck: true,
  });
  if (!posted.successful) {
    throw new Error(`slack post failed: ${posted.error}`);
  }
  return posted.data;
}

async function emailToLinearIssue(event) {
  const mail = event.payload || {};
  if (!LINEAR_TEAM_ID) {
    console.warn('[webhooks] LINEAR_TEAM_ID not set, dropping email', mail.messageId);
    return null;
  }
  const issue = await composio.tools.execute(TOOLS.LINEAR_ISSUE, {
    userId: event.userId || DEFAULT_USER,
    arguments: {
      team_id: LINEAR_TEAM_ID,
      title: `[inbox] ${mail.subject || '(no subject)'}`,
      description: `From: ${mail.sender || 'unknown'}\n\n${String(mail.messageText || '').slice(0, 4000)}`,
    },
    dangerouslySkipVersionCheck: true,
  });
  return issue.successful ? issue.data : null;
}

const HANDLERS = {
  GITHUB_COMMIT_EVENT: postCommitToSlack,
  GMAIL_NEW_GMAIL_MESSAGE: emailToLinearIssue,
};

router.post('/composio', async (req, res) => {
  const id = req.get('webhook-id');
  let verified;
  try {
    verified = await composio.triggers.verifyWebhook({
      id,
      payload: req.body.toString('utf8'),
      secret: process.env.COMPOSIO_WEBHOOK_SECRET,
      signature: req.get('webhook-signature'),
      timestamp: req.get('webhook-timestamp'),
    });
  } catch (err) {
    console.warn('[webhooks] bad signature', err.message);
    return res.status(401).send('invalid signature');
  }

  // ack fast, Composio retries after 5s
  res.status(200).send('ok');
  if (alreadyHandled(id)) return;

  const event = verified.payload;
  const handler = HANDLERS[event.triggerSlug];
  if (!handler) {
    console.log(`[webhooks] ignoring ${event.triggerSlug} from ${event.toolkitSlug}`);
    return;
  }
  try {
    const out = await handler(event);
    console.log(`[webhooks] handled ${event.triggerSlug} (${event.id})`, out ? Object.keys(out) : '');
  } catch (err) {
    console.error(`[webhooks] handler for ${event.triggerSlug} failed`, err);
  }
});

module.exports = router;
