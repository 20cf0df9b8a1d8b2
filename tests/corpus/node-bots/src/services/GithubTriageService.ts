import type { ToolExecuteResponse } from '@composio/core';
import { TOOL, type ComposioClient } from '../lib/composio-client';
import type { GithubIssue, Logger, ToolRunLog, TriageReport } from './types';

const STALE_AFTER_DAYS = Number(process.env.TRIAGE_STALE_DAYS ?? 21);

interface RepoRef {
  owner: string;
  repo: string;
}

export function parseRepo(input: string): RepoRef {
  const cleaned = input.replace(/^https?:\/\/github\.com\//, '').replace(/\.git$/, '');
  const [owner, repo] = cleaned.split('/');
  if (!owner || !repo) {
    throw new Error(`expected owner/repo, got "${input}"`);
  }
  return { owner, repo };
}

function daysSince(iso: string): number {
  return Math.floor((Date.now() - new Date(iso).getTime()) / 86_400_000);
}

/**
 * GitHub triage for the weekly eng sync: opens issues from Slack, comments,
 * and builds the "stale / unlabeled" report.
 */
export class GithubTriageService {
  private client: ComposioClient;
  private runs: ToolRunLog[] = [];

  constructor(client: ComposioClient, private readonly logger: Logger = console) {
    this.client = client;
  }

  private async run(tool: string, userId: string, args: Record<string, unknown>): Promise<ToolExecuteResponse> {
    const started = Date.now();
    const result = await this.client.tools.execute(tool, {
      userId,
      arguments: args,
      dangerouslySkipVersionCheck: true,
    });
    this.record(tool, userId, result, Date.now() - started);
    return result;
  }

  private record(tool: string, userId: string, result: ToolExecuteResponse, ms: number) {
    this.runs.push({ tool, userId, ok: result.successful, ms, error: result.error });
    if (this.runs.length > 200) this.runs.shift();
    if (!result.successful) {
      this.logger.warn(`[triage] ${tool} failed after ${ms}ms: ${result.error}`);
    }
  }

  async openIssue(userId: string, repoSlug: string, title: string, body: string, labels: string[] = []) {
    const { owner, repo } = parseRepo(repoSlug);
    const result = await this.run(TOOL.CREATE_ISSUE, userId, { owner, repo, title, body, labels });
    if (!result.successful) {
      throw new Error(`could not open issue in ${owner}/${repo}: ${result.error ?? 'unknown error'}`);
    }
    return this.toIssue(result);
  }

  async comment(userId: string, repoSlug: string, issueNumber: number, body: string): Promise<string | undefined> {
    const { owner, repo } = parseRepo(repoSlug);
    const response = await this.client?.tools?.execute(TOOL.COMMENT_ON_ISSUE, {
      userId,
      arguments: { owner, repo, issue_number: issueNumber, body },
      dangerouslySkipVersionCheck: true,
    });
    return response?.successful ? (response.data.html_url as string) : undefined;
  }

  async listOpenIssues(userId: string, repoSlug: string): Promise<GithubIssue[]> {
    const { owner, repo } = parseRepo(repoSlug);
    const issues: GithubIssue[] = [];
    for (let page = 1; page <= 5; page++) {
      const result = await this.run(TOOL.LIST_ISSUES, userId, { owner, repo, state: 'open', per_page: 100, page });
      if (!result.successful) break;
      const batch = (result.data.details ?? result.data.issues ?? []) as GithubIssue[];
      issues.push(...batch);
      if (batch.length < 100) break;
    }
    return issues;
  }

  async buildReport(userId: string, repoSlug: string): Promise<TriageReport> {
    const issues = await this.listOpenIssues(userId, repoSlug);
    return {
      repo: repoSlug,
      total: issues.length,
      stale: issues.filter((i) => daysSince(i.created_at) > STALE_AFTER_DAYS),
      unlabeled: issues.filter((i) => !i.labels || i.labels.length === 0),
      generatedAt: new Date().toISOString(),
    };
  }

  /** Post the report into a Slack channel; returns the message timestamp. */
  async postReport(userId: string, channel: string, report: TriageReport): Promise<string | null> {
    const lines = [
      `*Triage for ${report.repo}* — ${report.total} open`,
      `• stale (>${STALE_AFTER_DAYS}d): ${report.stale.length}`,
      ...report.stale.slice(0, 5).map((i) => `   – <${i.html_url}|#${i.number}> ${i.title}`),
      `• unlabeled: ${report.unlabeled.length}`,
    ];
    const posted = await this.run(TOOL.SLACK_POST, userId, { channel, markdown_text: lines.join('\n') });
    return posted.successful ? String(posted.data.ts ?? '') || null : null;
  }

  private toIssue(result: ToolExecuteResponse): Pick<GithubIssue, 'number' | 'html_url' | 'title'> {
    const data = (result.data.data ?? result.data) as Record<string, unknown>;
    return {
      number: Number(data.number),
      html_url: String(data.html_url),
      title: String(data.title ?? ''),
    };
  }
}
