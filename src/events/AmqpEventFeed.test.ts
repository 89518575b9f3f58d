import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../test/harness/tcpProxy.ts';
import { waitFor } from '../../test/harness/waitFor.ts';
import { AmqpEventFeed } from './AmqpEventFeed.ts';
import { eventExchange, type DomainEvent, type TripStatusEvent } from './DomainEvent.ts';
import { tripStatusKey } from './routingKeys.ts';

const brokerUrl = 'amqp://guest:guest@127.0.0.1:5672';
const fastBackoff = { initialMs: 50, maxMs: 400 };

let connection: ChannelModel;
let channel: Channel;
const feeds: AmqpEventFeed[] = [];
const proxies: TcpProxy[] = [];

beforeAll(async () => {
  connection = await connect(brokerUrl);
  channel = await connection.createChannel();
  await channel.assertExchange(eventExchange, 'topic', { durable: false });
});

afterAll(async () => {
  await Promise.all(feeds.map((feed) => feed.close()));
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await connection.close();
});

/** A trip id no other test (or file) uses. */
const uniqueTrip = (): string => `t-test-${randomUUID()}`;

function tripEvent(tripId: string, revision: number): TripStatusEvent {
  return { type: 'trip.status', tripId, revision, status: 'REQUESTED', riderId: 'r-0001', at: new Date().toISOString() };
}

