import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientName } from '../config/clientNames.ts';
import type { DomainSubgraphName } from './domainSubgraphNames.ts';

/** The repository's `schemas/` folder (with a trailing slash), where the SDL files are published. */
export const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The SDL a domain team published, from `schemas/subgraphs/<name>.graphql`. */
export function readDomainSubgraphSdl(name: DomainSubgraphName): string {
  return readFileSync(`${schemasDir}subgraphs/${name}.graphql`, 'utf8');
}

/** A client's BFF subgraph SDL, from `schemas/bff/<client>.graphql`. */
export function readBffSdl(client: ClientName): string {
  return readFileSync(`${schemasDir}bff/${client}.graphql`, 'utf8');
}
