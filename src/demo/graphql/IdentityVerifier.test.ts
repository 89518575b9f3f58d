import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentitySettings } from './Identity.ts';
import { IdentityVerifier } from './IdentityVerifier.ts';

const SECRET = 'test-identity-secret-0123456789-abcdef';
const NOW_MS = Date.UTC(2030, 0, 1, 12);
const settings = (key: IdentitySettings['key']): IdentitySettings => ({ key, issuer: 'ride-gateway', audience: 'promotions', clockToleranceSec: 30 });

function claims(sub = 'r-0001', expSec = NOW_MS / 1_000 + 60): SignJWT {
  return new SignJWT({ client: 'passenger', scope: 'rides:request profile' }).setSubject(sub).setAudience('promotions').setIssuer('ride-gateway').setExpirationTime(expSec);
}
const hs256 = (token: SignJWT, secret = SECRET) => token.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

/** The gateway's `/.well-known/jwks.json`, serving an EdDSA and an RS256 public key. */
let jwksUrl = '';
let jwksFetches = 0;
const keys: { eddsa?: CryptoKey; rs256?: CryptoKey } = {};
const jwksServer = createServer((_req, res) => {
  jwksFetches += 1;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
});
let jwks: { keys: unknown[] } = { keys: [] };

beforeAll(async () => {
  const eddsa = await generateKeyPair('EdDSA');
  const rs256 = await generateKeyPair('RS256');
  keys.eddsa = eddsa.privateKey;
  keys.rs256 = rs256.privateKey;
  jwks = {
    keys: [
      { ...(await exportJWK(eddsa.publicKey)), kid: 'ed-1', alg: 'EdDSA', use: 'sig' },
      { ...(await exportJWK(rs256.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' },
    ],
  };
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

describe('IdentityVerifier with an HS256 secret (demo mode)', () => {
  const verifier = new IdentityVerifier(settings({ kind: 'secret', secret: SECRET }), () => NOW_MS);

  it('accepts a token for this subgraph: viewer, client and scopes', async () => {
    expect(await verifier.verify(await hs256(claims()))).toEqual({
      kind: 'signed-in',
      viewerId: 'r-0001',
      client: 'passenger',
      scopes: ['rides:request', 'profile'],
      expiresAtMs: NOW_MS + 60_000,
    });
  });

  it('is anonymous without a token, and refuses a bad one with the reason', async () => {
    expect(await verifier.verify(undefined)).toEqual({ kind: 'anonymous' });
    expect(await verifier.verify(await hs256(claims(), 'another-secret-of-enough-length-0123456789'))).toMatchObject({ kind: 'invalid', reason: /signature/ });
    expect(await verifier.verify(await hs256(claims().setAudience('catalog')))).toMatchObject({ kind: 'invalid', reason: /aud/ });
    expect(await verifier.verify(await hs256(claims(undefined, NOW_MS / 1_000 - 31)))).toMatchObject({ kind: 'invalid', reason: /ERR_JWT_EXPIRED/ });
    // Within the 30 s clock tolerance.
    expect(await verifier.verify(await hs256(claims(undefined, NOW_MS / 1_000 - 29)))).toMatchObject({ kind: 'signed-in' });
  });

  it('refuses a cached token once it expires', async () => {
    let now = NOW_MS;
    const clocked = new IdentityVerifier(settings({ kind: 'secret', secret: SECRET }), () => now);
    const token = await hs256(claims());
    expect(await clocked.verify(token)).toMatchObject({ kind: 'signed-in' });
    now += 60_000 + 31_000;
    expect(await clocked.verify(token)).toMatchObject({ kind: 'invalid', reason: /ERR_JWT_EXPIRED/ });
  });

  it('refuses every token without a key', async () => {
    const keyless = new IdentityVerifier(settings(undefined), () => NOW_MS);
    expect(await keyless.verify(await hs256(claims()))).toMatchObject({ kind: 'invalid', reason: /no identity key configured/ });
  });
});

describe("IdentityVerifier with the gateway's JWKS (production)", () => {
  it('accepts EdDSA and RS256 tokens signed by the published keys', async () => {
    const verifier = new IdentityVerifier(settings({ kind: 'jwks', url: jwksUrl }), () => NOW_MS);
    const eddsa = await claims('r-0002').setProtectedHeader({ alg: 'EdDSA', kid: 'ed-1' }).sign(keys.eddsa!);
    const rs256 = await claims('r-0003').setProtectedHeader({ alg: 'RS256', kid: 'rs-1' }).sign(keys.rs256!);
    expect(await verifier.verify(eddsa)).toMatchObject({ kind: 'signed-in', viewerId: 'r-0002' });
    expect(await verifier.verify(rs256)).toMatchObject({ kind: 'signed-in', viewerId: 'r-0003' });
    expect(jwksFetches).toBe(1);
  });

  it('refuses an HS256 token even if its secret were known (no symmetric algorithm with a JWKS)', async () => {
    const verifier = new IdentityVerifier(settings({ kind: 'jwks', url: jwksUrl }), () => NOW_MS);
    expect(await verifier.verify(await hs256(claims()))).toMatchObject({ kind: 'invalid', reason: /alg/ });
  });
});
