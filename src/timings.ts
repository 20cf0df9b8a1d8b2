/** SCALEKIT_MIGRATE_TIMINGS=1: each step of a run on stderr, in milliseconds since the process started (for profiling). */
const TIMINGS = process.env['SCALEKIT_MIGRATE_TIMINGS'] === '1';
let last = 0;

/** Milliseconds spent per named part (a transform, the output check), summed over the run's files. */
const spent = new Map<string, number>();

/** Runs `work`, adding its time to `part`'s total when timings are on. */
export function timed<T>(part: string, work: () => T): T {
  if (!TIMINGS) return work();
  const started = performance.now();
  try {
    return work();
  } finally {
    spent.set(part, (spent.get(part) ?? 0) + performance.now() - started);
  }
}

/** Prints the parts' totals, largest first, and starts them again. */
export function timingTotals(): void {
  if (!TIMINGS) return;
  for (const [part, ms] of [...spent].sort((a, b) => b[1] - a[1])) process.stderr.write(`timing   ${ms.toFixed(0).padStart(6)} ms in ${part}\n`);
  spent.clear();
}

export function timing(step: string): void {
  if (!TIMINGS) return;
  const now = performance.now();
  const rss = (process.memoryUsage.rss() / 2 ** 20).toFixed(0);
  // under node --expose-gc, also the live heap: what the run holds at this step
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const live = gc ? `, live heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB` : '';
  process.stderr.write(`timing ${now.toFixed(0).padStart(6)} ms (+${(now - last).toFixed(0)}) ${step} [rss ${rss} MB${live}]\n`);
  last = performance.now();
}
