import { fileURLToPath } from 'node:url';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { InstanceStore, RoundRobinPicker } from '../registry/index.ts';
import { Discovery } from './Discovery.ts';
import { GrpcClient } from './GrpcClient.ts';
import { loadGrpcService } from './loadGrpcService.ts';

const PROTO = fileURLToPath(new URL('../../schemas/proto/drivers.proto', import.meta.url));
const SERVICE = 'ride.drivers.v1.DriversService';
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface GetDriversRequest {
  ids: string[];
}

/** A real grpc-js drivers server on loopback; special ids trigger failures. */
async function startDrivers(name: string, port = 0) {
  const stats = { calls: 0 };
  const server = new Server();
  server.addService(loadGrpcService(PROTO, SERVICE), {
    GetDrivers(call: ServerUnaryCall<GetDriversRequest, unknown>, callback: sendUnaryData<unknown>) {
      stats.calls += 1;
      const ids = call.request.ids;
      if (ids.includes('slow')) return;
      if (ids.includes('missing')) return callback({ code: status.NOT_FOUND, details: 'driver missing is unknown' });
      if (ids.includes('bad')) return callback({ code: status.INVALID_ARGUMENT, details: 'ids must not contain "bad"' });
      if (ids.includes('boom')) return callback({ code: status.INTERNAL, details: 'panic at 10.0.0.7:5000' });
      if (ids.includes('busy')) return callback({ code: status.UNAVAILABLE, details: 'draining' });
      callback(null, {
        drivers: ids.map((id) => ({
          id,
          name: `Driver ${id} on ${name}`,
          rating: 4.5,
          status: 'AVAILABLE',
          vehicle: { plate: 'AA-00-BB', model: 'Leaf', color: 'white' },
          location: { lat: 38.72, lng: -9.14 },
        })),
      });
    },
    NearestDrivers(_call: unknown, callback: sendUnaryData<unknown>) {
      callback({ code: status.UNIMPLEMENTED });
    },
    UpdateLocation(_call: unknown, callback: sendUnaryData<unknown>) {
      callback({ code: status.UNIMPLEMENTED });
    },
  });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  cleanups.push(() => server.forceShutdown());
  return { address: `127.0.0.1:${bound}`, stats };
}

async function deadAddress(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `127.0.0.1:${port}`;
}

