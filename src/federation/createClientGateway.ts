import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { ClientSupergraph } from './composeClientSupergraph.ts';
import { LocalSubgraphDataSource } from './LocalSubgraphDataSource.ts';

/**
 * `@apollo/gateway` reports telemetry to Apollo (and probes cloud metadata endpoints) unless this
 * variable is set; the gateway sends nothing beyond the machine, in every mode.
 */
export function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
}

/**
 * An `@apollo/gateway` over one client's supergraph whose subgraphs all execute in-process: each
 * fetch of a query plan runs its pre-parsed document against the subgraph's executable schema.
 */
export function createClientGateway(supergraph: ClientSupergraph, subgraphSchemas: ReadonlyMap<string, GraphQLSchema>): ApolloGateway {
  disableApolloTelemetry();
  return new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    // The gateway would otherwise show query plans to any caller sending Apollo-Query-Plan-Experimental outside production.
    __exposeQueryPlanExperimental: false,
    buildService: ({ name }) => {
      const schema = subgraphSchemas.get(name);
      if (!schema) throw new Error(`No executable schema for subgraph "${name}"`);
      return new LocalSubgraphDataSource(schema);
    },
  });
}
