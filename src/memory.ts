import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A ceiling on the heap V8 lets grow between collections. What a run holds is small (measured with
 * node --expose-gc: 41 MB after phase 1 on 1,000 dense files, 107 MB after 4,000); the rest of its
 * RSS is garbage of dropped parses that V8 collects late, growing the heap as the run goes (peak RSS
 * 547 MB on 4,000 dense files). When the heap passes the ceiling, one full collection brings it back
 * to what is held. The ceiling is no limit: a run that holds more goes on, collecting at most once per
 * CHECK_EVERY files.
 */
const CEILING = Number(process.env['SCALEKIT_MIGRATE_HEAP_CEILING_MB'] ?? 256) * 2 ** 20;
const CHECK_EVERY = 25;

let collect: (() => void) | null | undefined;
let sinceCheck = 0;

/** After each file: a full collection when the heap has grown past the ceiling. */
export function afterFile(): void {
  if (++sinceCheck < CHECK_EVERY) return;
  sinceCheck = 0;
  if (process.memoryUsage().heapTotal < CEILING) return;
  collector()?.();
}

/** V8's gc(), exposed at run time as Jest's leak detector does; null where it cannot be. */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}
