import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { initAndClose, liveClient, record } from '../../../test/harness/liveClient.ts';
import { MemoryEventFeed } from '../../../test/harness/MemoryEventFeed.ts';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { clientAudience, issueToken, ViewerVerifier } from '../../auth/index.ts';
import { demoSecrets, loadConfig, type ClientName, type SubscriptionsConfig } from '../../config/index.ts';
import type { GraphQLRoute } from '../../server/index.ts';
import type { RequestContext } from '../../subgraphs/RequestContext.ts';
import { documentIdOf } from '../../documents/index.ts';
import { LiveGateway } from '../LiveGateway.ts';
import { attachWebSocket, type WebSocketTransport } from './attachWebSocket.ts';
import { LiveConnections } from './LiveConnections.ts';

const config = loadConfig({});
const TripLive = 'subscription TripLive($tripId: ID!) { tripUpdated(tripId: $tripId) { id status } }';
const RideOffers = 'subscription { rideOffers { id big } }';

/**
 * The WebSocket transport over a stand-in executor (no services): each trip read answers the
 * trip's status at revision 1, each offer read a large offer, so the tests are about the transport
 * (tokens, limits, slow subscribers), not about resolving.
 */
async function startLive(overrides: Partial<SubscriptionsConfig> = {}, trustedDocuments?: 'required') {
  const feed = new MemoryEventFeed();
  const route = (client: ClientName) =>
    ({
      name: client,
      audience: clientAudience(client),
      ...(trustedDocuments ? { trustedDocuments } : {}),
      deadlineMs: 1_000,
      maxResponseBytes: 10_000_000,
      guard: { check: () => ({ operationType: 'subscription', rootFields: [], coordinates: new Set<string>(), estimatedCost: 1 }) },
      endpoint: {
        execute: async ({ query, variables }: { query: string; variables: Record<string, unknown> }) =>
          query.includes('rideOffers: trip(')
            ? { data: { rideOffers: { id: variables.gatewayOfferedTripId, big: 'x'.repeat(256 * 1024) } } }
            : query.includes('rideOffers:')
              ? { data: { rideOffers: [] } }
              : { data: { tripUpdated: { id: variables.tripId, status: 'REQUESTED' } } },
      },
    }) as unknown as GraphQLRoute<ClientName, RequestContext>;
  const createContext = () =>
    ({
      loaders: {
        trips: { load: async (id: string) => ({ id, status: 'REQUESTED', revision: 1 }) },
        drivers: { load: async (id: string) => ({ id, location: { lat: 38.7223, lng: -9.1393 } }) },
      },
    }) as unknown as RequestContext;
  const subscriptions: SubscriptionsConfig = { ...config.subscriptions, ...overrides };
  const routes = new Map((['passenger', 'driver'] as const).map((client) => [`/${client}/graphql`, route(client)]));
  const live = new LiveGateway({ feed, config: subscriptions, clients: new Map([...routes.values()].map((r) => [r.name, { route: r, createContext }])), log: () => undefined });
  const server: Server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // One published document: TripLive, by its id.
  const appDocuments = {
    lookup: (_client: string, documentId: string) => (documentId === documentIdOf(TripLive) ? { kind: 'found' as const, text: TripLive, appVersion: 'passenger@1.0.0' } : { kind: 'unknown' as const }),
    recordUse: () => undefined,
  };
  const transport: WebSocketTransport = attachWebSocket(server, { live, routes, verifier: new ViewerVerifier(config.auth), appDocuments, connections: new LiveConnections(subscriptions.maxConnections) });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = { feed, live, server, transport, url };
  running.push(started);
  return started;
}

