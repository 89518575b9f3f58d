import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { issueToken } from './issueToken.ts';
import { ViewerVerifier } from './ViewerVerifier.ts';

const { auth } = loadConfig({});
const verifier = new ViewerVerifier(auth);
const secret = auth.secret!;

describe('ViewerVerifier', () => {
  it('accepts a token for its client and returns the subject', async () => {
    const token = await issueToken(secret, { client: 'driver', subject: 'd-0007', issuer: auth.issuer });
    await expect(verifier.verify(`Bearer ${token}`, 'driver')).resolves.toEqual({
      client: 'driver',
      id: 'd-0007',
      scopes: new Set(['rides:drive', 'earnings:read']),
    });
  });

  it('reads the space-separated scope claim: demo defaults per client, overridable, absent when empty', async () => {
    const scoped = await issueToken(secret, { client: 'passenger', subject: 'r-1', issuer: auth.issuer, scopes: ['a:read', 'b:write'] });
    await expect(verifier.verify(`Bearer ${scoped}`, 'passenger')).resolves.toMatchObject({ scopes: new Set(['a:read', 'b:write']) });
    const web = await issueToken(secret, { client: 'web', subject: 'r-1', issuer: auth.issuer });
    await expect(verifier.verify(`Bearer ${web}`, 'web')).resolves.toMatchObject({ scopes: new Set() });
    const passenger = await issueToken(secret, { client: 'passenger', subject: 'r-1', issuer: auth.issuer });
    await expect(verifier.verify(`Bearer ${passenger}`, 'passenger')).resolves.toMatchObject({ scopes: new Set(['rides:request']) });
    const listed = await new SignJWT({ scope: ['a:read'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('r-1')
      .setIssuer(auth.issuer)
      .setAudience('ride-bff:passenger')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(`Bearer ${listed}`, 'passenger')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'The token\'s "scope" claim is not valid.' });
  });

  it('401 for no token where one is required, a malformed header, a bad signature or issuer, or an expired token', async () => {
    await expect(verifier.verify(undefined, 'passenger')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify('Basic abc', 'passenger')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await issueToken('z'.repeat(40), { client: 'passenger', subject: 'r-1', issuer: auth.issuer });
    await expect(verifier.verify(`Bearer ${forged}`, 'passenger')).rejects.toMatchObject({ message: 'The token signature is not valid.' });
    const foreign = await issueToken(secret, { client: 'passenger', subject: 'r-1', issuer: 'someone-else' });
    await expect(verifier.verify(`Bearer ${foreign}`, 'passenger')).rejects.toMatchObject({ message: 'The token\'s "iss" claim is not valid.' });
    const expired = await issueToken(secret, { client: 'passenger', subject: 'r-1', issuer: auth.issuer, ttlSec: -60 });
    await expect(verifier.verify(`Bearer ${expired}`, 'passenger')).rejects.toMatchObject({ message: 'The token has expired.' });
  });

  it('allows the configured clock skew', async () => {
    const justExpired = await issueToken(secret, { client: 'passenger', subject: 'r-1', issuer: auth.issuer, ttlSec: -10 });
    await expect(verifier.verify(`Bearer ${justExpired}`, 'passenger')).resolves.toMatchObject({ id: 'r-1' });
  });

  it('refuses an algorithm other than the pinned one (no "none", no HS512 swap)', async () => {
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('r-1')
      .setIssuer(auth.issuer)
      .setAudience('ride-bff:passenger')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(`Bearer ${hs512}`, 'passenger')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"r-1"}').toString('base64url')}.`;
    await expect(verifier.verify(`Bearer ${unsigned}`, 'passenger')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('403 for a valid token issued for another client; web allows anonymous callers', async () => {
    const passengerToken = await issueToken(secret, { client: 'passenger', subject: 'r-1', issuer: auth.issuer });
    await expect(verifier.verify(`Bearer ${passengerToken}`, 'driver')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(verifier.verify(undefined, 'web')).resolves.toBeNull();
  });
});
