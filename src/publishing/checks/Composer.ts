import type { ClientName } from '../../config/index.ts';
import { composeClientSupergraph, type ClientSupergraph, type SubgraphSdl } from '../../federation/index.ts';

/**
 * Composes one client's supergraph; rejects with `CompositionError` (or the `GraphQLError` of an
 * SDL that does not parse) as `composeClientSupergraph` throws. The check takes one, so the
 * gateway can compose off its event loop, under a time limit ({@link createWorkerComposer}).
 */
export type Composer = (client: ClientName, subgraphs: readonly SubgraphSdl[]) => Promise<ClientSupergraph>;

/** Composes on the calling thread: for the CLI and tests, where nothing else waits on the event loop. */
export const composeInThread: Composer = async (client, subgraphs) => composeClientSupergraph(client, subgraphs);
