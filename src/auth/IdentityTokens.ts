import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JWK } from 'jose';
import type { IdentityConfig } from '../config/index.ts';

/** Who a remote subgraph is told is asking. */
export interface IdentitySubject {
  /** The viewer's id (the client token's `sub`). */
  readonly id: string;
  /** The app the request came through, e.g. `passenger`. */
  readonly client: string;
  readonly scopes: ReadonlySet<string>;
}

/** The header a remote subgraph finds the identity token in. */
export const IDENTITY_HEADER = 'x-identity-token';

/** Tokens kept for reuse; past it the oldest go first. */
const maxCachedTokens = 10_000;

type SigningKey = { readonly alg: 'HS256'; readonly key: Uint8Array } | { readonly alg: 'EdDSA' | 'RS256'; readonly key: KeyObject; readonly kid: string; readonly jwk: JWK };

/**
 * Signs the identity tokens remote subgraphs receive instead of the client's token: a JWT with
 * `sub`, `client`, `scope`, `aud` = the subgraph's name (a token sent to one subgraph is refused
 * by another), `iss` and a lifetime of at most a minute. Outside demo mode the key is asymmetric
 * (EdDSA or RS256) and its public half is {@link jwks}, so a subgraph can verify but never forge.
 * A token is reused for the first half of its life (signing is not free; a screen fetches several
 * subgraphs, a user sends many screens).
 */
export class IdentityTokens {
  readonly #signing: SigningKey;
  readonly #issuer: string;
  readonly #ttlSec: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { readonly token: Promise<string>; readonly renewAt: number }>();

  private constructor(signing: SigningKey, config: Pick<IdentityConfig, 'issuer' | 'ttlSec'>, now: () => number) {
    this.#signing = signing;
    this.#issuer = config.issuer;
    this.#ttlSec = config.ttlSec;
    this.#now = now;
  }

  /** Reads the signing key the configuration names (a PKCS#8 PEM file), or takes its HS256 secret. Throws naming what is wrong. */
  static async fromConfig(config: IdentityConfig, now: () => number = Date.now): Promise<IdentityTokens> {
    if (config.signingKeyFile) {
      let pem: string;
      try {
        pem = await readFile(config.signingKeyFile, 'utf8');
      } catch (error) {
        throw new Error(`IDENTITY_SIGNING_KEY_FILE: cannot read ${config.signingKeyFile} (${(error as Error).message})`);
      }
      return new IdentityTokens(await asymmetricKey(pem, config.signingKeyFile), config, now);
    }
    if (!config.secret) throw new Error('IDENTITY_SIGNING_KEY_FILE is required: remote subgraphs need identity tokens they can verify.');
    return new IdentityTokens({ alg: 'HS256', key: new TextEncoder().encode(config.secret) }, config, now);
  }

  /** The algorithm tokens are signed with. */
  get algorithm(): SigningKey['alg'] {
    return this.#signing.alg;
  }

  /** The public keys a subgraph verifies tokens with (`/.well-known/jwks.json`); none for a demo HS256 secret. */
  jwks(): { readonly keys: readonly JWK[] } {
    return { keys: this.#signing.alg === 'HS256' ? [] : [this.#signing.jwk] };
  }

  /** A token naming `subject` for the subgraph `audience`, signed at most half a lifetime ago. */
  token(subject: IdentitySubject, audience: string): Promise<string> {
    const scope = [...subject.scopes].sort().join(' ');
    const key = `${audience}\n${subject.client}\n${subject.id}\n${scope}`;
    const now = this.#now();
    const cached = this.#cache.get(key);
    if (cached && cached.renewAt > now) return cached.token;
    if (cached) this.#cache.delete(key);
    else if (this.#cache.size >= maxCachedTokens) this.#cache.delete(this.#cache.keys().next().value as string);
    const token = this.#sign(subject.id, subject.client, scope, audience, Math.floor(now / 1000));
    this.#cache.set(key, { token, renewAt: now + (this.#ttlSec * 1000) / 2 });
    // A failed signing is not kept: the next request tries again.
    token.catch(() => this.#cache.delete(key));
    return token;
  }

  #sign(sub: string, client: string, scope: string, audience: string, iat: number): Promise<string> {
    const signing = this.#signing;
    const header = signing.alg === 'HS256' ? { alg: signing.alg, typ: 'JWT' } : { alg: signing.alg, kid: signing.kid, typ: 'JWT' };
    return new SignJWT({ client, ...(scope === '' ? {} : { scope }) })
      .setProtectedHeader(header)
      .setSubject(sub)
      .setAudience(audience)
      .setIssuer(this.#issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.#ttlSec)
      .sign(signing.key);
  }
}

async function asymmetricKey(pem: string, file: string): Promise<SigningKey> {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`IDENTITY_SIGNING_KEY_FILE: ${file} is not a PEM private key (${(error as Error).message})`);
  }
  const type = key.asymmetricKeyType;
  const alg = type === 'ed25519' ? 'EdDSA' : type === 'rsa' ? 'RS256' : undefined;
  if (!alg) throw new Error(`IDENTITY_SIGNING_KEY_FILE: ${file} holds a ${String(type)} key; use Ed25519 (EdDSA) or RSA (RS256).`);
  if (alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error(`IDENTITY_SIGNING_KEY_FILE: ${file} holds an RSA key under 2048 bits.`);
  const publicJwk = await exportJWK(createPublicKey(key));
  const kid = await calculateJwkThumbprint(publicJwk);
  return { alg, key, kid, jwk: { ...publicJwk, kid, alg, use: 'sig' } };
}
