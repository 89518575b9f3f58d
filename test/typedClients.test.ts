/**
 * Every operation of every app (`clients/**`), sent by document id through the app's typed client
 * (`clients/<client>/client.ts`) with its app version, against the whole system (gateway and demo
 * fleet) with production's trusted documents policy for every app (TRUSTED_DOCUMENTS=required):
 * each answers its data without an error (subscriptions over WebSocket, their first message). Raw
 * text and unknown ids are refused there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { driverClient } from '../clients/driver/client.ts';
import { passengerClient } from '../clients/passenger/client.ts';
import { webClient } from '../clients/web/client.ts';
import { clientNames } from '../src/config/index.ts';
import { documentIdOf } from '../src/documents/index.ts';
import { repositoryAppVersion } from '../src/publishing/apps/repositoryAppDocuments.ts';
import { playgroundTabs } from '../src/server/playground/playgroundTabs.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  // "No error" is asserted below: deadlines a busy machine cannot turn into failures this test is not about.
  system = await startSystem({ ...loadTolerantEnv, TRUSTED_DOCUMENTS: 'required' });
});
afterAll(() => system?.stop());

const apps = () => ({
  passenger: passengerClient({ gatewayUrl: system.url, appVersion: repositoryAppVersion('passenger'), token: () => system.token('passenger') }),
  driver: driverClient({ gatewayUrl: system.url, appVersion: repositoryAppVersion('driver'), token: () => system.token('driver') }),
  web: webClient({ gatewayUrl: system.url, appVersion: repositoryAppVersion('web'), token: () => system.token('web') }),
});

/** Operations this file ran, per app: checked against `clients/<client>/*.graphql` at the end. */
const ran = new Map<string, Set<string>>(clientNames.map((client) => [client, new Set()]));
const mark = (client: string, operation: string) => ran.get(client)?.add(operation);
/** The trip the passenger requested and the driver accepted (the live screens follow it). */
let acceptedTrip = '';

/** Subscribes to an app's operation by document id over WebSocket (the app's version in connection_init); resolves with its first message. */
async function firstLiveMessage(client: 'passenger' | 'driver', name: string, variables: Record<string, unknown>, subject?: string): Promise<{ data?: Record<string, unknown> | null; errors?: unknown }> {
  const ids = JSON.parse(readFileSync(new URL(`../clients/${client}/__generated__/operation-ids.json`, import.meta.url), 'utf8')) as Record<string, string>;
  const live = createClient({
    url: `${system.url.replace(/^http/, 'ws')}/${client}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${await system.token(client, subject)}`, 'x-app-version': repositoryAppVersion(client) },
  });
  try {
    // graphql-ws wants a query string: empty, with the document named by id.
    const iterator = live.iterate({ query: '', variables, extensions: { documentId: ids[name] } });
    const first = await iterator.next();
    await iterator.return?.();
    return first.value as { data?: Record<string, unknown> | null; errors?: unknown };
  } finally {
    await live.dispose();
  }
}

