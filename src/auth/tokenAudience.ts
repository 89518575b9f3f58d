import type { ClientName } from '../config/clientNames.ts';

/** The `aud` claim a token for `client` carries: a token is good for one app only. */
export function tokenAudience(client: ClientName): string {
  return `ride-bff:${client}`;
}
