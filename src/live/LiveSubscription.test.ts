import { describe, expect, it } from 'vitest';
import { MemoryEventFeed } from '../../test/harness/MemoryEventFeed.ts';
import { waitFor } from '../../test/harness/waitFor.ts';
import type { DomainEvent, TripStatusEvent, DriverLocationEvent } from '../events/DomainEvent.ts';
import type { LiveRead, LiveSource } from './LiveSource.ts';
import { LiveSubscription } from './LiveSubscription.ts';

const tripKey = 'trip.t-1.status';
const driverKey = 'driver.d-1.location';

const status = (revision: number, value: TripStatusEvent['status'] = 'ACCEPTED'): TripStatusEvent => ({ type: 'trip.status', tripId: 't-1', revision, status: value, riderId: 'r-1', at: new Date().toISOString() });
const position = (revision: number): DriverLocationEvent => ({ type: 'driver.location', driverId: 'd-1', revision, lat: 38.7 + revision / 1000, lng: -9.1, heading: 0, at: new Date().toISOString() });

/** A trip whose revision the test moves; each read reports it and the trigger it got, and waits for `gate` when set. */
class TripSource implements LiveSource {
  readonly initialKeys = [tripKey];
  revision = 1;
  reads: Array<DomainEvent | undefined> = [];
  gate: Promise<void> | undefined;
  ended = false;
  sent = 0;
  streamOf(routingKey: string): string {
    return routingKey;
  }
  async read(trigger: DomainEvent | undefined): Promise<LiveRead> {
    this.reads.push(trigger);
    await this.gate;
    const revision = this.revision;
    // Like the trip source: a read that finds nothing newer than what was sent sends nothing.
    const fresh = revision > this.sent;
    this.sent = Math.max(this.sent, revision);
    return { messages: fresh ? [{ data: { revision, trigger: trigger?.revision ?? null } }] : [], keys: [tripKey, driverKey], revisions: new Map([[tripKey, revision]]), done: this.ended };
  }
}

const subscribe = (feed: MemoryEventFeed, source: LiveSource, maxPendingStreams = 10) => {
  const state = { overflowed: false, ended: false };
  const subscription = new LiveSubscription(feed, source, {
    maxPendingStreams,
    onOverflow: () => (state.overflowed = true),
    onEnd: () => (state.ended = true),
  });
  return { subscription, state };
};

describe('LiveSubscription', () => {
  it('sends the current state first, then each newer revision; events not newer than the state read are dropped unread', async () => {
    const feed = new MemoryEventFeed();
    const source = new TripSource();
    source.revision = 3;
    const { subscription } = subscribe(feed, source);
    await subscription.start();
    expect((await subscription.next()).value).toEqual({ data: { revision: 3, trigger: null } });
    // A change that raced the first read (revision 2, 3): already in the state sent.
    feed.publish(tripKey, status(2));
    feed.publish(tripKey, status(3));
    expect(source.reads).toHaveLength(1);
    source.revision = 4;
    feed.publish(tripKey, status(4, 'ARRIVING'));
    expect((await subscription.next()).value).toEqual({ data: { revision: 4, trigger: 4 } });
    expect(source.reads).toHaveLength(2);
    await subscription.return();
  });

  it('conflates: a subscriber that reads nothing gets the latest, after one read, not a backlog', async () => {
    const feed = new MemoryEventFeed();
    const source = new TripSource();
    const { subscription } = subscribe(feed, source);
    await subscription.start();
    // The first message waits untaken: events keep arriving.
    for (let revision = 1; revision <= 50; revision += 1) feed.publish(driverKey, position(revision));
    expect(source.reads).toHaveLength(1);
    expect((await subscription.next()).value).toMatchObject({ data: { trigger: null } });
    source.revision = 2;
    const latest = await subscription.next();
    expect(latest.value).toMatchObject({ data: { trigger: 50 } });
    expect(source.reads).toHaveLength(2);
    await subscription.return();
  });

  it('a subscriber with too many streams waiting is reported (the transport closes it with 1013)', async () => {
    const feed = new MemoryEventFeed();
    const source: LiveSource = {
      initialKeys: ['offers.cell'],
      streamOf: (_key, event) => (event.type === 'ride.offer' ? `offer:${event.tripId}` : _key),
      read: async () => ({ messages: [{ data: { offer: 1 } }], keys: ['offers.cell'], done: false }),
    };
    const { subscription, state } = subscribe(feed, source, 5);
    await subscription.start();
    for (let n = 0; n < 6; n += 1) feed.publish('offers.cell', { type: 'ride.offer', tripId: `t-${n}`, revision: 1, cell: 'cell', at: '' });
    expect(state.overflowed).toBe(true);
    await subscription.return();
    expect(state.ended).toBe(true);
    expect(feed.keys()).toEqual([]);
  });

  it('after the broker comes back it re-reads, and sends the state only if it advanced', async () => {
    const feed = new MemoryEventFeed();
    const source = new TripSource();
    const { subscription } = subscribe(feed, source);
    await subscription.start();
    await subscription.next();
    subscription.refresh();
    await waitFor(() => source.reads.length === 2, 5_000, 'the refresh read');
    source.revision = 5;
    subscription.refresh();
    expect((await subscription.next()).value).toEqual({ data: { revision: 5, trigger: null } });
    await subscription.return();
  });

  it('a read that fails is tried again: the change it stood for is not lost (the ride ended while the broker was away)', async () => {
    const feed = new MemoryEventFeed();
    const source = new TripSource();
    const { subscription } = subscribe(feed, source);
    await subscription.start();
    await subscription.next();
    const read = source.read.bind(source);
    let failures = 1;
    source.read = async (trigger) => {
      if (failures-- > 0) {
        source.reads.push(trigger);
        throw new Error('trips: deadline exceeded');
      }
      return read(trigger);
    };
    source.revision = 5;
    subscription.refresh();
    expect((await subscription.next()).value).toEqual({ data: { revision: 5, trigger: null } });
    expect(source.reads.length).toBe(3);
    await subscription.return();
  });

  it('binds the keys its reads need, unbinds them all when it ends, and completes after the final state', async () => {
    const feed = new MemoryEventFeed();
    const source = new TripSource();
    const { subscription, state } = subscribe(feed, source);
    await subscription.start();
    expect(feed.keys().sort()).toEqual([driverKey, tripKey]);
    await subscription.next();
    source.revision = 2;
    source.ended = true;
    feed.publish(tripKey, status(2, 'COMPLETED'));
    expect((await subscription.next()).value).toMatchObject({ data: { revision: 2 } });
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    expect(state.ended).toBe(true);
    expect(feed.keys()).toEqual([]);
  });
});
