import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultGate } from '../faults/FaultGate.ts';
import { RequestCounter } from '../faults/RequestCounter.ts';
import { applyFault } from '../instance/applyFault.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { createSeed } from '../seed/createSeed.ts';
import { CITY_CENTRE } from '../seed/seedConstants.ts';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { createDriversHandlers } from './driversHandlers.ts';
import { DriverStore } from './DriverStore.ts';
import { GrpcServiceServer } from './GrpcServiceServer.ts';
import { loadGrpcService } from './loadGrpcService.ts';
import { createPricingHandlers } from './pricingHandlers.ts';

const NOW = Date.UTC(2026, 10, 24, 9, 30, 0);
const seed = createSeed();
const published: DemoWrite[] = [];
const driversGate = new FaultGate();
const driversCounter = new RequestCounter();
const DriversService = loadGrpcService('drivers');
const PricingService = loadGrpcService('pricing');
const drivers = new GrpcServiceServer({
  host: '127.0.0.1',
  definition: DriversService.service,
  handlers: createDriversHandlers({ store: new DriverStore(seed.drivers), instanceId: 'drivers-7', publish: (w) => published.push(w), now: () => NOW }),
  gate: driversGate,
  counter: driversCounter,
});
const pricing = new GrpcServiceServer({
  host: '127.0.0.1',
  definition: PricingService.service,
  handlers: createPricingHandlers({ driverIds: new Set(seed.drivers.map((d) => d.id)), now: () => NOW }),
  gate: new FaultGate(),
  counter: new RequestCounter(),
});
let driversClient: grpc.Client;
let pricingClient: grpc.Client;

/** One unary call; resolves with the answer or the gRPC error. */
function unary(client: grpc.Client, method: string, request: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, Function>)[method];
    fn?.call(client, request, { deadline: Date.now() + 5_000 }, (error: grpc.ServiceError | null, response: unknown) =>
      error ? reject(error) : resolve(response),
    );
  });
}

