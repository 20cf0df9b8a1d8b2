import { Worker } from 'node:worker_threads';
import type { Transformed } from './run.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker.js';

/**
 * A fixed set of worker threads, each transforming one file at a time. Tasks go to whichever
 * worker is free; `transform` resolves with that file's result.
 */
export class TransformPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ task: WorkerTask; resolve: (t: Transformed) => void; reject: (e: Error) => void }> = [];
  private readonly pending = new Map<number, { worker: Worker; resolve: (t: Transformed) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  private constructor() {}

  static async start(size: number, init: WorkerInit): Promise<TransformPool> {
    const pool = new TransformPool();
    await Promise.all(
      Array.from({ length: size }, () => {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init });
        pool.workers.push(worker);
        worker.on('message', (message: WorkerReply | { ready: true }) => pool.onMessage(worker, message));
        worker.on('error', (error) => pool.onFailure(worker, error));
        return new Promise<void>((resolve, reject) => {
          const ready = (message: { ready?: boolean }) => {
            if (message.ready) {
              worker.off('message', ready);
              pool.idle.push(worker);
              resolve();
            }
          };
          worker.on('message', ready);
          worker.once('error', reject);
        });
      }),
    );
    return pool;
  }

  transform(task: Omit<WorkerTask, 'id'>): Promise<Transformed> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { ...task, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const { task, resolve, reject } = this.queue.shift()!;
      this.pending.set(task.id, { worker, resolve, reject });
      worker.postMessage(task);
    }
  }

  private onMessage(worker: Worker, message: WorkerReply | { ready: true }): void {
    if (!('id' in message)) return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    this.idle.push(worker);
    if ('error' in message) pending.reject(new Error(message.error));
    else pending.resolve(message.transformed);
    this.dispatch();
  }

  /** A worker that dies takes its file with it (reported by the caller); the others go on. */
  private onFailure(worker: Worker, error: Error): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    if (this.idle.includes(worker)) this.idle.splice(this.idle.indexOf(worker), 1);
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
    if (this.workers.length === 0) for (const { reject } of this.queue.splice(0)) reject(error);
  }
}
