import NextAuth from 'next-auth';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { PrismaAdapter } from '@auth/prisma-adapter';
import { redirect } from 'next/navigation';
import { prisma } from '@/lib/db';
import type { Plan } from '@/lib/tools';

// Sign-in only. Tool access (Gmail, GitHub, ...) is a separate consent that
// goes through Composio, see app/api/connect.
export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(prisma),
  providers: [GitHub, Google],
  session: { strategy: 'database' },
  pages: { signIn: '/login' },
});

export interface AppUser {
  id: string;
  email: string;
  name: string | null;
  workspaceId: string | null;
  plan: Plan;
}

/** Returns the signed-in user or null. Safe to call from route handlers. */
export async function currentUser(): Promise<AppUser | null> {
  const session = await auth();
  if (!session?.user?.email) return null;

  const row = await prisma.user.findUnique({
    where: { email: session.user.email },
    select: { id: true, email: true, name: true, workspaceId: true, workspace: { select: { plan: true } } },
  });
  if (!row) return null;

  return {
    id: row.id,
    email: row.email,
    name: row.name ?? null,
    workspaceId: row.workspaceId ?? null,
    plan: (row.workspace?.plan ?? 'free') as Plan,
  };
}

/** For server components and actions: bounce to /login when signed out. */
export async function requireUser(): Promise<AppUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  return user as AppUser;
}

export class UnauthorizedError extends Error {
  readonly status = 401;
  constructor() {
    super('Not signed in');
  }
}

/** For route handlers, which should answer 401 rather than redirect. */
export async function userOrThrow(): Promise<AppUser> {
  const user = await currentUser();
  if (!user) throw new UnauthorizedError();
  return user;
}

export function jsonError(error: unknown, fallbackStatus = 500): Response {
  if (error instanceof UnauthorizedError) {
    return Response.json({ error: error.message }, { status: 401 });
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error('[api]', message);
  return Response.json({ error: message }, { status: fallbackStatus });
}