beforeAll(async () => {
  driversClient = new DriversService(`127.0.0.1:${await drivers.start()}`, grpc.credentials.createInsecure());
  pricingClient = new PricingService(`127.0.0.1:${await pricing.start()}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  driversClient.close();
  pricingClient.close();
  await Promise.all([drivers.stop(0), pricing.stop(0)]);
});

describe('drivers over loopback gRPC', () => {
  it('GetDrivers answers a batch, leaving unknown ids out; an empty batch is INVALID_ARGUMENT', async () => {
    const before = driversCounter.value;
    const { drivers: found } = await unary(driversClient, 'GetDrivers', { ids: ['d-0002', 'd-9999', 'd-0001'] });
    expect(found.map((d: { id: string }) => d.id)).toEqual(['d-0002', 'd-0001']);
    expect(found[1]).toMatchObject({ name: 'João Santos', status: 'AVAILABLE', location: CITY_CENTRE, vehicle: { plate: expect.any(String) } });
    expect(driversCounter.value).toBe(before + 1);
    await expect(unary(driversClient, 'GetDrivers', { ids: [] })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('NearestDrivers: available drivers, closest first, with ETAs; first must be 1..50', async () => {
    const { drivers: nearby } = await unary(driversClient, 'NearestDrivers', { location: CITY_CENTRE, first: 5 });
    expect(nearby).toHaveLength(5);
    expect(nearby[0]).toMatchObject({ driver: { id: 'd-0001' }, distanceMeters: 0, etaSeconds: 60 });
    expect(nearby.every((n: { driver: { status: string } }) => n.driver.status === 'AVAILABLE')).toBe(true);
    await expect(unary(driversClient, 'NearestDrivers', { location: CITY_CENTRE, first: 0 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(unary(driversClient, 'NearestDrivers', { first: 3 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('UpdateLocation moves a driver and publishes the write; NOT_FOUND for an unknown one', async () => {
    const location = { lat: 38.7, lng: -9.2 };
    expect(await unary(driversClient, 'UpdateLocation', { driverId: 'd-0002', location })).toEqual({ ok: true });
    expect((await unary(driversClient, 'GetDrivers', { ids: ['d-0002'] })).drivers[0].location).toEqual(location);
    // The write carries the position's revision and heading, so every instance publishes the same figures.
    expect(published.at(-1)).toEqual({ kind: 'driver.located', driverId: 'd-0002', location, atMs: NOW, by: 'drivers-7', revision: 1, heading: expect.any(Number) });
    await expect(unary(driversClient, 'UpdateLocation', { driverId: 'd-9999', location })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });
});

describe('pricing over loopback gRPC', () => {
  it('GetProductPrices: EUR prices for known products, quoted now, stable within the minute', async () => {
    const { prices } = await unary(pricingClient, 'GetProductPrices', { productIds: ['p-economy', 'p-nope', 'p-black'] });
    expect(prices.map((p: { productId: string }) => p.productId)).toEqual(['p-economy', 'p-black']);
    expect(prices[0]).toMatchObject({ price: { currency: 'EUR' }, quotedAtMs: NOW });
    expect(prices[1].price.amount).toBeGreaterThan(prices[0].price.amount);
    expect((await unary(pricingClient, 'GetProductPrices', { productIds: ['p-economy'] })).prices[0]).toEqual(prices[0]);
  });

  it('QuoteFares: one fare per input, matched by key; an unknown product has no fare', async () => {
    const { fares } = await unary(pricingClient, 'QuoteFares', {
      trips: [
        { key: 't-1', productId: 'p-economy', distanceMeters: 10_000 },
        { key: 't-2', productId: 'p-nope', distanceMeters: 10_000 },
        { key: 't-3', productId: 'p-economy', distanceMeters: 100 },
      ],
    });
    expect(fares).toEqual([
      { key: 't-1', fare: { amount: 10.5, currency: 'EUR' } },
      { key: 't-2', fare: null },
      { key: 't-3', fare: { amount: 4, currency: 'EUR' } },
    ]);
  });

  it('GetEarnings: per driver and period (WEEK ≥ TODAY); an unspecified period is INVALID_ARGUMENT', async () => {
    const today = await unary(pricingClient, 'GetEarnings', { driverIds: ['d-0001', 'd-9999'], period: 'TODAY' });
    const week = await unary(pricingClient, 'GetEarnings', { driverIds: ['d-0001'], period: 'WEEK' });
    expect(today.earnings).toHaveLength(1);
    expect(week.earnings[0].total.amount).toBeGreaterThan(today.earnings[0].total.amount);
    await expect(unary(pricingClient, 'GetEarnings', { driverIds: ['d-0001'] })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});

describe('gRPC instance faults', () => {
  const call = () => unary(driversClient, 'GetDrivers', { ids: ['d-0001'] });

  it('down: UNAVAILABLE (not counted); ok: serves again on the same port', async () => {
    const port = drivers.port;
    await applyFault(drivers, driversGate, { mode: 'down' });
    const before = driversCounter.value;
    await expect(call()).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(driversCounter.value).toBe(before);
    await applyFault(drivers, driversGate, { mode: 'ok' });
    expect(drivers.port).toBe(port);
    // The client's channel reconnects with backoff: poll rather than sleep.
    expect((await waitFor(call, 5_000, 'the channel to reconnect', 50)).drivers).toHaveLength(1);
  });

  it('error: INTERNAL, counted', async () => {
    await applyFault(drivers, driversGate, { mode: 'error' });
    const before = driversCounter.value;
    await expect(call()).rejects.toMatchObject({ code: grpc.status.INTERNAL });
    expect(driversCounter.value).toBe(before + 1);
    await applyFault(drivers, driversGate, { mode: 'ok' });
  });

  it('slow: adds latencyMs; flaky: fails about `rate` of the calls', async () => {
    await applyFault(drivers, driversGate, { mode: 'slow', latencyMs: 150 });
    const start = performance.now();
    await call();
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    await applyFault(drivers, driversGate, { mode: 'flaky', rate: 0.5 });
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => call().then(() => 'ok', (e: grpc.ServiceError) => e.code)));
    const failed = outcomes.filter((o) => o === grpc.status.UNAVAILABLE).length / outcomes.length;
    expect(failed).toBeGreaterThan(0.35);
    expect(failed).toBeLessThan(0.65);
    await applyFault(drivers, driversGate, { mode: 'ok' });
  });
});
