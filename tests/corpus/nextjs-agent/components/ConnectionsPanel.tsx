'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ToolkitSlug } from '@/lib/tools';

// Talks to our API only; everything Composio happens server-side.

type ConnectionState = 'connected' | 'needs_reauth' | 'pending' | 'none';

interface AccountRow {
  id: string;
  toolkit: string;
  status: string;
  label: string;
  connectedAt: string;
}

interface ToolkitRow {
  slug: ToolkitSlug;
  name: string;
  blurb: string;
  state: ConnectionState;
  usesCustomAuth: boolean;
  accounts: AccountRow[];
}

const STATE_BADGE: Record<ConnectionState, { text: string; className: string }> = {
  connected: { text: 'Connected', className: 'bg-emerald-100 text-emerald-800' },
  needs_reauth: { text: 'Reconnect', className: 'bg-amber-100 text-amber-800' },
  pending: { text: 'Pending', className: 'bg-slate-100 text-slate-700' },
  none: { text: 'Not connected', className: 'bg-slate-50 text-slate-500' },
};

async function api<T>(input: string, init?: RequestInit): Promise<T> {
  const res = await fetch(input, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error((body as { error?: string }).error ?? `Request failed (${res.status})`);
  }
  return body as T;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

export default function ConnectionsPanel({ highlight }: { highlight?: string }) {
  const [toolkits, setToolkits] = useState([] as ToolkitRow[]);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(null as string | null);
  const [error, setError] = useState(null as string | null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const data = await api<{ toolkits: ToolkitRow[] }>('/api/accounts');
      setToolkits(data.toolkits);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function connect(slug: ToolkitSlug, popup = false) {
    if (!popup) {
      // Full-page redirect; the callback sends the user back here.
      window.location.href = `/api/connect?toolkit=${encodeURIComponent(slug)}`;
      return;
    }
    setBusy(slug);
    try {
      const { url } = await api<{ url: string | null }>('/api/connect', {
        method: 'POST',
        body: JSON.stringify({ toolkit: slug }),
      });
      if (url) {
        const win = window.open(url, 'relay-connect', 'width=520,height=720');
        const timer = window.setInterval(() => {
          if (win?.closed) {
            window.clearInterval(timer);
            void load();
          }
        }, 800);
      } else {
        await load();
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function disconnect(account: AccountRow) {
    if (!window.confirm(`Disconnect ${account.label}? The assistant will lose access.`)) return;
    setBusy(account.id);
    try {
      await api(`/api/accounts?id=${encodeURIComponent(account.id)}`, { method: 'DELETE' });
      await load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function reconnect(account: AccountRow) {
    setBusy(account.id);
    try {
      const { url } = await api<{ url: string | null }>('/api/accounts', {
        method: 'PATCH',
        body: JSON.stringify({ id: account.id, action: 'refresh' }),
      });
      if (url) window.location.href = url;
      else await load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  if (loading && toolkits.length === 0) {
    return <div className="animate-pulse text-sm text-slate-500">Loading integrations…</div>;
  }

  return (
    <section className="space-y-3">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}

      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
        {toolkits.map((tk: ToolkitRow) => {
          const badge = STATE_BADGE[tk.state];
          return (
            <li
              key={tk.slug}
              className={`flex items-start justify-between gap-4 p-4 ${highlight === tk.slug ? 'bg-sky-50' : ''}`}
            >
              <div>
                <div className="flex items-center gap-2">
                  <span className="font-medium">{tk.name}</span>
                  <span className={`rounded-full px-2 py-0.5 text-xs ${badge.className}`}>{badge.text}</span>
                  {tk.usesCustomAuth && <span className="text-xs text-slate-400">custom OAuth app</span>}
                </div>
                <p className="text-sm text-slate-500">{tk.blurb}</p>

                {tk.accounts.map((account: AccountRow) => (
                  <div key={account.id} className="mt-2 flex items-center gap-3 text-sm">
                    <span className="text-slate-700">{account.label}</span>
                    <span className="text-slate-400">since {formatDate(account.connectedAt)}</span>
                    {account.status === 'ACTIVE' ? (
                      <button
                        className="text-red-600 hover:underline disabled:opacity-50"
                        disabled={busy === account.id}
                        onClick={() => disconnect(account)}
                      >
                        Disconnect
                      </button>
                    ) : (
                      <button
                        className="text-amber-700 hover:underline disabled:opacity-50"
                        disabled={busy === account.id}
                        onClick={() => reconnect(account)}
                      >
                        Reconnect
                      </button>
                    )}
                  </div>
                ))}
              </div>

              {tk.state !== 'connected' && (
                <button
                  className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50"
                  disabled={busy === tk.slug}
                  onClick={() => connect(tk.slug, tk.slug === 'slack')}
                >
                  {busy === tk.slug ? 'Opening…' : 'Connect'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
