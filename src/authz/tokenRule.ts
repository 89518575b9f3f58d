import type { Viewer } from '../auth/index.ts';
import type { FieldAuthz } from './authzDirectives.ts';

/** Why a token-only rule refuses a field: no token (`UNAUTHENTICATED`), or a token that does not qualify (`FORBIDDEN`). */
export type TokenDenial = 'UNAUTHENTICATED' | 'FORBIDDEN';

/** The part of a field's rules that the token alone decides, before any data is read. */
export interface TokenRule {
  /** The caller must be signed in: `@authenticated`, and implied by `@requiresScopes` and `@owner` (every owner rule needs a viewer). */
  readonly authenticated: boolean;
  /** `@requiresScopes`: an OR of AND-lists of scopes; `undefined`: no scope needed. */
  readonly scopes: readonly (readonly string[])[] | undefined;
}

/**
 * Apollo's semantics for `@authenticated` and `@requiresScopes`: an anonymous caller is refused
 * with `UNAUTHENTICATED`; a signed-in one whose token holds every scope of none of the lists with
 * `FORBIDDEN`; `undefined` when the rule lets the caller through.
 */
export function tokenDenial(rule: TokenRule, viewer: Viewer | null): TokenDenial | undefined {
  if (!viewer) return rule.authenticated || rule.scopes ? 'UNAUTHENTICATED' : undefined;
  if (rule.scopes && !rule.scopes.some((all) => all.every((scope) => viewer.scopes.has(scope)))) return 'FORBIDDEN';
  return undefined;
}

/** The token-only rule of a field's declarations; `undefined` when it has none (`@public`, or nothing). */
export function tokenRuleOf(authz: FieldAuthz): TokenRule | undefined {
  // Every owner rule needs a signed-in viewer, so @owner implies @authenticated.
  const authenticated = authz.authenticated || authz.owner !== undefined || authz.scopes !== undefined;
  return authenticated ? { authenticated, scopes: authz.scopes } : undefined;
}
