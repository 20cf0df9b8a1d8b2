import { parentPort, workerData } from 'node:worker_threads';
import { revivedMappings, type Mappings } from './mappings/load.js';
import type { Language, Migration } from './migration.js';
import { ModuleResolver } from './module-resolver.js';
import { SourceParser, transformSource } from './run.js';
import type { Transformed } from './run.js';

/** What a worker is started with, before phase 1: what phase 1 learns comes later, in a setup message. */
export interface WorkerInit {
  migrationModule: string;
  mappings: Mappings;
  files: string[];
}

export interface WorkerTask {
  id: number;
  path: string;
  text: string;
  bom: boolean;
  language: Language;
}

/** The project state's own fields after phase 1 (a structured clone), put back on a fresh state object; then tasks. */
export type WorkerMessage = { setup: unknown } | WorkerTask;

export type WorkerReply = { id: number; transformed: Transformed } | { id: number; error: string };

/**
 * A phase-2 helper: one ts-morph project, reused; it transforms the files it is sent and replies
 * with the result. It never writes: the main thread does, in order.
 */
async function serve(): Promise<void> {
  const init = workerData as WorkerInit;
  const { migration } = (await import(init.migrationModule)) as { migration: Migration };
  const parser = new SourceParser();
  const resolver = new ModuleResolver(new Set(init.files));
  const options = { mappings: revivedMappings(init.mappings), migration };
  let project: object = migration.createProjectState() as object;
  parentPort!.on('message', (message: WorkerMessage) => {
    if ('setup' in message) {
      project = Object.assign(migration.createProjectState() as object, message.setup);
      return;
    }
    let reply: WorkerReply;
    try {
      reply = { id: message.id, transformed: transformSource({ path: message.path }, { text: message.text, bom: message.bom }, message.language, options, project, parser, resolver) };
    } catch (error) {
      reply = { id: message.id, error: (error as Error).message };
    }
    parentPort!.postMessage(reply);
  });
  parentPort!.postMessage({ ready: true });
}

void serve();
