'use strict';

// Tool slugs we call by hand. Keep these in one place so the bots, the
// routes and the cron jobs agree on what "post to slack" means.
const TOOLS = {
  SEND_EMAIL: 'GMAIL_SEND_EMAIL',
  FETCH_EMAILS: 'GMAIL_FETCH_EMAILS',
  CREATE_ISSUE: 'GITHUB_CREATE_AN_ISSUE',
  COMMENT_ON_ISSUE: 'GITHUB_CREATE_AN_ISSUE_COMMENT',
  LIST_ISSUES: 'GITHUB_LIST_REPOSITORY_ISSUES',
  STAR_REPO: 'GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER',
  // the old toolset only knows the long slack slug, the new SDK has SLACK_SEND_MESSAGE
  SLACK_POST_LEGACY: 'SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL',
  SLACK_POST: 'SLACK_SEND_MESSAGE',
  SLACK_CHANNELS: 'SLACK_LIST_ALL_CHANNELS',
  NOTION_PAGE: 'NOTION_CREATE_NOTION_PAGE',
  LINEAR_ISSUE: 'LINEAR_CREATE_LINEAR_ISSUE',
  CALENDAR_EVENT: 'GOOGLECALENDAR_CREATE_EVENT',
};

// Meta tools the router-style agent gets on top of the app tools.
const META_TOOLS = ['COMPOSIO_SEARCH_TOOLS', 'COMPOSIO_MANAGE_CONNECTIONS'];

const TOOLKITS = ['github', 'gmail', 'slack', 'notion', 'linear', 'googlecalendar'];

// auth config ids per toolkit, created once in the dashboard (see scripts/bootstrap-auth.js)
const AUTH_CONFIGS = {
  github: process.env.COMPOSIO_GITHUB_AUTH_CONFIG || 'ac_github_default',
  gmail: process.env.COMPOSIO_GMAIL_AUTH_CONFIG || 'ac_gmail_default',
  slack: process.env.COMPOSIO_SLACK_AUTH_CONFIG || 'ac_slack_default',
  notion: process.env.COMPOSIO_NOTION_AUTH_CONFIG,
  linear: process.env.COMPOSIO_LINEAR_AUTH_CONFIG,
};

const DEFAULT_USER = process.env.OPSBOT_DEFAULT_USER || 'ops-team';

module.exports = { TOOLS, META_TOOLS, TOOLKITS, AUTH_CONFIGS, DEFAULT_USER };
