import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { applyAuthz } from '../authz/index.ts';
import { applyFallbacks, type FallbackProviders } from '../resilience/index.ts';
import { domainSubgraphNames, readDomainSubgraphSdl, type DomainSubgraphName } from '../schemas/index.ts';
import { catalogResolvers } from './catalog/resolvers.ts';
import { driversResolvers } from './drivers/resolvers.ts';
import { pricingFallbacks } from './pricing/pricingFallbacks.ts';
import { pricingResolvers } from './pricing/resolvers.ts';
import { recommendationsFallbacks } from './recommendations/recommendationsFallbacks.ts';
import { recommendationsResolvers } from './recommendations/resolvers.ts';
import type { RequestContext } from './RequestContext.ts';
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

/** The DEFAULT and CACHE values of the subgraphs whose SDL declares such fallbacks. */
const fallbacksBySubgraph: Partial<Record<DomainSubgraphName, FallbackProviders<RequestContext>>> = {
  pricing: pricingFallbacks,
  recommendations: recommendationsFallbacks,
};

/**
 * Builds an executable subgraph schema from its SDL and its (codegen-typed) resolvers, with the
 * `@fallback` fields of the SDL wrapped (`applyFallbacks`), then the fields carrying authorization
 * rules (`applyAuthz`: outermost, so a refused field runs neither its resolver nor its fallback).
 * Throws naming `Type.field` when a fallback is declared where it cannot be (non-null field) or
 * lacks its provider, or an owner rule does not exist or reads a field the subgraph lacks.
 */
export function buildExecutableSubgraph(sdl: string, resolvers: object, fallbacks: FallbackProviders<RequestContext> = {}): GraphQLSchema {
  // The generated resolver types are stricter than @apollo/subgraph's loose map; the SDL is the contract.
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as SubgraphResolverMap });
  return applyAuthz(applyFallbacks(schema, fallbacks));
}

/** Every domain subgraph as an executable schema, built once and shared by all clients. */
export function buildDomainSubgraphSchemas(): Map<string, GraphQLSchema> {
  return new Map(
    domainSubgraphNames.map((name) => [
      name,
      buildExecutableSubgraph(readDomainSubgraphSdl(name), resolversBySubgraph[name], fallbacksBySubgraph[name]),
    ]),
  );
}
