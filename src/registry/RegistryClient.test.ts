import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InstanceStore } from './InstanceStore.ts';
import { RegistryClient, type RegistryClientEvent } from './RegistryClient.ts';
import { startRegistry as startTestRegistry } from '../../test/harness/startRegistry.ts';
import { waitFor } from '../../test/harness/waitFor.ts';

const TOKEN = 'client-test-token';
const cleanups: Array<() => Promise<unknown> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A registry on loopback whose heartbeat interval is short; counts heartbeats. */
async function startRegistry(port = 0) {
  const registry = await startTestRegistry({ port, token: TOKEN, store: new InstanceStore({ ttlMs: 2_000, heartbeatIntervalMs: 40 }) });
  cleanups.push(registry.close);
  return registry;
}

function client(url: string, events: RegistryClientEvent[], registration: Partial<ConstructorParameters<typeof RegistryClient>[0]['registration']> = {}) {
  const registryClient = new RegistryClient({
    registryUrl: url,
    token: TOKEN,
    registration: { service: 'trips', address: '127.0.0.1:9100', protocol: 'http', ...registration },
    onEvent: (event) => events.push(event),
  });
  cleanups.push(() => registryClient.stop());
  return registryClient;
}


async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('RegistryClient', () => {
  it('registers, heartbeats, and deregisters on stop', async () => {
    const registry = await startRegistry();
    const events: RegistryClientEvent[] = [];
    const registryClient = client(registry.url, events);
    const lease = await registryClient.start();
    expect(lease.heartbeatIntervalMs).toBe(40);
    expect(lease.instanceId).toMatch(/^trips-/);
    expect(events[0]).toEqual({ type: 'registered', detail: lease.instanceId });
    expect(registry.store.snapshot().services.get('trips')?.[0]?.id).toBe(lease.instanceId);

    await waitFor(() => registry.heartbeats() >= 3);
    expect(events.filter((event) => event.type === 'heartbeat-failed')).toEqual([]);

    await registryClient.stop();
    expect(registry.store.snapshot().services.has('trips')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'deregistered' });
  });

  it('registers again, with the same id, after its lease vanished', async () => {
    const registry = await startRegistry();
    const events: RegistryClientEvent[] = [];
    const registryClient = client(registry.url, events);
    const lease = await registryClient.start();

    registry.store.deregister(lease.leaseId);
    expect(registry.store.snapshot().services.has('trips')).toBe(false);
    await waitFor(() => events.some((event) => event.type === 're-registered'));
    expect(registry.store.snapshot().services.get('trips')?.map((item) => item.id)).toEqual([lease.instanceId]);
    expect(registryClient.lease?.leaseId).not.toBe(lease.leaseId);
  });

  it('keeps retrying until a registry that starts later comes up', async () => {
    const port = await freePort();
    const events: RegistryClientEvent[] = [];
    const registryClient = client(`http://127.0.0.1:${port}/registry/v1/`, events, { id: 'trips-late' });
    const started = registryClient.start();
    await waitFor(() => events.some((event) => event.type === 'heartbeat-failed'));
    expect(events[0]?.detail).toMatch(/^register: /);

    const registry = await startRegistry(port);
    const lease = await started;
    expect(lease.instanceId).toBe('trips-late');
    expect(registry.store.snapshot().services.get('trips')?.map((item) => item.id)).toEqual(['trips-late']);
  });

  it('reports failed heartbeats while the registry is down and recovers when it is back', async () => {
    const registry = await startRegistry();
    const port = Number(new URL(registry.url).port);
    const events: RegistryClientEvent[] = [];
    const registryClient = client(registry.url, events, { id: 'trips-2' });
    await registryClient.start();
    await registry.close(); // the registry goes away, and its state with it
    await waitFor(() => events.some((event) => event.type === 'heartbeat-failed'));

    const restarted = await startRegistry(port);
    await waitFor(() => restarted.store.snapshot().services.has('trips'));
    // The server stores the instance before the client reads its 201: wait for the event, too.
    await waitFor(() => events.some((event) => event.type === 're-registered'), 5_000, 'the re-registered event');
  });

  it('rejects start() when the registry refuses the registration or stop() comes first', async () => {
    const registry = await startRegistry();
    await expect(client(registry.url, [], { address: 'no-port' }).start()).rejects.toThrow(/malformed address/i);
    const wrongToken = new RegistryClient({
      registryUrl: registry.url,
      token: 'wrong',
      registration: { service: 'trips', address: '127.0.0.1:1', protocol: 'http' },
    });
    await expect(wrongToken.start()).rejects.toThrow(/401/);

    const port = await freePort();
    const never = client(`http://127.0.0.1:${port}`, []);
    const started = never.start();
    await never.stop();
    await expect(started).rejects.toThrow(/stopped/);
  });
});
