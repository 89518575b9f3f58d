import { clientCatalog, type ClientName } from '../config/clientCatalog.ts';

/**
 * The scopes a demo token carries by default (its `scope` claim), per client (`schemas/clients.json`):
 * what the app's own screens need (`@requiresScopes` in the SDL). Production tokens get theirs from
 * the identity provider.
 */
export const demoScopes: Readonly<Record<ClientName, readonly string[]>> = Object.freeze(
  Object.fromEntries(clientCatalog.map((client) => [client.name, client.demo.scopes])) as Record<ClientName, readonly string[]>,
);
