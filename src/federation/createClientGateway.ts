import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { ClientSupergraph } from './composeClientSupergraph.ts';

/**
 * `@apollo/gateway` reports telemetry to Apollo (and probes cloud metadata endpoints) unless this
 * variable is set; the gateway sends nothing beyond the machine, in every mode.
 */
export function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
}

/**
 * An `@apollo/gateway` over one client's supergraph. Each subgraph's fetches go to the data source
 * `dataSourceOf` gives: in-process ones run the plan's pre-parsed document against the subgraph's
 * executable schema (LocalSubgraphDataSource), remote ones go over the network
 * (RemoteSubgraphDataSource).
 */
export function createClientGateway(supergraph: ClientSupergraph, dataSourceOf: (subgraph: string) => GraphQLDataSource | undefined): ApolloGateway {
  disableApolloTelemetry();
  return new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    // The gateway would otherwise show query plans to any caller sending Apollo-Query-Plan-Experimental outside production.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name }) => {
      const source = dataSourceOf(name);
      if (!source) throw new Error(`No data source for subgraph "${name}"`);
      return source;
    },
  });
}
