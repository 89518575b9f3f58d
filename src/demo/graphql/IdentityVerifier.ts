import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Identity, IdentitySettings } from './Identity.ts';

const ANONYMOUS: Identity = Object.freeze({ kind: 'anonymous' });

/** Verified tokens kept, so a token sent with several fetches is checked once. */
const MAX_CACHED_TOKENS = 1_000;
/** Longest token accepted, in characters (a few claims; anything larger is not ours). */
const MAX_TOKEN_CHARS = 4_096;

/**
 * Checks the gateway-signed identity token of a request with jose: signature (HS256 with the
 * shared secret, or EdDSA/RS256 from the gateway's JWKS), `aud`, `iss`, `exp` within the clock
 * tolerance, and a string `sub`. Never throws: a bad token is an `invalid` identity with the reason.
 */
export class IdentityVerifier {
  readonly #settings: IdentitySettings;
  readonly #key: Uint8Array | JWTVerifyGetKey | undefined;
  readonly #algorithms: string[];
  readonly #now: () => number;
  /** token → its signed-in identity, oldest first (insertion order), at most MAX_CACHED_TOKENS. */
  readonly #verified = new Map<string, Identity & { kind: 'signed-in' }>();

  /** @param now epoch ms, injected so expiry is testable. */
  constructor(settings: IdentitySettings, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
    const key = settings.key;
    if (key === undefined) {
      this.#key = undefined;
      this.#algorithms = [];
    } else if (key.kind === 'secret') {
      this.#key = new TextEncoder().encode(key.secret);
      this.#algorithms = ['HS256'];
    } else {
      this.#key = createRemoteJWKSet(new URL(key.url));
      this.#algorithms = ['EdDSA', 'RS256'];
    }
  }

  /** The identity a request's `x-identity-token` header value stands for. */
  async verify(token: string | undefined): Promise<Identity> {
    if (token === undefined || token === '') return ANONYMOUS;
    const cached = this.#verified.get(token);
    if (cached !== undefined) {
      if (cached.expiresAtMs + this.#settings.clockToleranceSec * 1_000 > this.#now()) return cached;
      this.#verified.delete(token);
    }
    if (this.#key === undefined) return { kind: 'invalid', reason: 'this service has no identity key configured (IDENTITY_SECRET or IDENTITY_JWKS_URL)' };
    if (token.length > MAX_TOKEN_CHARS) return { kind: 'invalid', reason: `token longer than ${MAX_TOKEN_CHARS} characters` };
    let payload: JWTPayload;
    try {
      const options = {
        audience: this.#settings.audience,
        issuer: this.#settings.issuer,
        algorithms: this.#algorithms,
        clockTolerance: this.#settings.clockToleranceSec,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(this.#now()),
      };
      // Two calls rather than one over a union: jose overloads on the key's type.
      ({ payload } = this.#key instanceof Uint8Array ? await jwtVerify(token, this.#key, options) : await jwtVerify(token, this.#key, options));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { kind: 'invalid', reason: `${typeof code === 'string' ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') return { kind: 'invalid', reason: 'the sub claim must be a non-empty string' };
    const identity = {
      kind: 'signed-in' as const,
      viewerId: payload.sub,
      client: typeof payload['client'] === 'string' ? payload['client'] : '',
      scopes: typeof payload['scope'] === 'string' ? payload['scope'].split(' ').filter((s) => s !== '') : [],
      expiresAtMs: (payload.exp ?? 0) * 1_000,
    };
    if (this.#verified.size >= MAX_CACHED_TOKENS) this.#verified.delete(this.#verified.keys().next().value as string);
    this.#verified.set(token, identity);
    return identity;
  }
}
