// App-level types shared by the services. Kept free of SDK imports on purpose.

export interface MyConnection {
  id: string;
  status: string;
  toolkit: { slug: string };
  createdAt: string;
  isDisabled?: boolean;
}

export interface ConnectionSummary {
  toolkit: string;
  connected: boolean;
  connectionId?: string;
  needsReauth: boolean;
}

export interface GithubIssue {
  number: number;
  title: string;
  html_url: string;
  state: 'open' | 'closed';
  labels?: Array<{ name: string }>;
  user?: { login: string };
  created_at: string;
}

export interface TriageReport {
  repo: string;
  total: number;
  stale: GithubIssue[];
  unlabeled: GithubIssue[];
  generatedAt: string;
}

export interface ToolRunLog {
  tool: string;
  userId: string;
  ok: boolean;
  ms: number;
  error?: string | null;
}

export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;
