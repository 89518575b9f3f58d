import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { InstanceStore } from './InstanceStore.ts';
import type { FleetSnapshot, RegistrationRequest } from './types.ts';

/** A store on a hand-moved clock. */
function harness(options: ConstructorParameters<typeof InstanceStore>[0] = {}) {
  let time = 1_000_000;
  const store = new InstanceStore({ now: () => time, ...options });
  return {
    store,
    advance(ms: number) {
      time += ms;
    },
  };
}

const pricing = (id: string, port = 50_051): RegistrationRequest => ({
  service: 'pricing',
  id,
  address: `127.0.0.1:${port}`,
  protocol: 'grpc',
});

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_REQUEST');
    return (error as GatewayError).message;
  }
  throw new Error('expected a validation error');
}

function idsOf(snapshot: FleetSnapshot, service: string): string[] {
  return (snapshot.services.get(service) ?? []).map((instance) => instance.id);
}

describe('InstanceStore', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('registers an instance with defaults and bumps the revision', () => {
    const { store } = harness();
    const lease = store.register({ service: 'riders', address: 'localhost:8080', protocol: 'http' });
    expect(lease).toMatchObject({ ttlMs: 15_000, heartbeatIntervalMs: 5_000 });
    expect(lease.instanceId).toMatch(/^riders-[0-9a-f]{8}$/);
    const snapshot = store.snapshot();
    expect(snapshot.revision).toBe(1);
    expect(snapshot.services.get('riders')).toEqual([
      { service: 'riders', id: lease.instanceId, address: 'localhost:8080', protocol: 'http', weight: 1, metadata: {} },
    ]);
  });

  it('rejects invalid registrations with the reason', () => {
    const { store } = harness();
    expect(reasonOf(() => store.register({ ...pricing('p-1'), service: '' }))).toMatch(/missing service name/i);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), service: 'Pricing!' }))).toMatch(/invalid service name/i);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), address: 'no-port' }))).toMatch(/malformed address/i);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), address: 'host:70000' }))).toMatch(/malformed address/i);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), address: 'host:0' }))).toMatch(/malformed address/i);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), protocol: 'soap' as never }))).toMatch(/unknown protocol "soap"/i);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), weight: 0 }))).toMatch(/weight/);
    expect(reasonOf(() => store.register({ ...pricing('p-1'), weight: -2 }))).toMatch(/weight/);
    expect(store.snapshot().revision).toBe(0);
  });

  it('accepts IPv6 and host names', () => {
    const { store } = harness();
    store.register({ ...pricing('p-1'), address: '[::1]:50051' });
    store.register({ ...pricing('p-2'), address: 'pricing-2.internal:50051', weight: 2.5 });
    expect(idsOf(store.snapshot(), 'pricing')).toEqual(['p-1', 'p-2']);
  });

  it('renews a lease on heartbeat and evicts after ttlMs of silence', () => {
    const { store, advance } = harness();
    const lease = store.register(pricing('p-1'));
    advance(10_000);
    store.heartbeat(lease.leaseId);
    advance(14_000);
    store.sweep();
    expect(idsOf(store.snapshot(), 'pricing')).toEqual(['p-1']);
    advance(1_001);
    store.sweep();
    expect(store.snapshot().services.has('pricing')).toBe(false);
    expect(store.snapshot().revision).toBe(2);
    expect(() => store.heartbeat(lease.leaseId)).toThrow(expect.objectContaining({ code: 'LEASE_NOT_FOUND' }));
  });

  it('answers LEASE_NOT_FOUND for an unknown lease, or an expired one not yet swept', () => {
    const { store, advance } = harness();
    expect(() => store.heartbeat('nope')).toThrow(expect.objectContaining({ code: 'LEASE_NOT_FOUND' }));
    const lease = store.register(pricing('p-1'));
    advance(15_001);
    expect(() => store.heartbeat(lease.leaseId)).toThrow(/register again/);
    expect(store.snapshot().services.size).toBe(0);
  });

  it('replaces the old entry when the same service and id register again', () => {
    const { store } = harness();
    const first = store.register(pricing('p-1', 50_051));
    const second = store.register(pricing('p-1', 50_052));
    expect(second.leaseId).not.toBe(first.leaseId);
    expect(store.snapshot().services.get('pricing')?.map((item) => item.address)).toEqual(['127.0.0.1:50052']);
    expect(() => store.heartbeat(first.leaseId)).toThrow(expect.objectContaining({ code: 'LEASE_NOT_FOUND' }));
    store.heartbeat(second.leaseId);
    const revision = store.snapshot().revision;
    store.register(pricing('p-1', 50_052));
    expect(store.snapshot().revision).toBe(revision);
  });

  it('deregisters and notifies subscribers until they unsubscribe', () => {
    const { store } = harness();
    const seen: number[] = [];
    const unsubscribe = store.subscribe((snapshot) => seen.push(snapshot.revision));
    store.subscribe(() => {
      throw new Error('a faulty listener');
    });
    const lease = store.register(pricing('p-1'));
    store.register(pricing('p-2'));
    expect(store.deregister(lease.leaseId)).toBe(true);
    expect(store.deregister(lease.leaseId)).toBe(false);
    unsubscribe();
    store.register(pricing('p-3'));
    expect(seen).toEqual([1, 2, 3]);
    expect(idsOf(store.current(), 'pricing')).toEqual(['p-2', 'p-3']);
  });

  it('pauses eviction while more than half of the fleet expires at once (self-preservation), for a bounded time', () => {
    const { store, advance } = harness({ selfPreservationMaxMs: 30_000 });
    store.register(pricing('p-1'));
    store.register(pricing('p-2'));
    const alive = store.register(pricing('p-3'));
    advance(16_000);
    store.heartbeat(alive.leaseId);
    expect(store.preserving).toBe(true);
    expect(idsOf(store.snapshot(), 'pricing')).toEqual(['p-1', 'p-2', 'p-3']);
    advance(29_000);
    store.heartbeat(alive.leaseId);
    expect(idsOf(store.snapshot(), 'pricing')).toEqual(['p-1', 'p-2', 'p-3']);
    advance(1_000);
    store.sweep();
    expect(store.preserving).toBe(false);
    expect(idsOf(store.snapshot(), 'pricing')).toEqual(['p-3']);
  });

  it('evicts a crashed minority at once, and everything when self-preservation is off', () => {
    const { store, advance } = harness({ selfPreservation: false });
    store.register(pricing('p-1'));
    store.register(pricing('p-2'));
    advance(15_001);
    store.sweep();
    expect(store.snapshot().services.size).toBe(0);

    const other = harness();
    other.store.register(pricing('p-1'));
    const b = other.store.register(pricing('p-2'));
    const c = other.store.register(pricing('p-3'));
    other.advance(10_000);
    other.store.heartbeat(b.leaseId);
    other.store.heartbeat(c.leaseId);
    other.advance(5_001);
    other.store.sweep();
    expect(idsOf(other.store.snapshot(), 'pricing')).toEqual(['p-2', 'p-3']);
  });

  it('sweeps on a timer once started, until stopped', () => {
    vi.useFakeTimers();
    const store = new InstanceStore({ ttlMs: 3_000, heartbeatIntervalMs: 1_000, sweepIntervalMs: 500, now: () => Date.now() });
    const stop = store.start();
    store.register(pricing('p-1'));
    vi.advanceTimersByTime(3_000);
    expect(store.snapshot().services.size).toBe(1);
    vi.advanceTimersByTime(600);
    expect(store.snapshot().services.size).toBe(0);
    stop();
    store.register(pricing('p-2'));
    vi.advanceTimersByTime(10_000);
    expect(store.snapshot().services.size).toBe(1);
  });

  it('validates its options', () => {
    expect(() => new InstanceStore({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => new InstanceStore({ ttlMs: 1_000, heartbeatIntervalMs: 1_000 })).toThrow(/heartbeatIntervalMs/);
  });
});
