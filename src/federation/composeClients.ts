import { clientNames, type ClientName } from '../config/clientNames.ts';
import { composeClientSupergraph, type ClientSupergraph, type SubgraphSdl } from './composeClientSupergraph.ts';
import { domainSubgraphNames, readBffSdl, readDomainSubgraphSdl } from '../schemas/index.ts';
import { bffSubgraphName } from './bffSubgraphName.ts';

/** The subgraphs one client's supergraph is composed from: its BFF and every domain subgraph. */
export function clientSubgraphSdls(client: ClientName): SubgraphSdl[] {
  return [
    { name: bffSubgraphName(client), sdl: readBffSdl(client) },
    ...domainSubgraphNames.map((name) => ({ name, sdl: readDomainSubgraphSdl(name) })),
  ];
}

/** Composes every client's supergraph from the SDL files in `schemas/`. */
export function composeClients(): Record<ClientName, ClientSupergraph> {
  const entries = clientNames.map((client) => [client, composeClientSupergraph(client, clientSubgraphSdls(client))]);
  return Object.fromEntries(entries) as Record<ClientName, ClientSupergraph>;
}
