// Tool slugs and toolkit lists used by the assistant.
// Keep slugs here instead of sprinkling string literals around the codebase:
// Composio renames a slug now and then and we want one place to fix it.

export const TOOLS = {
  gmail: {
    send: 'GMAIL_SEND_EMAIL',
    fetch: 'GMAIL_FETCH_EMAILS',
    draft: 'GMAIL_CREATE_EMAIL_DRAFT',
  },
  github: {
    star: 'GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER',
    createIssue: 'GITHUB_CREATE_AN_ISSUE',
    listIssues: 'GITHUB_LIST_REPOSITORY_ISSUES',
    me: 'GITHUB_GET_THE_AUTHENTICATED_USER',
  },
  slack: {
    send: 'SLACK_SEND_MESSAGE',
    channels: 'SLACK_LIST_ALL_CHANNELS',
  },
  notion: {
    createPage: 'NOTION_CREATE_NOTION_PAGE',
  },
  linear: {
    createIssue: 'LINEAR_CREATE_LINEAR_ISSUE',
    teams: 'LINEAR_LIST_LINEAR_TEAMS',
  },
  calendar: {
    createEvent: 'GOOGLECALENDAR_CREATE_EVENT',
    listEvents: 'GOOGLECALENDAR_EVENTS_LIST',
    freeSlots: 'GOOGLECALENDAR_FIND_FREE_SLOTS',
  },
} as const;

export const GMAIL_SEND = TOOLS.gmail.send;
export const SLACK_SEND = TOOLS.slack.send;

/** Tool-router meta tools we always hand to the model in "direct" mode. */
export const META_TOOLS = ['COMPOSIO_SEARCH_TOOLS', 'COMPOSIO_MANAGE_CONNECTIONS'];

export const SUPPORTED_TOOLKITS = [
  'gmail',
  'github',
  'slack',
  'notion',
  'linear',
  'googlecalendar',
] as const;

export type ToolkitSlug = (typeof SUPPORTED_TOOLKITS)[number];

export const TOOLKIT_LABELS: Record<ToolkitSlug, { name: string; blurb: string }> = {
  gmail: { name: 'Gmail', blurb: 'Read, draft and send email' },
  github: { name: 'GitHub', blurb: 'Issues, pull requests and stars' },
  slack: { name: 'Slack', blurb: 'Post updates to channels' },
  notion: { name: 'Notion', blurb: 'Write meeting notes and docs' },
  linear: { name: 'Linear', blurb: 'File and triage issues' },
  googlecalendar: { name: 'Google Calendar', blurb: 'Find slots and book meetings' },
};

export type Plan = 'free' | 'pro' | 'team';

export const PLAN_TOOLKITS: Record<Plan, ToolkitSlug[]> = {
  free: ['gmail', 'github'],
  pro: ['gmail', 'github', 'slack', 'googlecalendar'],
  team: [...SUPPORTED_TOOLKITS],
};

/** Tools the chat model gets when the user is not in tool-router mode. */
export function chatToolsFor(plan: Plan): string[] {
  const toolkits = PLAN_TOOLKITS[plan];
  const slugs: string[] = [...META_TOOLS];
  if (toolkits.includes('gmail')) slugs.push(TOOLS.gmail.send, TOOLS.gmail.fetch, TOOLS.gmail.draft);
  if (toolkits.includes('github')) slugs.push(TOOLS.github.createIssue, TOOLS.github.listIssues);
  if (toolkits.includes('slack')) slugs.push(TOOLS.slack.send, TOOLS.slack.channels);
  if (toolkits.includes('notion')) slugs.push(TOOLS.notion.createPage);
  if (toolkits.includes('linear')) slugs.push(TOOLS.linear.createIssue);
  if (toolkits.includes('googlecalendar')) {
    slugs.push(TOOLS.calendar.createEvent, TOOLS.calendar.listEvents);
  }
  return slugs;
}

// Auth configs are created once in the Composio dashboard and referenced by id.
// A toolkit without one falls back to Composio-managed auth (toolkits.authorize).
export const AUTH_CONFIG_IDS: Partial<Record<ToolkitSlug, string>> = {
  gmail: process.env.COMPOSIO_GMAIL_AUTH_CONFIG_ID,
  github: process.env.COMPOSIO_GITHUB_AUTH_CONFIG_ID,
  slack: process.env.COMPOSIO_SLACK_AUTH_CONFIG_ID,
  notion: process.env.COMPOSIO_NOTION_AUTH_CONFIG_ID,
  linear: process.env.COMPOSIO_LINEAR_AUTH_CONFIG_ID,
  googlecalendar: process.env.COMPOSIO_GOOGLECALENDAR_AUTH_CONFIG_ID,
};

export function authConfigFor(toolkit: string): string | undefined {
  const id = AUTH_CONFIG_IDS[toolkit as ToolkitSlug];
  return id && id.trim().length > 0 ? id : undefined;
}

export function isSupportedToolkit(value: string | null | undefined): value is ToolkitSlug {
  return !!value && (SUPPORTED_TOOLKITS as readonly string[]).includes(value);
}

/** Trigger slugs we subscribe users to from the settings page. */
export const TRIGGERS = {
  newEmail: 'GMAIL_NEW_GMAIL_MESSAGE',
  githubCommit: 'GITHUB_COMMIT_EVENT',
  slackMessage: 'SLACK_RECEIVE_MESSAGE',
} as const;

export type TriggerKey = keyof typeof TRIGGERS;
