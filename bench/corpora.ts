/**
 * The repositories the bench measures, generated (no copied code). Two shapes:
 *
 *  - `synthetic`: the first bench's files. A Composio file is one handler with one call of each kind; a
 *    plain file is twenty filter/map lines. Small, regular, cheap to parse.
 *  - `app`: files shaped like the public Composio apps: a Next.js route or server action with several kinds
 *    of call (tools.get, tools.execute with a constant and a variable name, connectedAccounts.list/get/delete,
 *    toolkits.authorize), string constants, template literals, comments and long code around the calls that
 *    has nothing to do with Composio; React components in .tsx with JSX; utilities and types. The Composio
 *    client comes from one shared module, as in the apps.
 *
 * `node dist/bench/corpora.js <synthetic|app> <files> <composio share> <dir>` writes one, for profiling.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type CorpusShape = 'synthetic' | 'app';

const LIB = `import { Composio } from '@composio/core';

export const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

export function getComposio(): Composio {
  return composio;
}
`;

function syntheticComposioFile(i: number): string {
  return `import { getComposio } from '../lib/composio';

const TOOL = 'GITHUB_CREATE_AN_ISSUE';

export async function handler${i}(userId: string, toolName: string, input: Record<string, unknown>) {
  const composio = getComposio();
  const session = await composio.create(userId, { toolkits: ['github', 'gmail'] });
  const tools = await session.tools();
  const fixed = await composio.tools.execute(TOOL, { userId, arguments: { title: 'x${i}' } });
  const dynamic = await composio.tools.execute(toolName, { userId, arguments: input });
  const accounts = await composio.connectedAccounts.list({ userIds: [userId] });
  const active = accounts.items.filter((a) => a.status === 'ACTIVE');
  await composio.triggers.subscribe((event) => console.log(event.triggerSlug));
  return { tools, fixed, dynamic, active };
}
`;
}

function syntheticPlainFile(i: number): string {
  const body = Array.from({ length: 20 }, (_, j) => `  const v${j} = items.filter((item) => item.id % ${j + 2} === 0).map((item) => ({ ...item, rank: ${j} }));\n  total += v${j}.length;`).join('\n');
  return `import { format } from './format';

export interface Item${i} { id: number; name: string; rank?: number }

/** Summarises a batch of items (synthetic file ${i}). */
export function summarise${i}(items: Item${i}[]): string {
  let total = 0;
${body}
  return format(total, 'items');
}
`;
}

/** Code with nothing of Composio in it, as the apps have around their calls: validation, formatting, a small class. */
function appHelpers(i: number): string {
  return `// ---------------------------------------------------------------------------
// Request parsing and formatting for this route (file ${i}). Nothing here calls the agent SDK.
// ---------------------------------------------------------------------------

const MAX_PROMPT = ${2000 + i};
const DEFAULT_MODEL = 'gpt-4o-mini';
const ALLOWED_ORIGINS = ['https://app.example.com', 'http://localhost:3000'];

interface ChatBody${i} {
  userId: string;
  prompt: string;
  model?: string;
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
}

function isChatBody${i}(value: unknown): value is ChatBody${i} {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body['userId'] === 'string' && typeof body['prompt'] === 'string' && (body['prompt'] as string).length <= MAX_PROMPT;
}

/** Trims the history to the last turns that fit the budget, newest last. */
function trimHistory(history: ChatBody${i}['history'] = [], budget = 4000): ChatBody${i}['history'] {
  const kept: NonNullable<ChatBody${i}['history']> = [];
  let used = 0;
  for (const turn of [...history].reverse()) {
    used += turn.content.length;
    if (used > budget) break;
    kept.unshift(turn);
  }
  return kept;
}

function corsHeaders(origin: string | null): Record<string, string> {
  const allowed = origin && ALLOWED_ORIGINS.includes(origin) ? origin : ALLOWED_ORIGINS[0]!;
  return { 'Access-Control-Allow-Origin': allowed, 'Access-Control-Allow-Methods': 'POST, OPTIONS', Vary: 'Origin' };
}

class RateWindow${i} {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}
  allow(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.hits.set(key, recent);
    return recent.length <= this.limit;
  }
}

const window${i} = new RateWindow${i}(30, 60_000);

