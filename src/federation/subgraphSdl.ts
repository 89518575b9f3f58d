import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientName } from '../config/clientNames.ts';

/** The domain subgraphs every client's supergraph is composed from. */
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

const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The SDL a domain team published, from `schemas/subgraphs/<name>.graphql`. */
export function readDomainSubgraphSdl(name: DomainSubgraphName): string {
  return readFileSync(`${schemasDir}subgraphs/${name}.graphql`, 'utf8');
}

/** A client's BFF subgraph SDL, from `schemas/bff/<client>.graphql`. */
export function readBffSdl(client: ClientName): string {
  return readFileSync(`${schemasDir}bff/${client}.graphql`, 'utf8');
}

/** The subgraph name a client's BFF is composed under. */
export function bffSubgraphName(client: ClientName): string {
  return `bff-${client}`;
}
