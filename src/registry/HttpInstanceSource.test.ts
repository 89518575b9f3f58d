import { afterEach, describe, expect, it } from 'vitest';
import { HttpInstanceSource } from './HttpInstanceSource.ts';
import type { FleetSnapshot } from './types.ts';
import { startRegistry as startTestRegistry } from '../../test/harness/startRegistry.ts';
import { waitFor } from '../../test/harness/waitFor.ts';

const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startRegistry(port = 0) {
  const registry = await startTestRegistry({ port });
  cleanups.push(registry.close);
  return registry;
}

function source(url: string, pollIntervalMs = 1_000) {
  let time = 5_000;
  const instanceSource = new HttpInstanceSource({ registryUrl: url, pollIntervalMs, now: () => time++ });
  cleanups.push(() => instanceSource.stop());
  return instanceSource;
}

const ids = (snapshot: FleetSnapshot, service: string) => (snapshot.services.get(service) ?? []).map((item) => item.id);


describe('HttpInstanceSource', () => {
  it('mirrors the remote registry and pushes changes to subscribers', async () => {
    const registry = await startRegistry();
    registry.store.register({ service: 'catalog', id: 'catalog-1', address: '127.0.0.1:7001', protocol: 'http', weight: 3 });
    const instanceSource = source(registry.url);
    const seen: number[] = [];
    instanceSource.subscribe((snapshot) => seen.push(snapshot.revision));
    expect(instanceSource.status()).toEqual({ reachable: false });

    expect(await instanceSource.refresh()).toBe(true);
    expect(instanceSource.current().services.get('catalog')).toEqual([
      { service: 'catalog', id: 'catalog-1', address: '127.0.0.1:7001', protocol: 'http', weight: 3, metadata: {} },
    ]);
    expect(instanceSource.status()).toEqual({ reachable: true, lastSuccessAt: 5_000 });
    expect(await instanceSource.refresh()).toBe(true);
    expect(seen).toEqual([1]);
  });

  it('keeps the last known snapshot while the registry is unreachable', async () => {
    const registry = await startRegistry();
    registry.store.register({ service: 'catalog', id: 'catalog-1', address: '127.0.0.1:7001', protocol: 'http' });
    const instanceSource = source(registry.url);
    await instanceSource.refresh();
    await registry.close();

    expect(await instanceSource.refresh()).toBe(false);
    const status = instanceSource.status();
    expect(status.reachable).toBe(false);
    expect(status.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect(status.lastSuccessAt).toBe(5_000);
    expect(ids(instanceSource.current(), 'catalog')).toEqual(['catalog-1']);
  });

  it('ignores an empty list for a service that had instances, but takes any non-empty change', async () => {
    const registry = await startRegistry();
    const first = registry.store.register({ service: 'reviews', id: 'reviews-1', address: '127.0.0.1:7002', protocol: 'http' });
    const instanceSource = source(registry.url);
    await instanceSource.refresh();

    registry.store.deregister(first.leaseId);
    await instanceSource.refresh();
    expect(ids(instanceSource.current(), 'reviews')).toEqual(['reviews-1']);

    registry.store.register({ service: 'reviews', id: 'reviews-2', address: '127.0.0.1:7003', protocol: 'http' });
    await instanceSource.refresh();
    expect(ids(instanceSource.current(), 'reviews')).toEqual(['reviews-2']);
  });

  it('polls on its own once started', async () => {
    const registry = await startRegistry();
    const instanceSource = source(registry.url, 20);
    instanceSource.start();
    await waitFor(() => instanceSource.status().reachable);
    registry.store.register({ service: 'riders', id: 'riders-9', address: '127.0.0.1:7004', protocol: 'http' });
    await waitFor(() => instanceSource.current().services.has('riders'));
    expect(ids(instanceSource.current(), 'riders')).toEqual(['riders-9']);
  });
});
