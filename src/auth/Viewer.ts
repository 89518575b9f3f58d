import { clientEntry } from '../config/clientCatalog.ts';
import { isClientName } from '../config/clientNames.ts';

/** Who is calling: the token's subject, a rider id (passenger, web) or a driver id (driver), and the token's scopes. */
export interface Viewer {
  /** The app the token was verified for: a client of `schemas/clients.json`, or `plain` in plain federation mode. */
  readonly client: string;
  readonly id: string;
  /** The token's `scope` claim, split on spaces (OAuth style); empty when the token has none. */
  readonly scopes: ReadonlySet<string>;
}

/** The kind of person a viewer is: each client's `role` in `schemas/clients.json` (the passenger and web apps serve riders, the driver app drivers). */
export type ViewerRole = 'rider' | 'driver';

/**
 * Which kind of person `viewer` is. Subject ids are only unique within a role (a rider token's
 * subject is a rider id), so a rule comparing ids must compare roles first. Undefined for a viewer
 * of no client app (plain federation mode): it matches no role.
 */
export function viewerRole(viewer: Viewer): ViewerRole | undefined {
  return isClientName(viewer.client) ? clientEntry(viewer.client).role : undefined;
}
