import Link from 'next/link';
import ConnectionsPanel from '@/components/ConnectionsPanel';
import { requireUser } from '@/lib/auth';
import { connectionSummaryFor } from '@/lib/connections';
import { TOOLKIT_LABELS, TRIGGERS, type TriggerKey, type ToolkitSlug } from '@/lib/tools';
import { enableTrigger, disableTrigger, listMyTriggers } from '@/app/actions';

export const dynamic = 'force-dynamic';

const ERROR_COPY: Record<string, string> = {
  connection_failed: 'The provider did not finish the connection. Try again?',
  already_connected: 'That account is already connected.',
  status_expired: 'The connection expired before it completed.',
  status_failed: 'The provider rejected the connection.',
};

const TRIGGER_COPY: Record<TriggerKey, { title: string; needs: ToolkitSlug }> = {
  newEmail: { title: 'Post new Gmail messages to Slack', needs: 'gmail' },
  githubCommit: { title: 'Turn "TODO(linear)" commits into Linear issues', needs: 'github' },
  slackMessage: { title: 'Answer @relay mentions in Slack', needs: 'slack' },
};

export default async function IntegrationsPage({
  searchParams,
}: {
  searchParams: Promise<{ connected?: string; error?: string; toolkit?: string }>;
}) {
  const params = await searchParams;
  const user = await requireUser();
  const [summary, triggers] = await Promise.all([
    connectionSummaryFor(user),
    listMyTriggers(),
  ]);

  const connectedCount = Object.values(summary).filter((s) => s === 'connected').length;
  const justConnected = params.connected && params.connected in TOOLKIT_LABELS
    ? TOOLKIT_LABELS[params.connected as ToolkitSlug].name
    : null;

  return (
    <main className="mx-auto max-w-3xl space-y-10 px-6 py-10">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Integrations</h1>
        <p className="text-sm text-slate-500">
          {connectedCount} of {Object.keys(summary).length} apps connected. Relay only acts on apps you connect here.
        </p>
      </header>

      {justConnected && (
        <div className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          {justConnected} is connected. Try asking the assistant to use it.
        </div>
      )}
      {params.error && (
        <div className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700">
          {ERROR_COPY[params.error] ?? `Something went wrong (${params.error}).`}
        </div>
      )}

      <ConnectionsPanel highlight={params.toolkit ?? params.connected} />

      <section className="space-y-3">
        <h2 className="text-lg font-medium">Automations</h2>
        <ul className="space-y-2">
          {(Object.keys(TRIGGERS) as TriggerKey[]).map((key) => {
            const copy = TRIGGER_COPY[key];
            const existing = triggers.find((t) => t.slug === TRIGGERS[key]);
            const available = summary[copy.needs] === 'connected';
            return (
              <li key={key} className="flex items-center justify-between rounded-md border px-4 py-3">
                <span className={available ? '' : 'text-slate-400'}>{copy.title}</span>
                {existing ? (
                  <form action={async () => { 'use server'; await disableTrigger(existing.id); }}>
                    <button className="text-sm text-red-600">Turn off</button>
                  </form>
                ) : (
                  <form action={async () => { 'use server'; await enableTrigger(key); }}>
                    <button className="text-sm text-slate-900 disabled:opacity-40" disabled={!available}>
                      Turn on
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="space-y-2 text-sm text-slate-600">
        <h2 className="text-lg font-medium text-slate-900">Use Relay from other apps</h2>
        <p>
          Relay exposes your connected apps as an MCP server. Grab the config for{' '}
          <Link className="underline" href="/api/mcp?client=claude">Claude Desktop</Link> or{' '}
          <Link className="underline" href="/api/mcp?client=cursor">Cursor</Link>.
        </p>
      </section>
    </main>
  );
}
