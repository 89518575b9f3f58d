import { describe, expect, it } from 'vitest';
import { MemoryWindowCounters } from './MemoryWindowCounters.ts';
import { RateLimits, type RateLimitValues } from './RateLimits.ts';
import type { RateLimitScope } from './AdmissionMetrics.ts';

const limits: RateLimitValues = {
  userPerMinute: 600,
  anonymousPerMinute: 3,
  clientPerSecond: 2_000,
  mutationPerMinute: 2,
  mutationFieldPerMinute: { requestRide: 20 },
};

function rateLimits(values: RateLimitValues = limits) {
  let now = 60_000 * 1_000;
  const limited: string[] = [];
  const limitsUnderTest = new RateLimits({
    limits: values,
    counters: new MemoryWindowCounters({ maxKeys: 1_000, now: () => now }),
    namespace: 'ns',
    onLimited: (client: string, scope: RateLimitScope) => limited.push(`${client}:${scope}`),
  });
  return { limits: limitsUnderTest, limited, advance: (ms: number) => (now += ms) };
}

const rider = { kind: 'user', id: 'r-0001' } as const;

describe('RateLimits.checkMutation', () => {
  it("refuses a rider's 21st requestRide in a minute with a Retry-After, per rider", async () => {
    const { limits: rl, limited } = rateLimits();
    for (let i = 0; i < 20; i += 1) expect(await rl.checkMutation({ client: 'passenger', viewerKey: rider, fields: ['requestRide'] })).toBeUndefined();
    const refused = await rl.checkMutation({ client: 'passenger', viewerKey: rider, fields: ['requestRide'] });
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/Too many requestRide calls: at most 20 a minute/) });
    expect(refused!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused!.retryAfterSeconds).toBeLessThanOrEqual(66);
    expect(limited).toEqual(['passenger:mutation']);
    // Another rider has a budget of their own.
    expect(await rl.checkMutation({ client: 'passenger', viewerKey: { kind: 'user', id: 'r-0002' }, fields: ['requestRide'] })).toBeUndefined();
  });

  it('gives other mutation fields the general limit, each field its own budget, and frees budget as the window slides', async () => {
    const { limits: rl, advance } = rateLimits();
    const driver = { kind: 'user', id: 'd-0001' } as const;
    const call = (fields: string[]) => rl.checkMutation({ client: 'driver', viewerKey: driver, fields });
    expect(await call(['updateLocation', 'updateLocation'])).toBeUndefined(); // one request, one count
    expect(await call(['updateLocation'])).toBeUndefined();
    expect(await call(['updateLocation'])).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await call(['acceptRide'])).toBeUndefined();
    // A field named like an Object.prototype member is an ordinary field.
    expect(await call(['constructor'])).toBeUndefined();
    advance(60_000 + 40_000); // 2 × (1 − 2/3) < 1: room again
    expect(await call(['updateLocation'])).toBeUndefined();
  });

  it('checks nothing for limits set to 0', async () => {
    const { limits: rl } = rateLimits({ ...limits, mutationPerMinute: 0, mutationFieldPerMinute: { requestRide: 0 } });
    for (let i = 0; i < 50; i += 1) expect(await rl.checkMutation({ client: 'passenger', viewerKey: rider, fields: ['requestRide', 'other'] })).toBeUndefined();
  });
});

describe('RateLimits.checkRequest', () => {
  it('limits anonymous callers per address and app, and names the scope', async () => {
    const { limits: rl, limited } = rateLimits();
    const visitor = { kind: 'address', address: '::ffff:127.0.0.1' } as const;
    for (let i = 0; i < 3; i += 1) expect(await rl.checkRequest({ client: 'web', viewerKey: visitor })).toBeUndefined();
    expect(await rl.checkRequest({ client: 'web', viewerKey: visitor })).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/from this address/) });
    expect(await rl.checkRequest({ client: 'web', viewerKey: { kind: 'address', address: '10.0.0.2' } })).toBeUndefined();
    expect(limited).toEqual(['web:address']);
  });

  it('limits a client app across all callers per second', async () => {
    const { limits: rl, limited, advance } = rateLimits({ ...limits, clientPerSecond: 5 });
    for (let i = 0; i < 5; i += 1) expect(await rl.checkRequest({ client: 'passenger', viewerKey: { kind: 'user', id: `r-${i}` } })).toBeUndefined();
    const refused = await rl.checkRequest({ client: 'passenger', viewerKey: { kind: 'user', id: 'r-9' } });
    // The rest of this second, then a fifth of the next (5 × 0.8 + 1 ≤ 5): 1.2 s, rounded up.
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2, message: expect.stringMatching(/passenger app/) });
    expect(await rl.checkRequest({ client: 'driver', viewerKey: { kind: 'user', id: 'd-1' } })).toBeUndefined();
    expect(limited).toEqual(['passenger:client']);
    advance(2_000);
    expect(await rl.checkRequest({ client: 'passenger', viewerKey: { kind: 'user', id: 'r-9' } })).toBeUndefined();
  });

  it('names the option and the value it rejects', () => {
    const counters = new MemoryWindowCounters({ maxKeys: 1 });
    expect(() => new RateLimits({ limits: { ...limits, userPerMinute: -1 }, counters, namespace: 'ns' })).toThrow(/userPerMinute .* got -1/);
    expect(() => new RateLimits({ limits: { ...limits, mutationFieldPerMinute: { requestRide: 1.5 } }, counters, namespace: 'ns' })).toThrow(/mutationFieldPerMinute.requestRide .* got 1.5/);
    expect(() => new RateLimits({ limits, counters, namespace: '' })).toThrow(/namespace/);
  });
});
