import type { ClientName } from '../config/clientNames.ts';

/** The subgraph name a client's BFF is composed under (e.g. `bff-passenger`). */
export function bffSubgraphName(client: ClientName): string {
  return `bff-${client}`;
}
