/** The domain subgraphs every client's supergraph is composed from, one `schemas/subgraphs/<name>.graphql` each. */
export const domainSubgraphNames = [
  'riders',
  'drivers',
  'trips',
  'catalog',
  'pricing',
  'reviews',
  'recommendations',
] as const;

/** One of {@link domainSubgraphNames}. */
export type DomainSubgraphName = (typeof domainSubgraphNames)[number];