function describeError(error: unknown): string {
  if (error instanceof Error) return \`\${error.name}: \${error.message}\`;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

function summary(items: Array<{ title: string; url?: string }>): string {
  return items
    .map((item, n) => \`\${n + 1}. \${item.title}\${item.url ? \` (\${item.url})\` : ''}\`)
    .join('\\n');
}
`;
}

function appRoute(i: number): string {
  return `import { NextResponse } from 'next/server';
import { composio } from '../../lib/composio';

${appHelpers(i)}
const ISSUE_TOOL = 'GITHUB_CREATE_AN_ISSUE';
const SYSTEM_PROMPT = \`You are the Acme assistant. Use the user's GitHub and Gmail tools; never invent issue numbers.\`;

export async function OPTIONS(req: Request) {
  return new NextResponse(null, { headers: corsHeaders(req.headers.get('origin')) });
}

/** Chat: the user's tools for the model, and the issue it may file. */
export async function POST(req: Request) {
  const body: unknown = await req.json();
  if (!isChatBody${i}(body)) return NextResponse.json({ error: 'bad request' }, { status: 400 });
  if (!window${i}.allow(body.userId)) return NextResponse.json({ error: 'slow down' }, { status: 429 });
  try {
    const tools = await composio.tools.get(body.userId, { toolkits: ['GITHUB', 'GMAIL'], limit: 20 });
    const history = trimHistory(body.history);
    console.log(\`[chat] \${body.userId}: \${Object.keys(tools).length} tools, \${history?.length ?? 0} turns, model \${body.model ?? DEFAULT_MODEL}\`);
    const filed = await composio.tools.execute(ISSUE_TOOL, {
      userId: body.userId,
      arguments: { owner: 'acme', repo: 'web', title: \`Feedback from \${body.userId}\`, body: body.prompt },
    });
    return NextResponse.json({ system: SYSTEM_PROMPT, filed: filed.successful ? filed.data : null });
  } catch (error) {
    return NextResponse.json({ error: describeError(error) }, { status: 500 });
  }
}

/** Runs a tool the client names (the model's tool call, relayed). */
export async function PUT(req: Request) {
  const { userId, toolName, input } = (await req.json()) as { userId: string; toolName: string; input: Record<string, unknown> };
  const result = await composio.tools.execute(toolName, { userId, arguments: input });
  return NextResponse.json({ ok: result.successful, items: summary([{ title: toolName }]) });
}

/** The user's connections, and a link to connect GitHub when there is none. */
export async function GET(req: Request) {
  const userId = new URL(req.url).searchParams.get('userId') ?? 'anonymous';
  const accounts = await composio.connectedAccounts.list({ userIds: [userId], toolkitSlugs: ['github'] });
  const active = accounts.items.filter((account) => account.status === 'ACTIVE');
  if (active.length > 0) return NextResponse.json({ connected: active.map((a) => a.id) });
  const request = await composio.toolkits.authorize(userId, 'github');
  return NextResponse.json({ connectUrl: request.redirectUrl });
}
`;
}

function appComponent(i: number): string {
  return `import { useState } from 'react';
import { composio } from '../../lib/composio';

// Settings > Integrations: one card per connected account (file ${i}).

type Status = 'idle' | 'working' | 'error';

interface CardProps {
  accountId: string;
  label: string;
  onRemoved?: (id: string) => void;
}

const LABELS: Record<string, string> = { github: 'GitHub', gmail: 'Gmail', slack: 'Slack', notion: 'Notion' };

function labelFor(slug: string): string {
  return LABELS[slug] ?? slug.charAt(0).toUpperCase() + slug.slice(1);
}

/** Server side: the account, for the card's first render. */
export async function loadAccount${i}(accountId: string) {
  const account = await composio.connectedAccounts.get(accountId);
  return { id: account.id, toolkit: labelFor(account.toolkit.slug), live: account.status === 'ACTIVE' };
}

/** Server action: disconnects the account. */
export async function removeAccount${i}(accountId: string): Promise<void> {
  await composio.connectedAccounts.delete(accountId);
}

export function IntegrationCard${i}({ accountId, label, onRemoved }: CardProps) {
  const [status, setStatus] = useState<Status>('idle');
  const remove = async () => {
    setStatus('working');
    try {
      await removeAccount${i}(accountId);
      onRemoved?.(accountId);
      setStatus('idle');
    } catch {
      setStatus('error');
    }
  };
  return (
    <div className="rounded-lg border p-4 flex items-center justify-between">
      <div>
        <h3 className="font-medium">{label}</h3>
        <p className="text-sm text-gray-500">{\`Account \${accountId.slice(0, 8)}…\`}</p>
      </div>
      {status === 'error' && <span className="text-red-600">Could not disconnect. Try again.</span>}
      <button type="button" disabled={status === 'working'} onClick={remove} className="btn btn-secondary">
        {status === 'working' ? 'Disconnecting…' : 'Disconnect'}
      </button>
    </div>
  );
}
`;
}

