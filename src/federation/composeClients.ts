import { readFileSync } from 'node:fs';
import { clientNames, subgraphCatalog, type ClientName, type SubgraphEntry } from '../config/index.ts';
import { domainSubgraphNames, readBffSdl, readDomainSubgraphSdl, schemasDir, type DomainSubgraphName } from '../schemas/index.ts';
import { bffSubgraphName } from './bffSubgraphName.ts';
import { composeClientSupergraph, type ClientSupergraph, type SubgraphSdl } from './composeClientSupergraph.ts';

/** A subgraph's published SDL: an in-process one's from `schemas/subgraphs/<name>.graphql`, a remote one's from its `sdl` file. */
export function subgraphSdl(entry: SubgraphEntry): string {
  if (entry.location.kind !== 'in-process') return readFileSync(`${schemasDir}${entry.sdlFile}`, 'utf8');
  if (!(domainSubgraphNames as readonly string[]).includes(entry.name)) {
    throw new Error(`schemas/subgraphs.json: subgraphs.${entry.name} runs in-process, but no resolvers exist for it (in-process subgraphs: ${domainSubgraphNames.join(', ')})`);
  }
  return readDomainSubgraphSdl(entry.name as DomainSubgraphName);
}

/** The subgraphs one client's supergraph is composed from: its BFF and every subgraph of `schemas/subgraphs.json` that includes it. */
export function clientSubgraphSdls(client: ClientName, catalog: readonly SubgraphEntry[] = subgraphCatalog): SubgraphSdl[] {
  return [
    { name: bffSubgraphName(client), sdl: readBffSdl(client) },
    ...catalog.filter((entry) => entry.clients.includes(client)).map((entry) => ({ name: entry.name, sdl: subgraphSdl(entry) })),
  ];
}

/** Composes every client's supergraph from the SDL files in `schemas/`. */
export function composeClients(): Record<ClientName, ClientSupergraph> {
  const entries = clientNames.map((client) => [client, composeClientSupergraph(client, clientSubgraphSdls(client))]);
  return Object.fromEntries(entries) as Record<ClientName, ClientSupergraph>;
}