describe('every operation of every app runs by document id (TRUSTED_DOCUMENTS=required)', () => {
  it('passenger: PassengerHome, then RequestRide; driver: DriverDashboard sees the offer, AcceptRide takes it, UpdateLocation', async () => {
    const { passenger, driver } = apps();
    const home = await passenger.run('PassengerHome', { lat: 38.7223, lng: -9.1393 });
    expect(home.errors, JSON.stringify(home.errors)).toBeUndefined();
    expect(home.data?.me?.recentTrips).toHaveLength(10);
    expect(home.data?.products?.length).toBeGreaterThan(0);
    mark('passenger', 'PassengerHome');

    const requested = await passenger.run('RequestRide', { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: 38.7369, lng: -9.1427 } });
    expect(requested.errors).toBeUndefined();
    const trip = requested.data?.requestRide;
    expect(trip).toMatchObject({ status: 'REQUESTED', fareEstimate: { amount: expect.any(Number) } });
    mark('passenger', 'RequestRide');

    const dashboard = await driver.run('DriverDashboard', {});
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.me).toMatchObject({ id: 'd-0001', earnings: { currency: 'EUR' } });
    mark('driver', 'DriverDashboard');

    acceptedTrip = trip!.id;
    const accepted = await driver.run('AcceptRide', { tripId: trip!.id });
    expect(accepted).toMatchObject({ status: 200, data: { acceptRide: { id: trip!.id, status: 'ACCEPTED' } } });
    expect(accepted.errors).toBeUndefined();
    mark('driver', 'AcceptRide');

    const moved = await driver.run('UpdateLocation', { lat: 38.73, lng: -9.14 });
    expect(moved).toMatchObject({ status: 200, data: { updateLocation: true } });
    mark('driver', 'UpdateLocation');
  });

  it('web: Products and ProductDetails over GET (no preflight header, anonymous too), TripHistory over POST', async () => {
    const { web } = apps();
    const anonymous = webClient({ gatewayUrl: system.url, appVersion: repositoryAppVersion('web') });
    const products = await anonymous.run('Products', {}, { method: 'GET' });
    expect(products.status).toBe(200);
    expect(products.errors).toBeUndefined();
    expect(products.data?.products?.length).toBeGreaterThan(0);
    mark('web', 'Products');

    const details = await anonymous.run('ProductDetails', { id: 'p-comfort' }, { method: 'GET' });
    expect(details.errors).toBeUndefined();
    expect(details.data?.product).toMatchObject({ id: 'p-comfort', price: { currency: 'EUR' } });
    mark('web', 'ProductDetails');

    const history = await web.run('TripHistory', { first: 20 });
    expect(history.errors).toBeUndefined();
    expect(history.data?.me?.trips).toHaveLength(20);
    mark('web', 'TripHistory');
  });

  it('there, an unknown id and a raw query to the passenger endpoint are refused', async () => {
    const unknown = await fetch(`${system.url}/passenger/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await system.token('passenger')}`, 'x-app-version': repositoryAppVersion('passenger') },
      body: JSON.stringify({ documentId: documentIdOf('query Unknown { products { id } }') }),
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const raw = await system.graphql('passenger', '{ products { id } }');
    expect([raw.status, raw.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
  });

  it('the live screens subscribe by document id over WebSocket: TripLive, DriverLocation, TripUpdated, RideOffers; the first message is the current state', async () => {
    const trip = await firstLiveMessage('passenger', 'TripLive', { tripId: acceptedTrip });
    expect(trip.errors).toBeUndefined();
    expect(trip.data?.tripUpdated).toMatchObject({ id: acceptedTrip, driver: { name: expect.any(String) } });
    mark('passenger', 'TripLive');
    const position = await firstLiveMessage('passenger', 'DriverLocation', { tripId: acceptedTrip });
    expect(position.errors).toBeUndefined();
    mark('passenger', 'DriverLocation');
    const driven = await firstLiveMessage('driver', 'TripUpdated', { tripId: acceptedTrip });
    expect(driven.errors).toBeUndefined();
    expect(driven.data?.tripUpdated).toMatchObject({ id: acceptedTrip });
    mark('driver', 'TripUpdated');
    // A ride waiting near the driver (who reported 38.73, -9.14): among the offers first sent.
    const waiting = await passengerClient({ gatewayUrl: system.url, appVersion: repositoryAppVersion('passenger'), token: () => system.token('passenger', 'r-0003') }).run('RequestRide', {
      productId: 'p-economy',
      pickup: { lat: 38.7301, lng: -9.1401 },
      dropoff: { lat: 38.7369, lng: -9.1427 },
    });
    expect(waiting.errors).toBeUndefined();
    const offer = await firstLiveMessage('driver', 'RideOffers', {});
    expect(offer.errors).toBeUndefined();
    expect(offer.data?.rideOffers).toMatchObject({ id: expect.any(String), pickup: { lat: expect.any(Number) } });
    mark('driver', 'RideOffers');
  });

  it("the playground's tabs, run by id with their example variables, all answer data from the demo fleet", async () => {
    for (const client of clientNames) {
      for (const tab of playgroundTabs(client).filter((candidate) => candidate.kind !== 'subscription')) {
        const response = await fetch(`${system.url}/${client}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await system.token(client)}` },
          body: JSON.stringify({ documentId: tab.documentId, variables: JSON.parse(tab.variables) as unknown }),
        });
        const answer = (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
        expect(answer.errors, `${client}/${tab.name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
        expect(Object.values(answer.data ?? {}).every((value) => value !== null), `${client}/${tab.name}`).toBe(true);
      }
    }
  });

  it('covered every operation in clients/**', () => {
    const clientsDir = fileURLToPath(new URL('../clients/', import.meta.url));
    for (const client of clientNames) {
      const operations = readdirSync(`${clientsDir}${client}`).filter((file) => file.endsWith('.graphql')).map((file) => file.replace(/\.graphql$/, ''));
      expect([...(ran.get(client) ?? [])].sort(), client).toEqual(operations.sort());
    }
  });
});
