import type { ClientName } from '../config/index.ts';
import type { SchemaChange, SchemaStore, SubgraphVersion } from './types.ts';

/** One published version that touched a client: who, when, and its diff of that client's schema. */
export interface ClientSchemaChange {
  readonly subgraph: string;
  readonly version: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly rollbackOf?: number;
  readonly changes: readonly SchemaChange[];
}

/**
 * The latest published versions, across subgraphs, that joined `client`'s schema or changed it
 * (newest first, at most `limit`): what the playground's changes panel lists. Reads each live
 * subgraph's history from the store.
 */
export async function recentChanges(store: SchemaStore, live: ReadonlyMap<string, SubgraphVersion>, client: ClientName, limit: number): Promise<ClientSchemaChange[]> {
  const histories = await Promise.all([...live.keys()].map((subgraph) => store.history(subgraph)));
  return histories
    .flat()
    .filter((version) => version.clients.includes(client) || version.summary.clientChanges[client] !== undefined)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.version - a.version))
    .slice(0, limit)
    .map((version) => ({
      subgraph: version.subgraph,
      version: version.version,
      publishedAt: version.publishedAt,
      publishedBy: version.publishedBy,
      ...(version.rollbackOf !== undefined ? { rollbackOf: version.rollbackOf } : {}),
      changes: version.summary.clientChanges[client] ?? [],
    }));
}
