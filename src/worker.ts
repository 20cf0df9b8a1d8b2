import { parentPort, workerData } from 'node:worker_threads';
import type { Mappings } from './mappings/load.js';
import type { Language, Migration } from './migration.js';
import { ModuleResolver } from './module-resolver.js';
import { SourceParser, transformSource, type Transformed } from './run.js';

/** What a worker is started with: everything phase 2 needs, learned by phase 1 in the main thread. */
export interface WorkerInit {
  migrationModule: string;
  mappings: Mappings;
  /** The project state's own fields (a structured clone); put back on a fresh state object. */
  projectState: unknown;
  files: string[];
}

export interface WorkerTask {
  id: number;
  path: string;
  text: string;
  bom: boolean;
  language: Language;
}

export type WorkerReply = { id: number; transformed: Transformed } | { id: number; error: string };

/**
 * A phase-2 worker: one ts-morph project, reused, holding one file at a time; it transforms the
 * files it is sent and replies with the result. It never writes: the main thread does, in order.
 */
async function serve(): Promise<void> {
  const init = workerData as WorkerInit;
  const { migration } = (await import(init.migrationModule)) as { migration: Migration };
  const project = Object.assign(migration.createProjectState() as object, init.projectState);
  const parser = new SourceParser();
  const resolver = new ModuleResolver(new Set(init.files));
  const options = { mappings: init.mappings, migration };
  parentPort!.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      reply = { id: task.id, transformed: transformSource({ path: task.path }, { text: task.text, bom: task.bom }, task.language, options, project, parser, resolver) };
    } catch (error) {
      reply = { id: task.id, error: (error as Error).message };
    }
    parentPort!.postMessage(reply);
  });
  parentPort!.postMessage({ ready: true });
}

void serve();
