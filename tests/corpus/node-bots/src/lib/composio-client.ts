/**
 * Typed Composio client for the TypeScript half of the codebase
 * (services, bots, jobs). The Express routes still use lib/composio.js.
 *
 * Everything goes through getComposio() so tests can swap the instance.
 */
import { Composio } from '@composio/core';
import { OpenAIProvider } from '@composio/openai';

export type ComposioClient = Composio<OpenAIProvider>;

let instance: ComposioClient | undefined;

export function getComposio(): ComposioClient {
  if (!instance) {
    const apiKey = process.env.COMPOSIO_API_KEY;
    if (!apiKey) {
      throw new Error('COMPOSIO_API_KEY is required');
    }
    instance = new Composio({
      apiKey,
      provider: new OpenAIProvider(),
      toolkitVersions: { github: '20250909_00', slack: '20250909_00', gmail: '20250909_00' },
    });
  }
  return instance;
}

/** Only for tests. */
export function setComposio(client: ComposioClient | undefined): void {
  instance = client;
}

// Same slugs as lib/constants.js; duplicated until the JS side is converted.
export const TOOL = {
  SEND_EMAIL: 'GMAIL_SEND_EMAIL',
  FETCH_EMAILS: 'GMAIL_FETCH_EMAILS',
  CREATE_ISSUE: 'GITHUB_CREATE_AN_ISSUE',
  COMMENT_ON_ISSUE: 'GITHUB_CREATE_AN_ISSUE_COMMENT',
  LIST_ISSUES: 'GITHUB_LIST_REPOSITORY_ISSUES',
  LIST_COMMITS: 'GITHUB_LIST_COMMITS',
  SLACK_POST: 'SLACK_SEND_MESSAGE',
  SLACK_CHANNELS: 'SLACK_LIST_ALL_CHANNELS',
  NOTION_PAGE: 'NOTION_CREATE_NOTION_PAGE',
  LINEAR_ISSUE: 'LINEAR_CREATE_LINEAR_ISSUE',
  CALENDAR_EVENT: 'GOOGLECALENDAR_CREATE_EVENT',
} as const;

export type ToolSlug = (typeof TOOL)[keyof typeof TOOL];

/** Slack user ids are the Composio user ids; Discord users get a prefix. */
export function composioUserId(platform: 'slack' | 'discord', platformUserId: string): string {
  return platform === 'slack' ? platformUserId : `discord:${platformUserId}`;
}
