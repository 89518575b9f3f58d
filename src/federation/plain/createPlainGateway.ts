import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { disableApolloTelemetry } from '../createClientGateway.ts';
import { parseSubgraphUrl, type SubgraphLocation } from './SubgraphLocation.ts';
import type { SupergraphFileManager } from './SupergraphFileManager.ts';

/** Makes the data source of one remote subgraph (the seam plain mode's wiring fills: src/startPlainGateway.ts). */
export type BuildDataSource = (subgraph: string, location: SubgraphLocation) => GraphQLDataSource;

/**
 * An `@apollo/gateway` over the supergraph file `manager` serves and swaps, every subgraph remote:
 * each gets its data source from `buildDataSource` with the location its `join__graph(url:)` names.
 * The gateway builds a new data source when a subgraph's URL changes, and keeps it otherwise.
 */
export function createPlainGateway(manager: SupergraphFileManager, buildDataSource: BuildDataSource): ApolloGateway {
  disableApolloTelemetry();
  return new ApolloGateway({
    supergraphSdl: manager,
    // A file composed elsewhere is checked whole in every mode (the gateway skips it under NODE_ENV=production otherwise).
    validateSupergraph: true,
    // The gateway would otherwise show query plans to any caller sending Apollo-Query-Plan-Experimental outside production.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name, url }) => buildDataSource(name, manager.current.subgraphs.get(name) ?? parseSubgraphUrl(url ?? '')),
  });
}
