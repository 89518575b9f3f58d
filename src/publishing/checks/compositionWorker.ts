/**
 * The worker thread of {@link createWorkerComposer}: composes one client's supergraph per message.
 * Imports composition only (not the federation folder's index, which would load the gateway too).
 */
import { GraphQLError } from 'graphql';
import { parentPort } from 'node:worker_threads';
import { composeClientSupergraph, CompositionError } from '../../federation/composeClientSupergraph.ts';
import type { CompositionJob, CompositionOutcome } from './WorkerComposer.ts';

const port = parentPort;
if (!port) throw new Error('compositionWorker.ts runs in a worker thread (createWorkerComposer)');

port.on('message', ({ id, client, subgraphs }: CompositionJob) => {
  port.postMessage({ id, started: true } satisfies CompositionOutcome);
  let outcome: CompositionOutcome;
  try {
    outcome = { id, ok: true, supergraph: composeClientSupergraph(client, subgraphs) };
  } catch (error) {
    if (error instanceof CompositionError) outcome = { id, ok: false, problems: error.problems };
    else if (error instanceof GraphQLError) {
      // An SDL that does not parse: its source is named after its subgraph.
      const subgraph = error.source?.name;
      const locations = (error.locations ?? []).map(({ line, column }) => (subgraph ? { subgraph, line, column } : { line, column }));
      outcome = { id, ok: false, problems: [{ message: subgraph ? `[${subgraph}] ${error.message}` : error.message, ...(subgraph ? { subgraph } : {}), locations }] };
    } else outcome = { id, ok: false, problems: [{ message: error instanceof Error ? error.message : String(error), locations: [] }] };
  }
  port.postMessage(outcome);
});
