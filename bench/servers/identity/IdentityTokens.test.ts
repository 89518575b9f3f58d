import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { IdentityTokens, type IdentityViewer } from './IdentityTokens.ts';

const secret = 'a-test-identity-secret-of-32-chars-or-more';
const rider: IdentityViewer = { id: 'r-1', client: 'passenger', scopes: new Set(['rides:read', 'profile']) };

function tokensAt(clock: { now: number }): IdentityTokens {
  return new IdentityTokens({ secret, now: () => clock.now });
}

describe('IdentityTokens', () => {
  it('signs a one-minute HS256 token for the subgraph that a subgraph verifies', async () => {
    const clock = { now: Date.now() };
    const token = await tokensAt(clock).token('Bearer a', 'promotions', async () => rider);
    const { payload, protectedHeader } = await jwtVerify(token ?? '', new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      audience: 'promotions',
      issuer: 'ride-gateway',
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'r-1', client: 'passenger', scope: 'rides:read profile' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    expect(typeof payload.jti).toBe('string');
  });

  it('reuses a session\'s token, verifying the client only once, until 15 s before it expires', async () => {
    const clock = { now: 1_000_000_000_000 };
    const tokens = tokensAt(clock);
    const viewerOf = vi.fn(async () => rider);
    const first = await tokens.token('Bearer a', 'promotions', viewerOf);
    clock.now += 44_000;
    expect(await tokens.token('Bearer a', 'promotions', viewerOf)).toBe(first);
    expect(viewerOf).toHaveBeenCalledTimes(1);
    clock.now += 1_000;
    const renewed = await tokens.token('Bearer a', 'promotions', viewerOf);
    expect(renewed).not.toBe(first);
    expect(viewerOf).toHaveBeenCalledTimes(2);
  });

  it('gives each session and each audience its own token, and none to an anonymous caller', async () => {
    const tokens = tokensAt({ now: Date.now() });
    const a = await tokens.token('Bearer a', 'promotions', async () => rider);
    const b = await tokens.token('Bearer b', 'promotions', async () => rider);
    const other = await tokens.token('Bearer a', 'loyalty', async () => rider);
    expect(new Set([a, b, other]).size).toBe(3);
    expect(decodeJwt(other ?? '').aud).toBe('loyalty');
    expect(await tokens.token('', 'promotions', async () => null)).toBeUndefined();
  });

  it('keeps nothing when the client\'s token does not verify', async () => {
    const tokens = tokensAt({ now: Date.now() });
    await expect(tokens.token('Bearer bad', 'promotions', async () => Promise.reject(new Error('bad token')))).rejects.toThrow('bad token');
    expect(await tokens.token('Bearer bad', 'promotions', async () => rider)).toBeTypeOf('string');
  });

  it('refuses a short secret', () => {
    expect(() => new IdentityTokens({ secret: 'short' })).toThrow(/32 characters/);
  });
});
