import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClientName } from '../../config/index.ts';
import { CompositionError, type ClientSupergraph, type CompositionIssue, type SubgraphSdl } from '../../federation/index.ts';
import type { Composer } from './Composer.ts';

/** A message to the composition worker. */
export interface CompositionJob {
  readonly id: number;
  readonly client: ClientName;
  readonly subgraphs: readonly SubgraphSdl[];
}

/** The worker's answers to one {@link CompositionJob}: that it started it, then how it ended. */
export type CompositionOutcome =
  | { readonly id: number; readonly started: true }
  | { readonly id: number; readonly ok: true; readonly supergraph: ClientSupergraph }
  | { readonly id: number; readonly ok: false; readonly problems: readonly CompositionIssue[] };

/** Options of {@link createWorkerComposer}. */
export interface WorkerComposerOptions {
  /** Longest one client's composition may take, in ms (default 10 000): past it the worker is stopped and the composition fails. */
  readonly timeoutMs?: number;
  /** Longest a fresh worker may take to load composition before it starts, in ms (default 30 000; ~1 s usually). Not part of `timeoutMs`. */
  readonly startTimeoutMs?: number;
}

/** A {@link Composer} on a worker thread, and how to stop it. */
export interface WorkerComposer {
  readonly compose: Composer;
  /** Stops the worker; compositions still queued fail. */
  close(): Promise<void>;
}

/**
 * Composes on one worker thread, one composition at a time, each within `timeoutMs`: the gateway's
 * event loop keeps serving while a check composes, and an SDL that composition chews on too long
 * (composition has no limit of its own) costs at most the timeout. A timed-out worker is
 * terminated; the next composition starts a fresh one (~1 s to load composition, not counted in
 * the timeout). The worker is started on first use and does not keep the process alive while idle.
 */
export function createWorkerComposer(options: WorkerComposerOptions = {}): WorkerComposer {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  for (const [name, value] of [['timeoutMs', timeoutMs], ['startTimeoutMs', startTimeoutMs]] as const) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number of ms, got ${value}`);
  }
  let worker: Worker | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const run = (client: ClientName, subgraphs: readonly SubgraphSdl[]) =>
    new Promise<ClientSupergraph>((resolve, reject) => {
      if (closed) return reject(new Error('the composition worker is closed'));
      const current = (worker ??= startWorker((exited) => {
        if (worker === exited) worker = undefined;
      }));
      const id = nextId++;
      const settle = (outcome: Exclude<CompositionOutcome, { started: true }> | Error) => {
        clearTimeout(timer);
        current.off('message', onMessage).off('error', onFailure).off('exit', onExit);
        current.unref();
        if (outcome instanceof Error) reject(outcome);
        else if (outcome.ok) resolve(outcome.supergraph);
        else reject(new CompositionError(client, outcome.problems));
      };
      const stop = (error: Error) => {
        if (worker === current) worker = undefined;
        void current.terminate();
        settle(error);
      };
      const onMessage = (outcome: CompositionOutcome) => {
        if (outcome.id !== id) return;
        if (!('started' in outcome)) return settle(outcome);
        // The time limit counts composing, not loading a fresh worker.
        clearTimeout(timer);
        timer = setTimeout(() => stop(tooLong), timeoutMs);
      };
      const onFailure = (error: Error) => stop(new Error(`the composition worker failed: ${error.message}`));
      const onExit = (code: number) => stop(new Error(`the composition worker exited (code ${code})`));
      const tooLong = new CompositionError(client, [{ message: `composition took longer than ${timeoutMs} ms; stopped`, locations: [] }]);
      let timer = setTimeout(() => stop(new Error(`the composition worker did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
      current.on('message', onMessage).on('error', onFailure).on('exit', onExit);
      current.ref();
      current.postMessage({ id, client, subgraphs } satisfies CompositionJob);
    });

  return {
    compose: (client, subgraphs) => {
      const result = queue.then(() => run(client, subgraphs));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      closed = true;
      const current = worker;
      worker = undefined;
      await current?.terminate();
    },
  };
}

/**
 * A worker running `compositionWorker.ts`. The worker registers tsx's loader itself (the repository
 * runs TypeScript through tsx; a worker does not inherit the loader registered in the main thread).
 */
function startWorker(onExit: (worker: Worker) => void): Worker {
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./compositionWorker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  // A failure reaches the composition in flight through its own listener; none must go unhandled while idle.
  worker.on('error', () => undefined).once('exit', () => onExit(worker));
  worker.unref();
  return worker;
}
