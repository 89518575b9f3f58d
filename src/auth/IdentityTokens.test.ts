import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { IdentityTokens } from './IdentityTokens.ts';

const dir = mkdtempSync(join(tmpdir(), 'identity-'));
function keyFile(name: string, type: 'ed25519' | 'rsa' | 'ec', options: Record<string, unknown> = {}): string {
  const { privateKey } = generateKeyPairSync(type as 'ed25519', { ...options, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const file = join(dir, name);
  writeFileSync(file, privateKey);
  return file;
}
const viewer = { id: 'r-0001', client: 'passenger', scopes: new Set(['rides:request']) };

describe('IdentityTokens', () => {
  it('signs with an Ed25519 key that only the served JWKS verifies, per audience', async () => {
    const tokens = await IdentityTokens.fromConfig({ issuer: 'ride-gateway', ttlSec: 60, signingKeyFile: keyFile('ed.pem', 'ed25519'), secret: undefined });
    expect(tokens.algorithm).toBe('EdDSA');
    const jwks = createLocalJWKSet(tokens.jwks() as { keys: never[] });
    const token = await tokens.token(viewer, 'promotions');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', kid: tokens.jwks().keys[0]?.kid });
    const { payload } = await jwtVerify(token, jwks, { audience: 'promotions', issuer: 'ride-gateway', algorithms: ['EdDSA'] });
    expect(payload).toMatchObject({ sub: 'r-0001', client: 'passenger', scope: 'rides:request' });
    await expect(jwtVerify(token, jwks, { audience: 'reviews', issuer: 'ride-gateway' })).rejects.toThrow(/aud/);
    // The JWKS holds the public half only.
    expect(tokens.jwks().keys[0]).not.toHaveProperty('d');
  });

  it('reuses a token for the first half of its life, then signs a fresh one', async () => {
    let now = 1_000_000_000_000;
    const tokens = await IdentityTokens.fromConfig({ issuer: 'ride-gateway', ttlSec: 60, signingKeyFile: undefined, secret: 'x'.repeat(32) }, () => now);
    const first = await tokens.token(viewer, 'promotions');
    now += 29_000;
    expect(await tokens.token(viewer, 'promotions')).toBe(first);
    now += 2_000;
    expect(await tokens.token(viewer, 'promotions')).not.toBe(first);
    expect(tokens.jwks().keys).toEqual([]);
  });

  it('refuses keys it cannot sign safely with, naming the file', async () => {
    const base = { issuer: 'ride-gateway', ttlSec: 60, secret: undefined };
    await expect(IdentityTokens.fromConfig({ ...base, signingKeyFile: join(dir, 'missing.pem') })).rejects.toThrow(/cannot read .*missing\.pem/);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a key');
    await expect(IdentityTokens.fromConfig({ ...base, signingKeyFile: junk })).rejects.toThrow(/junk\.pem is not a PEM private key/);
    await expect(IdentityTokens.fromConfig({ ...base, signingKeyFile: keyFile('ec.pem', 'ec', { namedCurve: 'P-256' }) })).rejects.toThrow(/ec key; use Ed25519/);
    await expect(IdentityTokens.fromConfig({ ...base, signingKeyFile: keyFile('rsa1024.pem', 'rsa', { modulusLength: 1024 }) })).rejects.toThrow(/under 2048 bits/);
    await expect(IdentityTokens.fromConfig({ ...base, signingKeyFile: undefined })).rejects.toThrow(/IDENTITY_SIGNING_KEY_FILE is required/);
  });
});
