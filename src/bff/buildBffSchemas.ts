import type { GraphQLSchema } from 'graphql';
import type { ClientName } from '../config/clientNames.ts';
import { readBffSdl } from '../schemas/index.ts';
import { buildExecutableSubgraph } from '../subgraphs/index.ts';
import { driverResolvers } from './driver/resolvers.ts';
import { passengerResolvers } from './passenger/resolvers.ts';
import { webResolvers } from './web/resolvers.ts';

const resolversByClient: Record<ClientName, object> = {
  passenger: passengerResolvers,
  driver: driverResolvers,
  web: webResolvers,
};

/** A client's BFF subgraph as an executable schema. */
export function buildBffSchema(client: ClientName): GraphQLSchema {
  return buildExecutableSubgraph(readBffSdl(client), resolversByClient[client]);
}
