import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceMessage, SupervisorMessage } from '../ipc/instanceMessages.ts';
import { createSeed } from '../seed/createSeed.ts';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { runInstance } from './runInstance.ts';
import type { RunningInstance } from './runInstance.ts';

/** A stand-in registry that records what instances send (the contract of src/registry/README.md). */
const registryCalls: { method: string; url: string; auth: string | undefined; body: unknown }[] = [];
const registry = createServer((req, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString()));
  req.on('end', () => {
    const body = text === '' ? undefined : (JSON.parse(text) as { id?: string });
    registryCalls.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
    if (req.method === 'POST') {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ leaseId: 'lease-1', instanceId: body?.id, ttlMs: 15_000, heartbeatIntervalMs: 60_000 }));
    } else {
      res.writeHead(req.method === 'DELETE' ? 204 : 200);
      res.end();
    }
  });
});

/** The supervisor's side of the channel, driven by the test. */
const sent: InstanceMessage[] = [];
let deliver: (message: SupervisorMessage) => void = () => {};
const channel = {
  send: (message: InstanceMessage) => void sent.push(message),
  onMessage: (listener: (message: SupervisorMessage) => void) => void (deliver = listener),
};
const reply = (requestId: number) => waitFor(() => sent.find((m) => m.type === 'reply' && m.requestId === requestId));

const seededTrip = createSeed().trips[0];
const replayedTrip = { ...seededTrip!, id: 't-trips-1-000001', status: 'REQUESTED' as const, driverId: null };
let instance: RunningInstance;

beforeAll(async () => {
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  const started = runInstance(
    { service: 'trips', instanceId: 'trips-2', host: '127.0.0.1', advertiseHost: '127.0.0.1', registry: { url: registryUrl, token: 'secret' }, log: () => {} },
    channel,
  );
  await waitFor(() => sent.find((m) => m.type === 'booting'));
  deliver({ type: 'replay', writes: [{ kind: 'trip.created', trip: replayedTrip }] });
  instance = await started;
});
afterAll(() => new Promise<void>((resolve) => registry.close(() => resolve())));

describe('runInstance', () => {
  it('replays the write log before it listens, then registers and reports ready', async () => {
    expect(sent.map((m) => m.type)).toEqual(['booting', 'ready']);
    expect(sent[1]).toEqual({ type: 'ready', address: `127.0.0.1:${instance.port}`, port: instance.port, protocol: 'http' });
    expect(registryCalls[0]).toEqual({
      method: 'POST',
      url: '/registry/v1/instances',
      auth: 'Bearer secret',
      body: { service: 'trips', id: 'trips-2', address: instance.address, protocol: 'http' },
    });
    const trips = await (await fetch(`http://${instance.address}/trips?ids=${replayedTrip.id}`)).json();
    expect(trips).toEqual([replayedTrip]);
  });

  it('applies relayed writes and publishes its own', async () => {
    deliver({ type: 'write', write: { kind: 'trip.accepted', tripId: replayedTrip.id, driverId: 'd-0003', atMs: 5, by: 'trips-1' } });
    const [trip] = await (await fetch(`http://${instance.address}/trips?ids=${replayedTrip.id}`)).json();
    expect(trip).toMatchObject({ status: 'ACCEPTED', driverId: 'd-0003' });
    const response = await fetch(`http://${instance.address}/trips`, {
      method: 'POST',
      body: JSON.stringify({ riderId: 'r-0005', productId: 'p-pet', pickup: { lat: 38.7, lng: -9.1 }, dropoff: { lat: 38.71, lng: -9.1 } }),
    });
    expect(response.status).toBe(201);
    expect(sent.at(-1)).toMatchObject({ type: 'write', write: { kind: 'trip.created', trip: { id: 't-trips-2-000001', riderId: 'r-0005' } } });
  });

  it('answers stats, resets them, and applies faults on request', async () => {
    deliver({ type: 'getStats', requestId: 1 });
    expect(await reply(1)).toEqual({ type: 'reply', requestId: 1, requests: 3 });
    deliver({ type: 'resetStats', requestId: 2 });
    expect(await reply(2)).toMatchObject({ requests: 0 });
    deliver({ type: 'setFault', requestId: 3, fault: { mode: 'down' } });
    await reply(3);
    await expect(fetch(`http://${instance.address}/healthz`)).rejects.toThrow();
    deliver({ type: 'setFault', requestId: 4, fault: { mode: 'ok' } });
    await reply(4);
    expect((await fetch(`http://${instance.address}/healthz`)).status).toBe(200);
  });

  it('deregisters on stop', async () => {
    await instance.stop(0);
    expect(registryCalls.at(-1)).toMatchObject({ method: 'DELETE', url: '/registry/v1/leases/lease-1', auth: 'Bearer secret' });
  });
});