/** A GrpcClient for `drivers` over the given addresses, picked in id order (round robin). */
function clientFor(addresses: string[]) {
  const store = new InstanceStore();
  const leases = addresses.map((address, index) =>
    store.register({ service: 'drivers', id: `drivers-${index + 1}`, address, protocol: 'grpc' }),
  );
  const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
  const client = new GrpcClient({ service: 'drivers', protoPath: PROTO, serviceName: SERVICE, discovery });
  cleanups.push(() => client.close());
  return { client, store, leases };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

const getDrivers = (...ids: string[]) => ({ method: 'GetDrivers', message: { ids } });
const soon = (ms = 2_000, idempotent = true) => ({ deadline: Date.now() + ms, idempotent });

describe('GrpcClient', () => {
  it('calls a unary method and decodes the answer (camelCase, enums as strings)', async () => {
    const drivers = await startDrivers('a');
    const { client } = clientFor([drivers.address]);
    const answer = await client.call<{ drivers: Array<Record<string, unknown>> }>(getDrivers('d-0001'), soon());
    expect(answer.drivers).toEqual([
      {
        id: 'd-0001',
        name: 'Driver d-0001 on a',
        rating: 4.5,
        status: 'AVAILABLE',
        vehicle: { plate: 'AA-00-BB', model: 'Leaf', color: 'white' },
        location: { lat: 38.72, lng: -9.14 },
      },
    ]);
    expect(client.channelCount).toBe(1);
  });

  it('maps gRPC statuses to error codes naming the service, never an address', async () => {
    const drivers = await startDrivers('a');
    const { client } = clientFor([drivers.address]);
    const expected: Array<[string, string]> = [
      ['missing', 'NOT_FOUND'],
      ['bad', 'BAD_REQUEST'],
      ['boom', 'UPSTREAM_ERROR'],
      ['busy', 'SERVICE_UNAVAILABLE'],
    ];
    for (const [id, code] of expected) {
      const error = await failure(client.call(getDrivers(id), soon()));
      expect(error.code, id).toBe(code);
      expect(error.service).toBe('drivers');
      expect(error.message).toMatch(/drivers/);
      expect(error.message).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7/);
    }
    expect((await failure(client.call(getDrivers('missing'), soon()))).message).toBe('drivers: driver missing is unknown');
    expect((await failure(client.call({ method: 'NearestDrivers', message: {} }, soon()))).code).toBe('UPSTREAM_ERROR');
    expect((await failure(client.call({ method: 'Nope', message: {} }, soon()))).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('fails fast on a refused address and retries a read on the live instance', async () => {
    const live = await startDrivers('live');
    const dead = await deadAddress();
    const { client } = clientFor([dead, live.address]);
    const started = Date.now();
    const answer = await client.call<{ drivers: Array<{ name: string }> }>(getDrivers('d-0002'), soon(5_000));
    expect(answer.drivers[0]?.name).toBe('Driver d-0002 on live');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(live.stats.calls).toBe(1);
  });

  it('never retries a non-idempotent call, and fails it fast', async () => {
    const live = await startDrivers('live');
    const dead = await deadAddress();
    const { client } = clientFor([dead, live.address]);
    const started = Date.now();
    const error = await failure(client.call(getDrivers('d-0003'), soon(5_000, false)));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).not.toContain(dead);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(live.stats.calls).toBe(0);
  });

  it('gives up at the deadline when the service never answers', async () => {
    const drivers = await startDrivers('a');
    const { client } = clientFor([drivers.address]);
    const started = Date.now();
    const error = await failure(client.call(getDrivers('slow'), { deadline: started + 400, idempotent: true }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(400 + 250);
  });

  it('cancels the call when the caller aborts', async () => {
    const drivers = await startDrivers('a');
    const { client } = clientFor([drivers.address]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await failure(client.call(getDrivers('slow'), { deadline: started + 5_000, idempotent: true, signal: controller.signal }));
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('closes the channel of an instance that leaves the snapshot', async () => {
    const a = await startDrivers('a');
    const b = await startDrivers('b');
    const { client, store, leases } = clientFor([a.address, b.address]);
    await client.call(getDrivers('d-1'), soon());
    await client.call(getDrivers('d-1'), soon());
    expect(client.channelCount).toBe(2);
    store.deregister(leases[0]?.leaseId ?? '');
    expect(client.channelCount).toBe(1);
    const answer = await client.call<{ drivers: Array<{ name: string }> }>(getDrivers('d-1'), soon());
    expect(answer.drivers[0]?.name).toBe('Driver d-1 on b');
  });

  it('uses an instance again soon after it comes back on the same address', async () => {
    const address = await deadAddress();
    const { client } = clientFor([address]);
    expect((await failure(client.call(getDrivers('d-1'), soon()))).code).toBe('SERVICE_UNAVAILABLE');
    await startDrivers('back', Number(address.split(':')[1]));
    const giveUp = Date.now() + 5_000;
    for (;;) {
      const outcome = await client
        .call<{ drivers: Array<{ name: string }> }>(getDrivers('d-1'), soon())
        .catch((error: unknown) => (error instanceof GatewayError ? error : Promise.reject(error)));
      if (!(outcome instanceof GatewayError)) {
        expect(outcome.drivers[0]?.name).toBe('Driver d-1 on back');
        break;
      }
      expect(outcome.code).toBe('SERVICE_UNAVAILABLE');
      if (Date.now() > giveUp) throw new Error('the instance was not used again within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('answers NO_INSTANCES without instances', async () => {
    const { client } = clientFor([]);
    expect((await failure(client.call(getDrivers('d-1'), soon()))).code).toBe('NO_INSTANCES');
  });
});
