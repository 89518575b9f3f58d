import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { gatewayView, startQueryStream } from './harness/queryStream.ts';
import { startEtcd, type RunningEtcd } from './harness/startEtcd.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';

const home = operation('passenger/PassengerHome');
const at = { lat: 38.7223, lng: -9.1393 };
const LEASE_TTL_S = 2;

interface FleetInstance {
  service: string;
  id: string;
  pid: number;
}

/** Every service's instance ids as a gateway sees them. */
async function instanceSets(system: RunningSystem): Promise<Record<string, string[]>> {
  const view = await gatewayView(system);
  return Object.fromEntries(Object.entries(view.services).map(([service, entry]) => [service, entry.instances]));
}

describe('etcd: two gateways share one view of the fleet', () => {
  let etcd: RunningEtcd;
  let first: RunningSystem;
  let second: RunningSystem;

  beforeAll(async () => {
    etcd = await startEtcd();
    const shared = { ...loadTolerantEnv, ETCD_ENDPOINTS: etcd.endpoint, ETCD_LEASE_TTL_S: String(LEASE_TTL_S) };
    // The first gateway starts the demo fleet, whose instances register straight into etcd.
    first = await startSystem({ ...shared, FLEET_INSTANCES: 'drivers=3' });
    second = await startSystem({ ...shared, DEMO_FLEET: 'false' });
  });
  afterAll(async () => {
    await Promise.all([second?.stop(), first?.stop()]);
    await etcd?.stop();
  });

  it('both see the same instances, both stop routing to a killed one, and both ride out an etcd outage', async () => {
    const expected = await waitFor(async () => {
      const sets = await instanceSets(first);
      return sets['drivers']?.length === 3 && sets['promotions']?.length === 2 ? sets : undefined;
    }, 10_000, 'three drivers and two promotions in the first view');
    expect(Object.values(expected).flat()).toHaveLength(13); // drivers 3, pricing 2, promotions 2, six services of 1
    await waitFor(async () => (JSON.stringify(await instanceSets(second)) === JSON.stringify(expected) ? true : undefined), 5_000, 'the same view on both');
    expect((await gatewayView(second)).registry).toMatchObject({ kind: 'etcd', reachable: true });

    const streams = [first, second].map((system) => startQueryStream(() => system.graphql('passenger', home, at), 3));
    await waitFor(() => (streams.every((stream) => stream.done() >= 20) ? true : undefined), 20_000, 'both streams to run');

    const victim = ((await first.control('GET', '/instances')) as FleetInstance[]).find((item) => item.id === 'drivers-2') as FleetInstance;
    process.kill(victim.pid, 'SIGKILL');
    const killedAt = Date.now();
    const goneAfter = await Promise.all(
      [first, second].map((system) =>
        waitFor(async () => ((await instanceSets(system))['drivers']?.includes(victim.id) ? undefined : Date.now() - killedAt), LEASE_TTL_S * 1_000 + 5_000, `${victim.id} to leave`),
      ),
    );
    expect(await instanceSets(first)).toEqual(await instanceSets(second));
    // Nothing reaches the dead instance after it left: its count stays where it was.
    await first.resetStats();
    const doneAfterEviction = streams.map((stream) => stream.done());
    await waitFor(() => (streams.every((stream, i) => stream.done() >= (doneAfterEviction[i] ?? 0) + 20) ? true : undefined), 20_000, '20 more queries each');
    const stats = (await first.control('GET', '/stats')) as { services: Record<string, { instances: Record<string, number> }> };
    expect(stats.services['drivers']?.instances[victim.id] ?? 0).toBe(0);

    // etcd itself dies: both keep routing on their last known view, say so, and reconnect when it returns.
    await etcd.kill('SIGKILL');
    const downAt = Date.now();
    await Promise.all(
      [first, second].map((system) => waitFor(async () => ((await gatewayView(system)).registry.reachable ? undefined : true), 5_000, 'the outage to show')),
    );
    const doneWhileDown = streams.map((stream) => stream.done());
    await waitFor(() => (streams.every((stream, i) => stream.done() >= (doneWhileDown[i] ?? 0) + 20) ? true : undefined), 20_000, '20 queries each without etcd');
    for (const system of [first, second]) {
      const view = await gatewayView(system);
      expect(view.status).toBe(200);
      expect(view.services['drivers']?.instances).toEqual(['drivers-1', 'drivers-3']);
    }
    await etcd.restart();
    const downForMs = Date.now() - downAt;
    await Promise.all(
      [first, second].map((system) => waitFor(async () => ((await gatewayView(system)).registry.reachable ? true : undefined), 10_000, 'the gateways to reconnect')),
    );
    // A change after the outage reaches both: a new drivers instance registers in etcd.
    const added = (await first.control('POST', '/instances/drivers')) as FleetInstance;
    const addedAt = Date.now();
    const seenAfter = await Promise.all(
      [first, second].map((system) =>
        waitFor(async () => ((await instanceSets(system))['drivers']?.includes(added.id) ? Date.now() - addedAt : undefined), 5_000, `${added.id} in the view`),
      ),
    );
    const results = await Promise.all(streams.map((stream) => stream.stop()));
    console.log(
      `[discovery] etcd: ${victim.id} left both views after ${goneAfter.join(' / ')} ms (lease TTL ${LEASE_TTL_S} s); ` +
        `etcd down ${downForMs} ms; ${added.id} seen after ${seenAfter.join(' / ')} ms; ` +
        `queries ${results.map((result) => `${result.done} (${result.failures.length} failed)`).join(' / ')}`,
    );
    for (const result of results) expect(result.failures).toEqual([]);
    for (const ms of goneAfter) expect(ms).toBeLessThanOrEqual(LEASE_TTL_S * 1_000 + 1_000);
    for (const ms of seenAfter) expect(ms).toBeLessThan(1_000);
    expect(await instanceSets(first)).toEqual(await instanceSets(second));
  });
});
