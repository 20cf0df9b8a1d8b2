import { PrismaClient } from '@prisma/client';

function makeClient() {
  return new PrismaClient({
    log: process.env.NODE_ENV === 'development' ? ['warn', 'error'] : ['error'],
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof makeClient> };

export const prisma = globalForPrisma.prisma ?? makeClient();

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

/** Every tool call the assistant makes on a user's behalf ends up here. */
export interface ToolRunRecord {
  userId: string;
  tool: string;
  ok: boolean;
  error?: string | null;
  logId?: string;
  source: 'chat' | 'action' | 'webhook';
}

export async function recordToolRun(run: ToolRunRecord): Promise<void> {
  try {
    await prisma.toolRun.create({
      data: {
        userId: run.userId,
        tool: run.tool,
        ok: run.ok,
        error: run.error ?? null,
        logId: run.logId ?? null,
        source: run.source,
      },
    });
  } catch (err) {
    // Audit logging must never break the user-facing request.
    console.warn('[db] could not record tool run', err);
  }
}
