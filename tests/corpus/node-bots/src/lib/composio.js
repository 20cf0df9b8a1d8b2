'use strict';

/**
 * One place that builds the Composio clients.
 *
 * We are halfway through moving from composio-core (0.5, "toolsets" and
 * entities) to @composio/core. New code should use `composio`; `toolset`
 * stays until the Discord bot and the release-notes agent are ported.
 */
require('dotenv').config();

const { Composio } = require('@composio/core');
const { OpenAIProvider } = require('@composio/openai');
const { OpenAIToolSet } = require('composio-core');
const { DEFAULT_USER } = require('./constants');

if (!process.env.COMPOSIO_API_KEY) {
  // don't throw at import time: the dashboard can still boot without tools
  console.warn('[composio] COMPOSIO_API_KEY is not set, tool calls will fail');
}

const composio = new Composio({
  apiKey: process.env.COMPOSIO_API_KEY,
  provider: new OpenAIProvider(),
  toolkitVersions: { github: '20250909_00', slack: '20250909_00' },
});

// legacy toolset, scoped to the shared ops entity by default
const toolset = new OpenAIToolSet({
  apiKey: process.env.COMPOSIO_API_KEY,
  entityId: DEFAULT_USER,
});

let _legacyClient = null;

/** The raw legacy client (apps, integrations, connectedAccounts...). */
function getLegacyClient() {
  if (!_legacyClient) {
    _legacyClient = toolset.client;
  }
  return _legacyClient;
}

/** Getter kept for older call sites that did `require('./composio').getComposio()`. */
function getComposio() {
  return composio;
}

module.exports = { composio, toolset, getComposio, getLegacyClient };
