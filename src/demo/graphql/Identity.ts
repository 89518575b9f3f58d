/**
 * Who a request to a remote subgraph speaks for, from the gateway-signed identity token
 * (`x-identity-token`): signed in (a verified token), anonymous (no token) or invalid (a token
 * that failed verification, with the reason). Only `signed-in` passes an owner rule.
 */
export type Identity =
  | { readonly kind: 'signed-in'; readonly viewerId: string; readonly client: string; readonly scopes: readonly string[]; readonly expiresAtMs: number }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** How tokens are checked: HS256 with a shared secret (demo), or the gateway's JWKS (EdDSA/RS256). */
export type IdentityKey = { readonly kind: 'secret'; readonly secret: string } | { readonly kind: 'jwks'; readonly url: string };

/** What a subgraph checks in every identity token. */
export interface IdentitySettings {
  /** Absent: no token can be verified, so owner-only fields answer UNAUTHENTICATED. */
  readonly key: IdentityKey | undefined;
  /** The `iss` claim required (`IDENTITY_ISSUER`, default `ride-gateway`). */
  readonly issuer: string;
  /** The `aud` claim required: this subgraph's name, so a token minted for another is refused. */
  readonly audience: string;
  /** Allowed clock skew, seconds (default 30). */
  readonly clockToleranceSec: number;
}

/** The gateway's issuer name unless `IDENTITY_ISSUER` says otherwise. */
export const DEFAULT_IDENTITY_ISSUER = 'ride-gateway';
/** Allowed clock skew between gateway and subgraph, seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;

/** What every resolver of a fleet subgraph gets: the caller's identity, verified on first use. */
export interface SubgraphContext {
  identity(): Promise<Identity>;
}
