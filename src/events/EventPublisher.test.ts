import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../test/harness/tcpProxy.ts';
import { waitFor } from '../../test/harness/waitFor.ts';
import { AmqpEventFeed } from './AmqpEventFeed.ts';
import type { DomainEvent, TripStatusEvent } from './DomainEvent.ts';
import { AmqpEventPublisher } from './EventPublisher.ts';
import { createEventFeed, createEventPublisher } from './index.ts';
import { tripStatusKey } from './routingKeys.ts';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

function tripEvent(tripId: string, revision: number): TripStatusEvent {
  return { type: 'trip.status', tripId, revision, status: 'ACCEPTED', driverId: 'd-0001', riderId: 'r-0001', at: new Date().toISOString() };
}

describe('AmqpEventPublisher', () => {
  it('drops events while the broker is away (one log line, no throw), and publishes once it is back', async () => {
    const proxy: TcpProxy = await startTcpProxy(5672);
    closers.push(() => proxy.close());
    await proxy.cut();
    const lines: string[] = [];
    const publisher = new AmqpEventPublisher({ url: `amqp://guest:guest@127.0.0.1:${new URL(proxy.endpoint).port}`, log: (line) => lines.push(line), backoff: { initialMs: 50, maxMs: 400 } });
    closers.push(() => publisher.close());
    const feed = new AmqpEventFeed({ url: brokerUrl, log: () => undefined });
    closers.push(() => feed.close());
    const tripId = `t-test-${randomUUID()}`;
    const received: DomainEvent[] = [];
    feed.listen(tripStatusKey(tripId), (event) => received.push(event));
    await waitFor(() => feed.status().bindings === 1, 20_000, 'the feed bound');

    expect(publisher.connected).toBe(false);
    expect(() => publisher.publish(tripEvent(tripId, 1))).not.toThrow();
    publisher.publish(tripEvent(tripId, 2));
    expect(lines.filter((line) => line.includes('dropped'))).toHaveLength(1);

    await proxy.heal();
    await waitFor(() => publisher.connected, 20_000, 'the publisher connected');
    expect(lines.some((line) => line.includes('2 event(s) dropped'))).toBe(true);
    publisher.publish(tripEvent(tripId, 3));
    await waitFor(() => received.length === 1, 20_000, 'the event after the broker came back');
    expect(received[0]).toMatchObject({ tripId, revision: 3, status: 'ACCEPTED', driverId: 'd-0001' });
  });

  it('with AMQP_URL=off: a feed that never emits and says so, a publisher that drops silently', async () => {
    const feed = createEventFeed({ amqpUrl: undefined });
    expect(feed.status()).toEqual({ connected: false, bindings: 0, disabled: true });
    const stop = feed.listen('trip.t-1.status', () => undefined);
    stop();
    await feed.close();
    const publisher = createEventPublisher({ amqpUrl: undefined });
    expect(() => publisher.publish(tripEvent('t-1', 1))).not.toThrow();
    await publisher.close();
  });
});
