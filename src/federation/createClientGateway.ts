import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { SwappableSupergraph } from './SwappableSupergraph.ts';

/**
 * `@apollo/gateway` reports telemetry to Apollo (and probes cloud metadata endpoints) unless this
 * variable is set; the gateway sends nothing beyond the machine, in every mode.
 */
export function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
}

/**
 * An `@apollo/gateway` over one client's supergraph, swapped whole when a published subgraph
 * changes it. Each subgraph's fetches go to the data source `dataSourceOf` gives for its name and
 * URL (`local://<name>` for an in-process subgraph, the remote one's location otherwise): in-process
 * ones run the plan's pre-parsed document against the subgraph's executable schema
 * (LocalSubgraphDataSource), remote ones go over the network (RemoteSubgraphDataSource). The
 * gateway asks again when a subgraph's URL changes.
 */
export function createClientGateway(supergraph: SwappableSupergraph, dataSourceOf: (subgraph: string, url: string) => GraphQLDataSource | undefined): ApolloGateway {
  disableApolloTelemetry();
  return new ApolloGateway({
    supergraphSdl: supergraph,
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    // The gateway would otherwise show query plans to any caller sending Apollo-Query-Plan-Experimental outside production.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name, url }) => {
      const source = dataSourceOf(name, url ?? '');
      if (!source) throw new Error(`No data source for subgraph "${name}" at ${url ?? 'no URL'}`);
      return source;
    },
  });
}
