import { readFileSync } from 'node:fs';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';
import { liveClient, record } from './harness/liveClient.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { startTcpProxy, type TcpProxy } from './harness/tcpProxy.ts';
import { waitFor } from './harness/waitFor.ts';

const operation = (path: string): string => readFileSync(new URL(`../clients/${path}`, import.meta.url), 'utf8');
const TripLive = operation('passenger/TripLive.graphql');
const RequestRide = operation('passenger/RequestRide.graphql');
const AcceptRide = operation('driver/AcceptRide.graphql');

/** People no other test uses (other fleets publish on the same exchange). */
const RIDER = 'r-0771';
const DRIVER = 'd-0471';

interface TripMessage {
  tripUpdated: { id: string; status: string } | null;
}

let system: RunningSystem;
/** A second replica, in this process, whose broker connection starts cut. */
let second: RunningGateway;
let secondBroker: TcpProxy;
const clients: Client[] = [];

beforeAll(async () => {
  secondBroker = await startTcpProxy(5672);
  await secondBroker.cut();
  system = await startSystem({ ...loadTolerantEnv, FLEET_INSTANCES: 'trips=1,drivers=1,riders=1,pricing=1', DEMO_RIDE_STEP_MS: '1000' });
  second = await startGateway(
    loadConfig({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO_FLEET: 'false',
      REGISTRY_URL: system.url,
      AMQP_URL: secondBroker.endpoint.replace(/^http:\/\//, 'amqp://guest:guest@'),
      SHUTDOWN_GRACE_MS: '2000',
      ...generousAdmissionEnv,
      ...loadTolerantEnv,
    }),
  );
  await second.whenReady();
}, 150_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await second?.stop();
  await system?.stop();
  await secondBroker?.close();
});

const readyz = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { live: { events: { connected: boolean; bindings: number } } } };
};

describe('live subscriptions on two replicas', () => {
  it('a replica whose broker is unreachable starts, serves queries and subscriptions (current state); both replicas get the events; SIGTERM closes with 1012 and the client resubscribes on the other', async () => {
    const down = await readyz(second.url);
    expect(down.status).toBe(200);
    expect(down.body.live.events.connected).toBe(false);

    const riderToken = await system.token('passenger', RIDER);
    const booked = await system.graphql<{ requestRide: { id: string } }>('passenger', RequestRide, { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: 38.7369, lng: -9.1427 } }, { token: riderToken });
    expect(booked.errors).toBeUndefined();
    const tripId = booked.data!.requestRide.id;

    // On the replica without a broker: the current state all the same.
    const closedOnSecond: number[] = [];
    const onSecond = liveClient(second.url, 'passenger', riderToken, (code) => closedOnSecond.push(code));
    const onFirst = liveClient(system.url, 'passenger', riderToken);
    clients.push(onSecond, onFirst);
    const viaSecond = record<TripMessage>(onSecond, TripLive, { tripId });
    const viaFirst = record<TripMessage>(onFirst, TripLive, { tripId });
    for (const recording of [viaSecond, viaFirst]) expect((await recording.next(() => true, 'the current state')).data?.tripUpdated?.status).toBe('REQUESTED');

    // The broker comes back for the second replica: its bindings are restored.
    await secondBroker.heal();
    await waitFor(async () => {
      const { body } = await readyz(second.url);
      return (body.live.events.connected && body.live.events.bindings >= 1) || undefined;
    }, 30_000, 'the second replica to bind');

    const accepted = await system.graphql('driver', AcceptRide, { tripId }, { token: await system.token('driver', DRIVER) });
    expect(accepted.errors).toBeUndefined();
    for (const recording of [viaSecond, viaFirst]) await recording.next((message) => message.data?.tripUpdated?.status === 'ACCEPTED', 'ACCEPTED on both replicas');

    // SIGTERM's path: the second replica stops; its clients are told to reconnect elsewhere.
    await second.stop();
    await waitFor(() => closedOnSecond.includes(1012), 20_000, `the 1012 close; got ${JSON.stringify(closedOnSecond)}`);
    const resubscribed = liveClient(system.url, 'passenger', riderToken);
    clients.push(resubscribed);
    const again = record<TripMessage>(resubscribed, TripLive, { tripId });
    const current = await again.next(() => true, 'the current state on the other replica');
    expect(['ACCEPTED', 'ARRIVING', 'IN_PROGRESS', 'COMPLETED']).toContain(current.data?.tripUpdated?.status);
    await again.done(30_000);
    expect(again.messages.at(-1)?.data?.tripUpdated?.status).toBe('COMPLETED');
  }, 150_000);
});
