import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/index.ts';
import type { ClientName } from '../config/clientCatalog.ts';
import { GatewayError } from '../errors/index.ts';
import { clientAudience, type ExpectedAudience } from './ExpectedAudience.ts';
import type { Viewer } from './Viewer.ts';

/**
 * Turns an `Authorization` header into the caller's identity for one endpoint (a client app, or
 * plain mode's `/graphql`). The algorithm is pinned, the issuer checked, a small clock skew
 * allowed, and the audience must be the endpoint's.
 */
export class ViewerVerifier {
  readonly #key: Uint8Array | JWTVerifyGetKey;
  readonly #auth: Config['auth'];

  constructor(auth: Config['auth']) {
    this.#auth = auth;
    if (auth.secret) this.#key = new TextEncoder().encode(auth.secret);
    else if (auth.jwksUrl) this.#key = createRemoteJWKSet(new URL(auth.jwksUrl));
    else throw new Error('auth needs a secret or a JWKS URL');
  }

  /**
   * The viewer, or null for an anonymous caller where the client allows one.
   * Throws GatewayError UNAUTHENTICATED (missing, malformed, expired or badly signed token) or
   * FORBIDDEN (a valid token issued for another client). The `scope` claim, when present, must be
   * a string of space-separated scopes (RFC 9068); anything else is UNAUTHENTICATED.
   */
  verify(authorization: string | undefined, client: ClientName): Promise<Viewer | null> {
    return this.verifyFor(authorization, clientAudience(client));
  }

  /** {@link verify} for any endpoint: the token's audience must be `expected.audience`; FORBIDDEN names `expected.description`. */
  async verifyFor(authorization: string | undefined, expected: ExpectedAudience): Promise<Viewer | null> {
    if (!authorization) {
      if (expected.tokenRequired) throw new GatewayError('UNAUTHENTICATED', 'Send "Authorization: Bearer <token>".');
      return null;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new GatewayError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], this.#key as Uint8Array, {
        algorithms: [this.#auth.algorithm],
        issuer: this.#auth.issuer,
        clockTolerance: this.#auth.clockToleranceSec,
        requiredClaims: ['sub', 'aud', 'exp'],
      }));
    } catch (error) {
      throw new GatewayError('UNAUTHENTICATED', describeTokenError(error));
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(expected.audience)) {
      throw new GatewayError('FORBIDDEN', `This token was issued for another app, not for ${expected.description}.`);
    }
    return { client: expected.app, id: payload.sub as string, scopes: parseScopes(payload.scope) };
  }
}

/** The scopes of a `scope` claim (absent: none). Throws GatewayError UNAUTHENTICATED when it is not a string. */
function parseScopes(claim: unknown): ReadonlySet<string> {
  if (claim === undefined) return new Set();
  if (typeof claim !== 'string') throw new GatewayError('UNAUTHENTICATED', 'The token\'s "scope" claim is not valid.');
  return new Set(claim.split(' ').filter((scope) => scope.length > 0));
}

function describeTokenError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's "${error.claim}" claim is not valid.`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this gateway does not accept.';
  return 'The token is malformed.';
}
