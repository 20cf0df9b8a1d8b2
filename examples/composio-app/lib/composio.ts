import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';

let client: Composio<VercelProvider> | null = null;

export function getComposio(): Composio<VercelProvider> {
  if (!client) {
    client = new Composio({
      apiKey: process.env.COMPOSIO_API_KEY!,
      provider: new VercelProvider(),
    });
  }
  return client;
}

export const AUTH_CONFIGS: Record<string, string> = {
  github: process.env.GITHUB_AUTH_CONFIG_ID!,
  gmail: process.env.GMAIL_AUTH_CONFIG_ID!,
};
