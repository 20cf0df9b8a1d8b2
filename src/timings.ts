/** SCALEKIT_MIGRATE_TIMINGS=1: each step of a run on stderr, in milliseconds since the process started (for profiling). */
const TIMINGS = process.env['SCALEKIT_MIGRATE_TIMINGS'] === '1';
let last = 0;

export function timing(step: string): void {
  if (!TIMINGS) return;
  const now = performance.now();
  process.stderr.write(`timing ${now.toFixed(0).padStart(6)} ms (+${(now - last).toFixed(0)}) ${step}\n`);
  last = now;
}