function publish(routingKey: string, body: unknown): void {
  channel.publish(eventExchange, routingKey, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
}

function newFeed(url = brokerUrl, log: (line: string) => void = () => undefined): AmqpEventFeed {
  const feed = new AmqpEventFeed({ url, log, backoff: fastBackoff });
  feeds.push(feed);
  return feed;
}

describe('AmqpEventFeed', () => {
  it('delivers the events of the keys listened to, not others, and stops after the last listener goes', async () => {
    const feed = newFeed();
    const trip = uniqueTrip();
    const other = uniqueTrip();
    const key = tripStatusKey(trip);
    const received: DomainEvent[] = [];
    const second: DomainEvent[] = [];
    const stop = feed.listen(key, (event) => received.push(event));
    const stopSecond = feed.listen(key, (event) => second.push(event));
    await waitFor(() => feed.status().connected && feed.status().bindings === 1, 20_000, 'the binding');
    await feed.bound(key);
    publish(tripStatusKey(other), tripEvent(other, 1));
    publish(key, tripEvent(trip, 1));
    await waitFor(() => received.length === 1 && second.length === 1, 20_000, 'the event');
    expect(received[0]).toMatchObject({ type: 'trip.status', tripId: trip, revision: 1 });

    stop();
    publish(key, tripEvent(trip, 2));
    await waitFor(() => second.length === 2, 20_000, 'the second listener still receiving');
    expect(received).toHaveLength(1);
    expect(feed.status().bindings).toBe(1);

    stopSecond();
    await waitFor(() => feed.status().bindings === 0, 20_000, 'the unbind');
    // A sentinel on a key still bound proves the unbound key's later event had its chance to arrive.
    const sentinelTrip = uniqueTrip();
    const sentinel: DomainEvent[] = [];
    feed.listen(tripStatusKey(sentinelTrip), (event) => sentinel.push(event));
    await feed.bound(tripStatusKey(sentinelTrip));
    publish(key, tripEvent(trip, 3));
    publish(tripStatusKey(sentinelTrip), tripEvent(sentinelTrip, 1));
    await waitFor(() => sentinel.length === 1, 20_000, 'the sentinel');
    expect(second).toHaveLength(2);
  });

  it('drops a malformed message with one log line and keeps delivering', async () => {
    const lines: string[] = [];
    const feed = newFeed(brokerUrl, (line) => lines.push(line));
    const trip = uniqueTrip();
    const key = tripStatusKey(trip);
    const received: DomainEvent[] = [];
    feed.listen(key, (event) => received.push(event));
    await waitFor(() => feed.status().bindings === 1, 20_000, 'the binding');
    await feed.bound(key);
    publish(key, '{not json');
    publish(key, { type: 'trip.status', tripId: trip, revision: 'one' });
    publish(key, tripEvent(uniqueTrip(), 1)); // a valid event under another trip's key
    publish(key, tripEvent(trip, 1));
    await waitFor(() => received.length === 1, 20_000, 'the valid event');
    expect(received[0]).toMatchObject({ tripId: trip, revision: 1 });
    expect(lines.filter((line) => line.includes('dropped'))).toHaveLength(3);
  });

  it('returns at once with the broker unreachable, then connects, binds and delivers once it is reachable', async () => {
    const proxy = await startTcpProxy(5672);
    proxies.push(proxy);
    await proxy.cut();
    const port = new URL(proxy.endpoint).port;
    const started = Date.now();
    const feed = newFeed(`amqp://guest:guest@127.0.0.1:${port}`);
    // At once: well under the 5 s connect timeout an awaited connection would cost.
    expect(Date.now() - started).toBeLessThan(1_000);
    const trip = uniqueTrip();
    const key = tripStatusKey(trip);
    const received: DomainEvent[] = [];
    let resumed = 0;
    feed.onResumed(() => resumed++);
    feed.listen(key, (event) => received.push(event));
    expect(feed.status()).toMatchObject({ connected: false, bindings: 0 });
    expect(feed.status().downSince).toBeTypeOf('string');
    await feed.bound(key); // resolves at once while disconnected

    await proxy.heal();
    await waitFor(() => feed.status().connected && feed.status().bindings === 1, 20_000, 'the connection through the healed proxy');
    expect(feed.status().downSince).toBeUndefined();
    await waitFor(() => resumed === 1, 20_000, 'onResumed after the first connection that followed failures');
    publish(key, tripEvent(trip, 1));
    await waitFor(() => received.length === 1, 20_000, 'the event');
  });

  it('reconnects after the connection is cut, restores the bindings, calls onResumed and delivers later events', async () => {
    const proxy = await startTcpProxy(5672);
    proxies.push(proxy);
    const lines: string[] = [];
    const feed = newFeed(`amqp://guest:guest@127.0.0.1:${new URL(proxy.endpoint).port}`, (line) => lines.push(line));
    const trips = [uniqueTrip(), uniqueTrip()];
    const received: DomainEvent[] = [];
    let resumed = 0;
    feed.onResumed(() => resumed++);
    for (const trip of trips) feed.listen(tripStatusKey(trip), (event) => received.push(event));
    await waitFor(() => feed.status().connected && feed.status().bindings === 2, 20_000, 'the bindings');
    expect(resumed).toBe(0);
    publish(tripStatusKey(trips[0]!), tripEvent(trips[0]!, 1));
    await waitFor(() => received.length === 1, 20_000, 'the first event');

    await proxy.cut();
    await waitFor(() => !feed.status().connected, 20_000, 'the loss noticed');
    expect(feed.status().downSince).toBeTypeOf('string');
    await proxy.heal();
    await waitFor(() => feed.status().connected && resumed === 1, 20_000, 'the reconnect');
    expect(feed.status().bindings).toBe(2);
    for (const trip of trips) {
      const before = received.filter((event) => event.type === 'trip.status' && event.tripId === trip).length;
      publish(tripStatusKey(trip), tripEvent(trip, 10));
      await waitFor(() => received.filter((event) => event.type === 'trip.status' && event.tripId === trip).length === before + 1, 20_000, `the event of ${trip} after the reconnect`);
    }
    expect(lines.some((line) => line.includes('lost the broker'))).toBe(true);
  });

  it('close is idempotent and stops reconnecting', async () => {
    // Two "brokers" that accept and hang up at once: each connection is one failed attempt.
    const attempts = [0, 0];
    const servers = await Promise.all(
      attempts.map(
        (_, index) =>
          new Promise<Server>((resolve) => {
            const server = createServer((socket) => {
              attempts[index]! += 1;
              socket.destroy();
            });
            server.listen(0, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    const portOf = (server: Server): number => (server.address() as AddressInfo).port;
    const closed = newFeed(`amqp://guest:guest@127.0.0.1:${portOf(servers[0]!)}`);
    const control = newFeed(`amqp://guest:guest@127.0.0.1:${portOf(servers[1]!)}`);
    await waitFor(() => attempts[0]! >= 1, 20_000, 'the first attempt');
    await Promise.all([closed.close(), closed.close()]);
    // An attempt already on its way at close may still arrive: count from once the control feed retried twice more.
    const controlAtClose = attempts[1]!;
    await waitFor(() => attempts[1]! >= controlAtClose + 2, 20_000, 'the control feed retrying');
    const attemptsAfterClose = attempts[0]!;
    // The control feed's backoff (up to 400 ms) passes three more times: the closed feed would have retried.
    await waitFor(() => attempts[1]! >= controlAtClose + 5, 20_000, 'the control feed retrying more');
    expect(attempts[0]).toBe(attemptsAfterClose);
    expect(closed.status().connected).toBe(false);
    await control.close();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });
});
