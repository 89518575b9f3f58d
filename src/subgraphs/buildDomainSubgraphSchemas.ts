import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { domainSubgraphNames, readDomainSubgraphSdl, type DomainSubgraphName } from '../federation/subgraphSdl.ts';
import { catalogResolvers } from './catalog/resolvers.ts';
import { driversResolvers } from './drivers/resolvers.ts';
import { pricingResolvers } from './pricing/resolvers.ts';
import { recommendationsResolvers } from './recommendations/resolvers.ts';
import { reviewsResolvers } from './reviews/resolvers.ts';
import { ridersResolvers } from './riders/resolvers.ts';
import { tripsResolvers } from './trips/resolvers.ts';

/** The resolver map `buildSubgraphSchema` takes. */
type SubgraphResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/** Each domain subgraph's resolvers. */
const resolversBySubgraph: Record<DomainSubgraphName, object> = {
  riders: ridersResolvers,
  drivers: driversResolvers,
  trips: tripsResolvers,
  catalog: catalogResolvers,
  pricing: pricingResolvers,
  reviews: reviewsResolvers,
  recommendations: recommendationsResolvers,
};

/** Builds an executable subgraph schema from its SDL and its (codegen-typed) resolvers. */
export function buildExecutableSubgraph(sdl: string, resolvers: object): GraphQLSchema {
  // The generated resolver types are stricter than @apollo/subgraph's loose map; the SDL is the contract.
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as SubgraphResolverMap });
}

/** Every domain subgraph as an executable schema, built once and shared by all clients. */
export function buildDomainSubgraphSchemas(): Map<string, GraphQLSchema> {
  return new Map(
    domainSubgraphNames.map((name) => [name, buildExecutableSubgraph(readDomainSubgraphSdl(name), resolversBySubgraph[name])]),
  );
}
