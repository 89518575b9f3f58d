import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecrets } from '../src/config/index.ts';
import { FaultGate } from '../src/demo/faults/FaultGate.ts';
import { RequestCounter } from '../src/demo/faults/RequestCounter.ts';
import { createServiceServer } from '../src/demo/instance/createServiceServer.ts';
import { createSeed } from '../src/demo/seed/createSeed.ts';
import { RegistryClient } from '../src/registry/index.ts';
import { operation } from './harness/operations.ts';
import { gatewayView, startQueryStream } from './harness/queryStream.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';

const TTL_MS = 3_000;
const HEARTBEAT_MS = 1_000;
const home = operation('passenger/PassengerHome');
const at = { lat: 38.7223, lng: -9.1393 };

interface FleetInstance {
  service: string;
  id: string;
  pid: number;
}

describe('discovery with the embedded registry: a dying instance costs no query, a new one gets traffic at once', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      ...loadTolerantEnv,
      FLEET_INSTANCES: 'drivers=3',
      REGISTRY_TTL_MS: String(TTL_MS),
      REGISTRY_HEARTBEAT_MS: String(HEARTBEAT_MS),
      // Third-party registration: a service that cannot register itself, declared in configuration.
      STATIC_INSTANCES: JSON.stringify([{ service: 'legacy-billing', address: '127.0.0.1:9', protocol: 'http' }]),
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('SIGKILL of one of three drivers instances mid-stream: no query fails, and it leaves the view within the TTL', async () => {
    const drivers = ((await system.control('GET', '/instances')) as FleetInstance[]).filter((item) => item.service === 'drivers');
    expect(drivers).toHaveLength(3);
    const victim = drivers[0] as FleetInstance;
    const stream = startQueryStream(() => system.graphql('passenger', home, at), 4);
    await waitFor(() => (stream.done() >= 40 ? true : undefined), 20_000, '40 queries before the kill');

    process.kill(victim.pid, 'SIGKILL');
    const killedAt = Date.now();
    let ejectedAfterMs: number | undefined;
    const evictedAfterMs = await waitFor(
      async () => {
        const view = await gatewayView(system);
        const drivers = view.services['drivers'];
        if (ejectedAfterMs === undefined && drivers?.ejected.includes(victim.id)) ejectedAfterMs = Date.now() - killedAt;
        return drivers?.instances.includes(victim.id) ? undefined : Date.now() - killedAt;
      },
      TTL_MS + 5_000,
      `${victim.id} to leave the view`,
    );
    const doneAtEviction = stream.done();
    await waitFor(() => (stream.done() >= doneAtEviction + 40 ? true : undefined), 20_000, '40 queries after the eviction');
    const { done, failures } = await stream.stop();

    console.log(
      `[discovery] kill test: ${done} queries, ${failures.length} failed; ${victim.id} ejected after ${ejectedAfterMs ?? 'n/a'} ms, ` +
        `evicted from the view after ${evictedAfterMs} ms (TTL ${TTL_MS} ms, heartbeat ${HEARTBEAT_MS} ms)`,
    );
    expect(failures).toEqual([]);
    // The lease expires TTL_MS after the last heartbeat (≤ HEARTBEAT_MS before the kill, later on a busy
    // machine); sweeps run every 300 ms. A second of slack each side: the bound is the feature (the
    // TTL, not an instant removal and not never), not the machine's timing.
    expect(evictedAfterMs).toBeLessThanOrEqual(TTL_MS + 300 + 1_000);
    expect(evictedAfterMs).toBeGreaterThanOrEqual(TTL_MS - HEARTBEAT_MS - 1_000);
    expect(ejectedAfterMs).toBeDefined();
    // The static instance never heartbeats, yet stays: it is never evicted.
    expect((await gatewayView(system)).services['legacy-billing']?.instances).toEqual(['legacy-billing-static-1']);
  });

  it('a new instance receives traffic within 1 s of registering; a deregistered one gets none once deregistration returns', async () => {
    const counter = new RequestCounter();
    const { server } = createServiceServer({
      service: 'drivers',
      instanceId: 'drivers-extra',
      seed: createSeed(),
      host: '127.0.0.1',
      gate: new FaultGate(),
      counter,
      publish: () => {},
      now: Date.now,
    });
    const port = await server.start();
    const client = new RegistryClient({
      registryUrl: system.url,
      token: demoSecrets.registryToken,
      registration: { service: 'drivers', id: 'drivers-extra', address: `127.0.0.1:${port}`, protocol: 'grpc' },
    });
    try {
      const stream = startQueryStream(() => system.graphql('passenger', home, at), 4);
      await waitFor(() => (stream.done() >= 10 ? true : undefined), 20_000, 'the stream to run');
      await client.start();
      const registeredAt = Date.now();
      const firstCallAfterMs = await waitFor(() => (counter.value > 0 ? Date.now() - registeredAt : undefined), 5_000, 'a call to the new instance');
      await waitFor(() => (counter.value >= 10 ? true : undefined), 10_000, 'ten calls to the new instance');
      const { failures } = await stream.stop();
      expect(failures).toEqual([]);

      await client.stop();
      const countAtDeregistration = counter.value;
      for (let i = 0; i < 30; i += 1) {
        const answer = await system.graphql('passenger', home, at);
        expect(answer.errors).toBeUndefined();
      }
      console.log(
        `[discovery] new instance: first call ${firstCallAfterMs} ms after registering; ` +
          `${counter.value - countAtDeregistration} calls in 30 queries after deregistration`,
      );
      expect(firstCallAfterMs).toBeLessThan(1_000);
      expect(counter.value).toBe(countAtDeregistration);
    } finally {
      await client.stop();
      await server.stop(0);
    }
  });
});
