import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { startQueryStream } from './harness/queryStream.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';

const home = operation('passenger/PassengerHome');
const at = { lat: 38.7223, lng: -9.1393 };
const QUERIES = 200;
const CONCURRENCY = 8;
/**
 * Extra latency of the slow instance, ms: far above what two busy shared cores add to every call
 * (tens of ms), so P2C's view of outstanding calls still tells the slow one apart under load.
 */
const SLOW_MS = 400;

interface Stats {
  services: Record<string, { requests: number; instances: Record<string, number> }>;
}

describe('load balancing: P2C least-outstanding steers around a slow instance, round robin does not', () => {
  let p2c: RunningSystem;
  let roundRobin: RunningSystem;

  beforeAll(async () => {
    // Gateway A (P2C, the default) runs the fleet and the embedded registry; gateway B reads the
    // same registry remotely and balances drivers by round robin, so both see the same instances.
    p2c = await startSystem({ ...loadTolerantEnv, FLEET_INSTANCES: 'drivers=3,pricing=1' });
    roundRobin = await startSystem({ ...loadTolerantEnv, DEMO_FLEET: 'false', REGISTRY_URL: p2c.url, LB_POLICY_DRIVERS: 'round_robin' });
    // Two whole systems, one after the other, on shared busy cores.
  }, 150_000);
  afterAll(async () => {
    await Promise.all([roundRobin?.stop(), p2c?.stop()]);
  });

  async function slowShare(system: RunningSystem): Promise<{ share: number; perInstance: Record<string, number>; failed: number }> {
    await p2c.resetStats();
    const stream = startQueryStream(() => system.graphql('passenger', home, at), CONCURRENCY);
    await waitFor(() => (stream.done() >= QUERIES ? true : undefined), 60_000, `${QUERIES} queries`);
    const { failures } = await stream.stop();
    const stats = (await p2c.control('GET', '/stats')) as Stats;
    const perInstance = stats.services['drivers']?.instances ?? {};
    const total = Object.values(perInstance).reduce((sum, count) => sum + count, 0);
    return { share: (perInstance['drivers-1'] ?? 0) / total, perInstance, failed: failures.length };
  }

  it('gives the slow instance clearly fewer calls under P2C than its peers, and than round robin does', async () => {
    await waitFor(async () => ((await fetch(`${roundRobin.url}/readyz`)).status === 200 ? true : undefined), 10_000, 'gateway B ready');
    await p2c.control('PUT', '/faults/drivers', { mode: 'slow', latencyMs: SLOW_MS, instance: 'drivers-1' });

    const underP2C = await slowShare(p2c);
    const underRoundRobin = await slowShare(roundRobin);
    console.log(
      `[discovery] slow instance (+${SLOW_MS} ms) share of drivers calls, ${QUERIES} PassengerHome queries at concurrency ${CONCURRENCY}: ` +
        `P2C ${(underP2C.share * 100).toFixed(1)} % ${JSON.stringify(underP2C.perInstance)}, ` +
        `round robin ${(underRoundRobin.share * 100).toFixed(1)} % ${JSON.stringify(underRoundRobin.perInstance)}`,
    );
    expect(underP2C.failed).toBe(0);
    expect(underRoundRobin.failed).toBe(0);
    // Round robin is blind to latency: about a third each (generous bounds: the feature is "blind",
    // not the exact share). P2C sends the slow one well under a third.
    expect(underRoundRobin.share).toBeGreaterThan(0.25);
    expect(underRoundRobin.share).toBeLessThan(0.42);
    expect(underP2C.share).toBeLessThan(0.2);
    const peers = Object.entries(underP2C.perInstance).filter(([id]) => id !== 'drivers-1').map(([, count]) => count);
    for (const peer of peers) expect(underP2C.perInstance['drivers-1'] ?? 0).toBeLessThan(peer / 2);
    // Up to 2 × 60 s of queries on a busy machine (the waits above bound each run).
  }, 150_000);
});
