import { SignJWT } from 'jose';
import type { ClientName } from '../config/clientNames.ts';
import { demoScopes } from './demoScopes.ts';
import { tokenAudience } from './tokenAudience.ts';

/** What a signed token says. */
export interface TokenClaims {
  readonly client: ClientName;
  /** Rider id (passenger, web) or driver id (driver). */
  readonly subject: string;
  readonly issuer: string;
  /** Lifetime, seconds (default 24 h). */
  readonly ttlSec?: number;
  /** The `scope` claim's scopes (default: the client's {@link demoScopes}); empty: no `scope` claim. */
  readonly scopes?: readonly string[];
}

/** Signs an HS256 token for one client (demo and tests; production tokens come from the identity provider). */
export function issueToken(secret: string, claims: TokenClaims): Promise<string> {
  return issueAudienceToken(secret, { ...claims, audience: tokenAudience(claims.client), scopes: claims.scopes ?? demoScopes[claims.client] });
}

/** What a token for any audience says (plain federation mode's `PLAIN_AUDIENCE`, or a client app's). */
export interface AudienceTokenClaims {
  readonly audience: string;
  readonly subject: string;
  readonly issuer: string;
  /** Lifetime, seconds (default 24 h). */
  readonly ttlSec?: number;
  /** The `scope` claim's scopes (default none: no `scope` claim). */
  readonly scopes?: readonly string[];
}

/** Signs an HS256 token for `claims.audience` (demo and tests). */
export function issueAudienceToken(secret: string, claims: AudienceTokenClaims): Promise<string> {
  const scopes = claims.scopes ?? [];
  return new SignJWT(scopes.length > 0 ? { scope: scopes.join(' ') } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSec ?? 86_400}s`)
    .sign(new TextEncoder().encode(secret));
}
