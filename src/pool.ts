import { Worker } from 'node:worker_threads';
import type { Transformed } from './run.js';
import type { WorkerInit, WorkerMessage, WorkerReply, WorkerTask } from './worker.js';

/**
 * Worker threads that help the main thread through phase 2, each transforming one file at a time.
 * They are spawned before phase 1 (loading TypeScript and the transforms while the main thread
 * analyses), told what phase 1 learned (`setup`), then handed files while one is free.
 */
export class TransformPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly pending = new Map<number, { worker: Worker; resolve: (t: Transformed) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private readonly started: Array<Promise<void>> = [];

  /** Starts `size` workers without waiting for them: each is handed files once it is ready. */
  constructor(size: number, init: WorkerInit) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
      // a worker keeps the process alive only while it has a file (a run that stops early, or fails, is not held up)
      worker.unref();
      this.workers.push(worker);
      worker.on('message', (message: WorkerReply | { ready: true }) => this.onMessage(worker, message));
      worker.on('error', (error) => this.onFailure(worker, error));
      this.started.push(new Promise((resolve) => {
        worker.once('message', resolve);
        worker.once('error', resolve);
        worker.once('exit', resolve);
      }));
    }
  }

  /** Resolves once every worker is ready (or gone). */
  async ready(): Promise<void> {
    await Promise.all(this.started);
  }

  /** What phase 1 learned (the project state's own fields, a structured clone): every worker gets it before its first file. */
  setup(projectState: unknown): void {
    for (const worker of this.workers) worker.postMessage({ setup: projectState } satisfies WorkerMessage);
  }

  /** Workers ready and without a file. */
  get idleCount(): number {
    return this.idle.length;
  }

  /** Hands a file to an idle worker (check idleCount first); resolves with its result. */
  transform(task: Omit<WorkerTask, 'id'>): Promise<Transformed> {
    const worker = this.idle.pop();
    if (!worker) return Promise.reject(new Error('no idle worker'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { worker, resolve, reject });
      worker.ref();
      worker.postMessage({ ...task, id } satisfies WorkerMessage);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private onMessage(worker: Worker, message: WorkerReply | { ready: true }): void {
    if (!('id' in message)) {
      this.idle.push(worker);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    worker.unref();
    this.idle.push(worker);
    if ('error' in message) pending.reject(new Error(message.error));
    else pending.resolve(message.transformed);
  }

  /** A worker that dies takes its file with it (reported by the caller); the main thread and the other workers go on. */
  private onFailure(worker: Worker, error: Error): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    if (this.idle.includes(worker)) this.idle.splice(this.idle.indexOf(worker), 1);
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}
