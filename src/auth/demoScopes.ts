import type { ClientName } from '../config/clientNames.ts';

/**
 * The scopes a demo token carries by default (its `scope` claim), per client: what the app's own
 * screens need (`@requiresScopes` in the SDL). Production tokens get theirs from the identity provider.
 */
export const demoScopes: Readonly<Record<ClientName, readonly string[]>> = {
  passenger: ['rides:request'],
  driver: ['rides:drive', 'earnings:read'],
  web: [],
};