const running: Array<{ transport: WebSocketTransport; server: Server; live: LiveGateway }> = [];
afterEach(async () => {
  for (const { transport, server, live } of running.splice(0)) {
    await transport.stop(100);
    live.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const token = (client: ClientName, subject: string, ttlSec?: number) => issueToken(demoSecrets.jwtSecret, { client, subject, issuer: 'ride-bff', ...(ttlSec ? { ttlSec } : {}) });

describe('GraphQL over WebSocket: limits', () => {
  it('closes a connection that sends no connection_init in time with 4408', async () => {
    const { url } = await startLive({ initTimeoutMs: 200 });
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/passenger/graphql`, 'graphql-transport-ws');
      socket.once('close', (closeCode: number) => resolve(closeCode));
    });
    expect(code).toBe(4408);
  });

  it('refuses a subscription past the cap per connection, then per user, with TOO_MANY_SUBSCRIPTIONS; the connection stays open', async () => {
    const { url } = await startLive({ maxPerConnection: 2, maxPerUser: 3 });
    const bearer = await token('passenger', 'r-0001');
    const first = liveClient(url, 'passenger', bearer);
    const held = [record(first, TripLive, { tripId: 't-1' }), record(first, TripLive, { tripId: 't-2' })];
    for (const recording of held) await recording.next(() => true, 'the current state');
    const third = record(first, TripLive, { tripId: 't-3' });
    expect(((await third.failure()) as Array<{ extensions: { code: string } }>)[0]?.extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    const second = liveClient(url, 'passenger', bearer);
    await record(second, TripLive, { tripId: 't-4' }).next(() => true, 'a third for the user');
    const fifth = record(second, TripLive, { tripId: 't-5' });
    expect(((await fifth.failure()) as Array<{ extensions: { code: string } }>)[0]?.extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    // Completing one frees a slot.
    held[0]!.stop();
    await waitFor(async () => {
      const again = record(second, TripLive, { tripId: 't-6' });
      await again.next(() => true, 'a slot freed', 500);
      return true;
    }, 10_000, 'a freed slot');
    await Promise.all([first.dispose(), second.dispose()]);
  });

  it('where trusted documents are required, a subscription names its document by id (query text: PERSISTED_QUERY_REQUIRED)', async () => {
    const { url } = await startLive({}, 'required');
    const client = liveClient(url, 'passenger', await token('passenger', 'r-0001'));
    const text = record(client, TripLive, { tripId: 't-1' });
    expect(((await text.failure()) as Array<{ extensions: { code: string } }>)[0]?.extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    const messages: unknown[] = [];
    client.subscribe({ query: '', variables: { tripId: 't-1' }, extensions: { documentId: documentIdOf(TripLive) } }, { next: (message) => messages.push(message), error: () => undefined, complete: () => undefined });
    await waitFor(() => messages.length > 0, 5_000, 'the first message of the named document');
    expect(messages[0]).toEqual({ data: { tripUpdated: { id: 't-1', status: 'REQUESTED' } } });
    await client.dispose();
  });

  it('closes the connection past the gateway\'s connection cap with 1013', async () => {
    const { url } = await startLive({ maxConnections: 1 });
    const bearer = await token('passenger', 'r-0001');
    expect((await openAndHold(url, bearer)).code).toBe(0);
    expect((await initAndClose(`${url}/passenger/graphql`, { Authorization: `Bearer ${bearer}` })).code).toBe(1013);
  });

  it('closes a connection whose token expires with 4401', async () => {
    const { url } = await startLive();
    const closed: number[] = [];
    const client = liveClient(url, 'passenger', await token('passenger', 'r-0001', 1), (code) => closed.push(code));
    await record(client, TripLive, { tripId: 't-1' }).next(() => true, 'the current state');
    await waitFor(() => closed.includes(4401), 10_000, 'the close at expiry');
    await client.dispose();
  });

  it('closes a subscriber that reads nothing while offers pile up with 1013, without queueing them', async () => {
    const { url, feed } = await startLive({ maxPendingStreams: 5 });
    const socket = new WebSocket(`${url.replace('http', 'ws')}/driver/graphql`, 'graphql-transport-ws');
    const messages: string[] = [];
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${await token('driver', 'd-0001')}` } }));
    await waitFor(() => messages.some((text) => text.includes('connection_ack')), 5_000, 'the ack');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: RideOffers } }));
    await waitFor(() => feed.keys().length > 0, 5_000, 'the offers bindings');
    // The client stops reading: what the gateway sends piles up in the kernel, then in the gateway.
    (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const cell = feed.keys()[0]!;
    for (let n = 0; n < 200; n += 1) feed.publish(cell, { type: 'ride.offer', tripId: `t-${n}`, revision: 1, cell: cell.slice('offers.'.length), at: '' });
    // Unbound at once: nothing more is read or kept for it.
    expect(feed.keys()).toEqual([]);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(1013);
    // Fewer offers reached the socket than were published: the rest were never queued.
    expect(messages.filter((text) => text.includes('"next"')).length).toBeLessThan(200);
  });
});

/** Opens a connection and keeps it (acknowledged: code 0). */
function openAndHold(url: string, bearer: string): Promise<{ code: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/passenger/graphql`, 'graphql-transport-ws');
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${bearer}` } })));
    socket.on('message', () => resolve({ code: 0 }));
    socket.once('close', (code: number) => resolve({ code }));
  });
}
