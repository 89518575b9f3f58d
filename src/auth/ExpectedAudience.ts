import { clientEntry, type ClientName } from '../config/clientCatalog.ts';

/** What one GraphQL endpoint accepts: tokens for one audience, and whether a caller may come without one. */
export interface ExpectedAudience {
  /** Whom viewers are verified for (becomes `Viewer.client`): a client app of `schemas/clients.json`, or `plain` in plain federation mode. */
  readonly app: string;
  /** The `aud` claim a token must carry. */
  readonly audience: string;
  /** Whether every request must carry a token; false lets anonymous callers in with a null viewer. */
  readonly tokenRequired: boolean;
  /** How a refusal names the endpoint, e.g. `the driver app`. */
  readonly description: string;
}

/** What a client app's endpoint accepts, from its entry in `schemas/clients.json`. */
export function clientAudience(client: ClientName): ExpectedAudience {
  const entry = clientEntry(client);
  return { app: client, audience: entry.audience, tokenRequired: entry.tokenRequired, description: `the ${client} app` };
}
