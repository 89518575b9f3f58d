import { clientCatalog, type ClientName } from './clientCatalog.ts';

export type { ClientName };

/** The apps the gateway serves (`schemas/clients.json`), each with its own BFF schema and endpoint `/<client>/graphql`. */
export const clientNames: readonly ClientName[] = Object.freeze(clientCatalog.map((entry) => entry.name));

/** Type guard for {@link ClientName}. */
export function isClientName(value: string): value is ClientName {
  return (clientNames as readonly string[]).includes(value);
}
