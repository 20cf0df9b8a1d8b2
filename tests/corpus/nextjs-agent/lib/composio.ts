import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';

/**
 * One Composio client for the whole app.
 *
 * Route handlers, server actions and the session helpers all import from here
 * so we only ever build the client once per server instance (Next.js dev mode
 * re-evaluates modules on every HMR cycle, hence the globalThis stash).
 */

type AppComposio = Composio<VercelProvider>;

const globalForComposio = globalThis as unknown as {
  __relayComposio?: AppComposio;
};

function buildClient(): AppComposio {
  const apiKey = process.env.COMPOSIO_API_KEY;
  if (!apiKey) {
    throw new Error(
      'COMPOSIO_API_KEY is missing. Copy .env.example to .env.local and fill it in.',
    );
  }

  return new Composio({
    apiKey,
    provider: new VercelProvider({ strict: false }),
    // Pin the toolkits we call by hand so tools.execute() does not need
    // dangerouslySkipVersionCheck everywhere.
    toolkitVersions: {
      github: '20250909_00',
      gmail: '20250909_00',
    },
    allowTracking: process.env.NODE_ENV === 'production',
  });
}

/** Lazy getter: use this where the module may be evaluated at build time. */
export function getComposio(): AppComposio {
  if (!globalForComposio.__relayComposio) {
    globalForComposio.__relayComposio = buildClient();
  }
  return globalForComposio.__relayComposio;
}

/** Most call sites just want the instance. */
export const composio = getComposio();

// The first version of the agent used the OpenAI SDK directly; that route
// still needs plain JSON-schema tools, which is the default provider.
let openaiFlavoured: Composio | null = null;

export function getOpenAIComposio(): Composio {
  if (openaiFlavoured === null) {
    openaiFlavoured = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });
  }
  return openaiFlavoured;
}

/**
 * Composio "user ids" are ours to choose. We namespace them by workspace so a
 * person in two workspaces gets two separate sets of connections.
 */
export function composioUserId(user: { id: string; workspaceId?: string | null }): string {
  return user.workspaceId ? `ws_${user.workspaceId}:${user.id}` : `u_${user.id}`;
}

export type { AppComposio };
