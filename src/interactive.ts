import type { FileResult } from './run.js';

export interface ReviewTerminal {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

export interface ReviewOutcome {
  applied: FileResult[];
  skipped: FileResult[];
  /** Accepted, but the write failed (the file is as it was); with the reason. */
  failed: Array<{ file: FileResult; reason: string }>;
  /** The user quit (q or Ctrl-C) before the last file: the files after it were neither shown nor written. */
  quit: boolean;
}

type Choice = 'apply' | 'skip' | 'all' | 'quit';

const KEYS: Record<string, Choice> = { y: 'apply', n: 'skip', a: 'all', q: 'quit', '\u0003': 'quit', '\u0004': 'quit' };
const PROMPT = 'Apply this change? [y] yes  [n] no, skip  [a] yes to this and all remaining  [q] quit ';

/**
 * --interactive: each file that would change is shown (its diff and findings), and the user
 * decides with one key. A file is written the moment it is accepted (atomically, by `apply`),
 * so quitting or Ctrl-C keeps what was accepted and writes nothing more.
 */
export async function reviewChanges(
  files: FileResult[],
  terminal: ReviewTerminal,
  show: (file: FileResult, index: number, total: number) => string,
  apply: (file: FileResult) => void,
): Promise<ReviewOutcome> {
  const outcome: ReviewOutcome = { applied: [], skipped: [], failed: [], quit: false };
  if (files.length === 0) return outcome;
  const keys = new KeyReader(terminal.input);
  try {
    let all = false;
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      if (!all) {
        terminal.output.write('\u001b[2J\u001b[H' + show(file, i + 1, files.length));
        const choice = await readChoice(keys, terminal.output);
        if (choice === 'quit') {
          outcome.quit = true;
          outcome.skipped.push(...files.slice(i));
          break;
        }
        if (choice === 'skip') {
          outcome.skipped.push(file);
          continue;
        }
        all = choice === 'all';
      }
      try {
        apply(file);
        outcome.applied.push(file);
      } catch (error) {
        outcome.failed.push({ file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      }
    }
  } finally {
    keys.close();
  }
  return outcome;
}

/**
 * Single key presses in raw mode, without echo. Keys typed ahead (or arriving in one chunk, as
 * from a pseudo-terminal) are queued, one per prompt.
 */
class KeyReader {
  private readonly queue: string[] = [];
  private waiting: ((key: string) => void) | undefined;
  private readonly wasRaw: boolean;
  private readonly onData = (data: Buffer) => {
    for (const key of data.toString('utf8')) this.queue.push(key);
    this.flush();
  };

  constructor(private readonly input: NodeJS.ReadStream) {
    this.wasRaw = input.isRaw;
    input.setRawMode(true);
    input.on('data', this.onData);
    input.resume();
  }

  next(): Promise<string> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.flush();
    });
  }

  close(): void {
    this.input.off('data', this.onData);
    this.input.setRawMode(this.wasRaw);
    this.input.pause();
  }

  private flush(): void {
    if (!this.waiting || this.queue.length === 0) return;
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve(this.queue.shift()!);
  }
}

/** Asks until one of the listed keys comes; anything else asks again on the same line. */
async function readChoice(keys: KeyReader, output: NodeJS.WriteStream): Promise<Choice> {
  output.write(PROMPT);
  for (;;) {
    const key = await keys.next();
    const choice = KEYS[key] ?? KEYS[key.toLowerCase()];
    if (choice) {
      output.write(`${choice === 'quit' ? 'q' : key}\n`);
      return choice;
    }
    output.write('\r\u001b[K' + PROMPT);
  }
}