/** A file of the app with nothing of Composio: a component, or a utility module. */
function appPlainFile(i: number): { name: string; text: string } {
  if (i % 2 === 0) {
    return {
      name: `Widget${i}.tsx`,
      text: `import { useMemo, useState } from 'react';

// A dashboard widget (file ${i}): filters a table of orders on the client.

interface Order { id: string; customer: string; total: number; placedAt: string; status: 'open' | 'shipped' | 'cancelled' }

const CURRENCY = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function OrdersWidget${i}({ orders }: { orders: Order[] }) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Order['status'] | 'all'>('all');
  const visible = useMemo(
    () => orders.filter((o) => (status === 'all' || o.status === status) && o.customer.toLowerCase().includes(query.toLowerCase())),
    [orders, query, status],
  );
  const total = visible.reduce((sum, o) => sum + o.total, 0);
  return (
    <section className="widget">
      <header>
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search customers" />
        <select value={status} onChange={(e) => setStatus(e.target.value as Order['status'] | 'all')}>
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="shipped">Shipped</option>
          <option value="cancelled">Cancelled</option>
        </select>
      </header>
      <table>
        <tbody>
          {visible.map((o) => (
            <tr key={o.id}>
              <td>{o.customer}</td>
              <td>{CURRENCY.format(o.total)}</td>
              <td>{new Date(o.placedAt).toLocaleDateString()}</td>
              <td className={\`status status-\${o.status}\`}>{o.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer>{\`\${visible.length} orders, \${CURRENCY.format(total)}\`}</footer>
    </section>
  );
}
`,
    };
  }
  return { name: `util${i}.ts`, text: `${appHelpers(i)}
export { isChatBody${i}, trimHistory, corsHeaders, describeError, summary, window${i} };
` };
}

function makeDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-bench-'));
}

/** A repository of `total` source files, `composioShare` of them using Composio (plus the shared client module). */
export function makeCorpus(shape: CorpusShape, total: number, composioShare: number, dir = makeDir()): string {
  mkdirSync(path.join(dir, 'src/lib'), { recursive: true });
  writeFileSync(path.join(dir, 'src/lib/composio.ts'), LIB);
  const composioCount = Math.round(total * composioShare);
  for (let i = 0; i < total - 1; i++) {
    const sub = path.join(dir, 'src', `m${Math.floor(i / 200)}`, shape === 'app' ? `r${i % 7}` : '');
    mkdirSync(sub, { recursive: true });
    const isComposio = i < composioCount - 1;
    if (shape === 'synthetic') {
      writeFileSync(path.join(sub, `f${i}.ts`), isComposio ? syntheticComposioFile(i) : syntheticPlainFile(i));
    } else if (isComposio) {
      // a route or a component, each two levels under src/ as the client module's relative import expects
      if (i % 3 === 2) writeFileSync(path.join(sub, `Card${i}.tsx`), appComponent(i));
      else writeFileSync(path.join(sub, `route${i}.ts`), appRoute(i));
    } else {
      const plain = appPlainFile(i);
      writeFileSync(path.join(sub, plain.name), plain.text);
    }
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [shape, files, share, dir] = process.argv.slice(2);
  if ((shape !== 'synthetic' && shape !== 'app') || !files || !share || !dir) {
    process.stderr.write('usage: node dist/bench/corpora.js <synthetic|app> <files> <composio share> <dir>\n');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`${makeCorpus(shape, Number(files), Number(share), dir)}\n`);
}
