import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/** Who a gateway vouches for to a remote subgraph. */
export interface IdentityViewer {
  /** The token's subject: a rider id (passenger, web) or a driver id (driver). */
  readonly id: string;
  readonly client: string;
  readonly scopes: ReadonlySet<string>;
}

/** Options of {@link IdentityTokens}. */
export interface IdentityTokensOptions {
  /** The HS256 secret (demo mode's identity secret). */
  readonly secret: string;
  /** The `iss` claim (default `ride-gateway`, as the gateway signs). */
  readonly issuer?: string;
  /** Lifetime of a token, seconds (default 60: the most the remote subgraphs accept). */
  readonly ttlSec?: number;
  /** A cached token is signed again once fewer than this many seconds remain (default 15). */
  readonly renewBeforeSec?: number;
  /** Tokens kept (default 10 000); past it the oldest goes. */
  readonly maxEntries?: number;
  /** Milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

interface Entry {
  readonly token: Promise<string | undefined>;
  readonly renewAtMs: number;
}

/**
 * The identity token a gateway sends a remote subgraph (header `x-identity-token`) instead of the
 * client's own token: an HS256 JWT with `sub`, `client`, `scope`, `aud` = the subgraph, `iss`, a
 * lifetime of a minute and a random `jti`, signed once per session and audience and reused until
 * close to expiry, as the gateway under test caches its own. The `jti` makes every session's token
 * distinct, so two sessions never send byte-identical subgraph fetches (Hive Gateway deduplicates
 * those; real traffic from different people never is identical).
 */
export class IdentityTokens {
  readonly #key: Uint8Array;
  readonly #issuer: string;
  readonly #ttlSec: number;
  readonly #renewBeforeMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  constructor(options: IdentityTokensOptions) {
    if (options.secret.length < 32) throw new TypeError('IdentityTokens: secret must be at least 32 characters');
    this.#key = new TextEncoder().encode(options.secret);
    this.#issuer = options.issuer ?? 'ride-gateway';
    this.#ttlSec = options.ttlSec ?? 60;
    this.#renewBeforeMs = (options.renewBeforeSec ?? 15) * 1000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (this.#ttlSec * 1000 <= this.#renewBeforeMs) throw new TypeError('IdentityTokens: ttlSec must exceed renewBeforeSec');
  }

  /**
   * The token for the session `session` (e.g. the client's `Authorization` value) to `audience`.
   * On a miss `viewerOf()` says who the session is (verifying the client's token); null (an
   * anonymous caller) gives no token. A failing `viewerOf()` rejects and caches nothing.
   */
  token(session: string, audience: string, viewerOf: () => Promise<IdentityViewer | null>): Promise<string | undefined> {
    const key = `${audience}\n${session}`;
    const now = this.#now();
    const cached = this.#entries.get(key);
    if (cached && now < cached.renewAtMs) return cached.token;
    const token = viewerOf().then((viewer) => (viewer ? this.#sign(viewer, audience, now) : undefined));
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { token, renewAtMs: now + this.#ttlSec * 1000 - this.#renewBeforeMs });
    token.catch(() => {
      if (this.#entries.get(key)?.token === token) this.#entries.delete(key);
    });
    return token;
  }

  #sign(viewer: IdentityViewer, audience: string, nowMs: number): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    return new SignJWT({ client: viewer.client, ...(viewer.scopes.size > 0 ? { scope: [...viewer.scopes].join(' ') } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(viewer.id)
      .setIssuer(this.#issuer)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.#ttlSec)
      .setJti(randomUUID())
      .sign(this.#key);
  }
}
