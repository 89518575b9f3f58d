import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetInstance } from './ipc/fleetMessages.ts';
import { startFleet } from './startFleet.ts';
import type { RunningFleet } from './startFleet.ts';
import { waitFor } from '../../test/harness/waitFor.ts';

const ONLY = { riders: 1, trips: 2, drivers: 1, promotions: 1, catalog: 0, pricing: 0, reviews: 0, recommendations: 0, notifications: 0 };
const IDENTITY_SECRET = 'fleet-test-identity-secret-0123456789';
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let fleet: RunningFleet;
const control = async (path: string, init?: { method: string; body?: unknown }): Promise<{ status: number; body: any }> => {
  const response = await fetch(`${fleet.controlUrl}${path}`, init && { method: init.method, body: JSON.stringify(init.body ?? {}) });
  return { status: response.status, body: await response.json() };
};
const addressOf = async (id: string): Promise<string> =>
  ((await control('/instances')).body as FleetInstance[]).find((i) => i.id === id)?.address ?? '';

beforeAll(async () => {
  fleet = await startFleet({ instances: ONLY, stdio: 'ignore', identitySecret: IDENTITY_SECRET });
});
afterAll(() => fleet?.stop());

describe('demo fleet supervisor, end to end', () => {
  it('lists its instance processes with live pids', async () => {
    const { body } = await control('/instances');
    expect(body.map((i: FleetInstance) => i.id).sort()).toEqual(['drivers-1', 'promotions-1', 'riders-1', 'trips-1', 'trips-2']);
    expect(body.find((i: FleetInstance) => i.id === 'drivers-1')).toMatchObject({ service: 'drivers', protocol: 'grpc' });
    expect(body.find((i: FleetInstance) => i.id === 'promotions-1')).toMatchObject({ service: 'promotions', protocol: 'graphql' });
    expect(body.every((i: FleetInstance) => alive(i.pid) && /^127\.0\.0\.1:\d+$/.test(i.address))).toBe(true);
    expect(fleet.instances()).toHaveLength(5);
  });

  it('sets faults per service or instance, and validates them', async () => {
    const riders = await addressOf('riders-1');
    const put = await control('/faults/riders', { method: 'PUT', body: { mode: 'error' } });
    expect(put).toEqual({ status: 200, body: { mode: 'error', instances: { 'riders-1': { mode: 'error' } } } });
    expect((await fetch(`http://${riders}/riders?ids=r-0001`)).status).toBe(500);
    const slowOne = await control('/faults/trips', { method: 'PUT', body: { mode: 'slow', latencyMs: 100, instance: 'trips-2' } });
    expect(slowOne.body).toEqual({ mode: 'mixed', instances: { 'trips-1': { mode: 'ok' }, 'trips-2': { mode: 'slow', latencyMs: 100 } } });
    expect((await control('/faults')).body).toMatchObject({ riders: { mode: 'error' }, trips: { mode: 'mixed' }, drivers: { mode: 'ok' } });
    expect((await control('/faults/riders', { method: 'PUT', body: { mode: 'sleepy' } })).status).toBe(400);
    expect((await control('/faults/riders', { method: 'PUT', body: { mode: 'flaky', rate: 7 } })).body.error.message).toMatch(/rate/);
    expect((await control('/faults/pricing', { method: 'PUT', body: { mode: 'ok' } })).status).toBe(404);
    expect((await control('/faults/riders', { method: 'PUT', body: { mode: 'ok', instance: 'riders-9' } })).status).toBe(404);
    await control('/faults/riders', { method: 'PUT', body: { mode: 'ok' } });
    await control('/faults/trips', { method: 'PUT', body: { mode: 'ok' } });
    expect((await fetch(`http://${riders}/riders?ids=r-0001`)).status).toBe(200);
  });

  it('counts requests per instance (batch = 1, /healthz not counted) and resets them', async () => {
    expect((await control('/stats/reset', { method: 'POST' })).body.services.riders).toEqual({ requests: 0, instances: { 'riders-1': 0 } });
    const riders = await addressOf('riders-1');
    await fetch(`http://${riders}/riders?ids=r-0001,r-0002,r-0003`);
    await fetch(`http://${riders}/riders?ids=r-0004`);
    await fetch(`http://${riders}/healthz`);
    const { body } = await control('/stats');
    expect(body.services.riders).toEqual({ requests: 2, instances: { 'riders-1': 2 } });
    expect(body.services.trips).toEqual({ requests: 0, instances: { 'trips-1': 0, 'trips-2': 0 } });
    await control('/stats/reset', { method: 'POST' });
    expect((await control('/stats')).body.services.riders.requests).toBe(0);
  });

  it('runs promotions as a GraphQL subgraph: identity from IDENTITY_SECRET, a batch counted once, fault control', async () => {
    await control('/stats/reset', { method: 'POST' });
    const promotions = await addressOf('promotions-1');
    const token = await new SignJWT({ client: 'passenger', scope: '' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('r-0001')
      .setAudience('promotions')
      .setIssuer('ride-gateway')
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(IDENTITY_SECRET));
    const query = '{ _entities(representations: [{__typename: "Rider", id: "r-0001"}, {__typename: "Product", id: "p-comfort"}]) { ... on Rider { vouchers { code } } ... on Product { promotion { code } } } }';
    const post = () => fetch(`http://${promotions}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-identity-token': token }, body: JSON.stringify({ query }) });
    const answer = await (await post()).json();
    expect(answer.errors).toBeUndefined();
    expect(answer.data._entities[0].vouchers.length).toBeGreaterThanOrEqual(2);
    expect(answer.data._entities[1].promotion.code).toEqual(expect.any(String));
    expect((await control('/stats')).body.services.promotions).toEqual({ requests: 1, instances: { 'promotions-1': 1 } });
    await control('/faults/promotions', { method: 'PUT', body: { mode: 'error' } });
    expect((await post()).status).toBe(500);
    await control('/faults/promotions', { method: 'PUT', body: { mode: 'ok' } });
    expect((await post()).status).toBe(200);
  });

  it('relays writes to the other instances and replays them to an instance started later', async () => {
    const [one, two] = [await addressOf('trips-1'), await addressOf('trips-2')];
    const created = await (
      await fetch(`http://${one}/trips`, {
        method: 'POST',
        body: JSON.stringify({ riderId: 'r-0001', productId: 'p-comfort', pickup: { lat: 38.72, lng: -9.14 }, dropoff: { lat: 38.74, lng: -9.16 } }),
      })
    ).json();
    const seen = await waitFor(async () => ((await (await fetch(`http://${two}/trips?ids=${created.id}`)).json()) as unknown[])[0]);
    expect(seen).toEqual(created);
    const accepted = await fetch(`http://${two}/trips/${created.id}/accept`, { method: 'POST', body: JSON.stringify({ driverId: 'd-0001' }) });
    expect(accepted.status).toBe(200);
    await waitFor(async () => {
      const [trip] = (await (await fetch(`http://${one}/trips?ids=${created.id}`)).json()) as { status: string }[];
      return trip?.status === 'ACCEPTED' ? trip : undefined;
    });

    const added = await control('/instances/trips', { method: 'POST' });
    expect(added).toMatchObject({ status: 201, body: { id: 'trips-3', service: 'trips' } });
    const [late] = await (await fetch(`http://${added.body.address}/trips?ids=${created.id}`)).json();
    expect(late).toMatchObject({ id: created.id, status: 'ACCEPTED', driverId: 'd-0001' });
  });

  it('stops every instance process on stop()', async () => {
    const pids = ((await control('/instances')).body as FleetInstance[]).map((i) => i.pid);
    await fleet.stop();
    expect(alive(fleet.pid)).toBe(false);
    await waitFor(() => (pids.every((pid) => !alive(pid)) ? true : undefined));
  });
});

describe('demo fleet without its parent', () => {
  it('instances exit when the supervisor dies (their IPC channel closes)', async () => {
    const orphaned = await startFleet({ instances: { ...ONLY, trips: 0, drivers: 0, promotions: 0 }, stdio: 'ignore' });
    const [instance] = orphaned.instances();
    expect(instance && alive(instance.pid)).toBe(true);
    process.kill(orphaned.pid, 'SIGKILL');
    await waitFor(() => (instance && !alive(instance.pid) ? true : undefined), 5_000);
    await orphaned.stop();
  });
});
