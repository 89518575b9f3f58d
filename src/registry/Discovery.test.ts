import { describe, expect, it } from 'vitest';
import { ConsistentHashPicker, InstanceStore, MergedInstanceSource, OutlierDetector, RoundRobinPicker, type InstancePicker } from './index.ts';
import { Discovery } from './Discovery.ts';

describe('Discovery', () => {
  it('resolves instances from the current snapshot, cached until it changes', () => {
    const store = new InstanceStore();
    store.register({ service: 'pricing', id: 'pricing-1', address: '127.0.0.1:1', protocol: 'grpc' });
    store.register({ service: 'pricing', id: 'pricing-2', address: '127.0.0.1:2', protocol: 'http' });
    const discovery = new Discovery(store);
    const grpc = discovery.instances('pricing', 'grpc');
    expect(grpc.map((item) => item.id)).toEqual(['pricing-1']);
    expect(discovery.instances('pricing', 'grpc')).toBe(grpc);
    expect(discovery.instances('pricing')).toHaveLength(2);
    expect(discovery.instances('unknown')).toEqual([]);

    store.register({ service: 'pricing', id: 'pricing-3', address: '127.0.0.1:3', protocol: 'grpc' });
    expect(discovery.instances('pricing', 'grpc').map((item) => item.id)).toEqual(['pricing-1', 'pricing-3']);
  });

  it('keeps one picker per service and picks with it', () => {
    const store = new InstanceStore();
    store.register({ service: 'riders', id: 'riders-1', address: '127.0.0.1:1', protocol: 'http' });
    store.register({ service: 'riders', id: 'riders-2', address: '127.0.0.1:2', protocol: 'http' });
    const made: string[] = [];
    const discovery = new Discovery(store, {
      createPicker: (service): InstancePicker => {
        made.push(service);
        return new RoundRobinPicker();
      },
    });
    expect([1, 2, 3].map(() => discovery.pick('riders', 'http')?.id)).toEqual(['riders-1', 'riders-2', 'riders-1']);
    expect(discovery.pick('riders', 'http', new Set(['riders-1', 'riders-2']))).toBeUndefined();
    expect(discovery.pick('riders', 'grpc')).toBeUndefined();
    expect(made).toEqual(['riders']);
  });

  it('leaves ejected instances out (unless every other one was tried), and forgets them when they leave', () => {
    const store = new InstanceStore();
    for (const n of [1, 2, 3]) store.register({ service: 'drivers', id: `drivers-${n}`, address: `127.0.0.1:${n}`, protocol: 'grpc' });
    const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
    for (let i = 0; i < 5; i += 1) discovery.report('drivers', 'drivers-2', 'failure');
    expect(discovery.view()['drivers']).toEqual({ instances: ['drivers-1', 'drivers-2', 'drivers-3'], ejected: ['drivers-2'], panic: false });
    expect(Array.from({ length: 4 }, () => discovery.pick('drivers', 'grpc')?.id)).toEqual(['drivers-1', 'drivers-3', 'drivers-1', 'drivers-3']);
    // A retry after both healthy ones failed may still try the ejected one.
    expect(discovery.pick('drivers', 'grpc', new Set(['drivers-1', 'drivers-3']))?.id).toBe('drivers-2');
    // Neutral outcomes (deadlines) change nothing; an instance that leaves the registry is forgotten.
    discovery.report('drivers', 'drivers-1', 'neutral');
    const lease = store.register({ service: 'drivers', id: 'drivers-2', address: '127.0.0.1:2', protocol: 'grpc' });
    expect(discovery.view()['drivers']?.ejected).toEqual(['drivers-2']);
    store.deregister(lease.leaseId);
    store.register({ service: 'drivers', id: 'drivers-2', address: '127.0.0.1:2', protocol: 'grpc' });
    expect(discovery.view()['drivers']?.ejected).toEqual([]);
  });

  it("prefers the gateway's zone while one of its instances is eligible", () => {
    const store = new InstanceStore();
    store.register({ service: 'riders', id: 'riders-a1', address: '127.0.0.1:1', protocol: 'http', zone: 'a' });
    store.register({ service: 'riders', id: 'riders-b1', address: '127.0.0.1:2', protocol: 'http', zone: 'b' });
    store.register({ service: 'riders', id: 'riders-b2', address: '127.0.0.1:3', protocol: 'http', zone: 'b' });
    const outliers = new OutlierDetector({ maxEjectionPercent: 100, panicThresholdPercent: 0 });
    const discovery = new Discovery(store, { zone: 'a', outlierDetector: outliers });
    expect(new Set(Array.from({ length: 20 }, () => discovery.pick('riders', 'http')?.id))).toEqual(new Set(['riders-a1']));
    // Tried already, or ejected: the other zone takes over.
    expect(discovery.pick('riders', 'http', new Set(['riders-a1']))?.zone).toBe('b');
    for (let i = 0; i < 5; i += 1) discovery.report('riders', 'riders-a1', 'failure');
    expect(new Set(Array.from({ length: 20 }, () => discovery.pick('riders', 'http')?.zone))).toEqual(new Set(['b']));
    // No zone set: every instance gets traffic.
    const anywhere = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
    expect(new Set(Array.from({ length: 3 }, () => anywhere.pick('riders', 'http')?.id)).size).toBe(3);
  });

  it('passes the affinity key to the picker, and merges static instances that never expire', () => {
    let now = 0;
    const store = new InstanceStore({ ttlMs: 1_000, heartbeatIntervalMs: 500, now: () => now });
    store.register({ service: 'pricing', id: 'pricing-1', address: '127.0.0.1:1', protocol: 'grpc' });
    const source = new MergedInstanceSource(store, [
      { service: 'pricing', id: 'pricing-legacy', address: '10.0.0.9:50051', protocol: 'grpc', weight: 1, metadata: { source: 'static' } },
    ]);
    const discovery = new Discovery(source, { createPicker: () => new ConsistentHashPicker() });
    expect(discovery.instances('pricing').map((item) => item.id)).toEqual(['pricing-1', 'pricing-legacy']);
    const owner = discovery.pick('pricing', 'grpc', undefined, 'p-economy')?.id;
    expect(Array.from({ length: 5 }, () => discovery.pick('pricing', 'grpc', undefined, 'p-economy')?.id)).toEqual(Array(5).fill(owner));
    now = 5_000;
    store.sweep();
    expect(discovery.instances('pricing').map((item) => item.id)).toEqual(['pricing-legacy']);
  });
});
