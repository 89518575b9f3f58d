import { clientEntry, type ClientName } from '../config/clientCatalog.ts';

/** The `aud` claim a token for `client` carries (`schemas/clients.json`, `ride-bff:<client>`): a token is good for one app only. */
export function tokenAudience(client: ClientName): string {
  return clientEntry(client).audience;
}
