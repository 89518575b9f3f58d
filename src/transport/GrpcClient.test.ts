import { fileURLToPath } from 'node:url';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
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
  const stats: { calls: number; onCall?: () => void } = { calls: 0 };
  const server = new Server();
  server.addService(loadGrpcService(PROTO, SERVICE), {
    GetDrivers(call: ServerUnaryCall<GetDriversRequest, unknown>, callback: sendUnaryData<unknown>) {
      stats.calls += 1;
      stats.onCall?.();
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

/** A GrpcClient for `drivers`, closed after the test. */
function clientFor() {
  const client = new GrpcClient({ service: 'drivers', protoPath: PROTO, serviceName: SERVICE });
  cleanups.push(() => client.close());
  return client;
}

/** One attempt's target: `address`, a deadline `ms` from now, a signal that never aborts unless given. */
const at = (address: string, ms = 2_000, signal: AbortSignal = new AbortController().signal) => ({ address, deadline: Date.now() + ms, signal });

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
describe('GrpcClient', () => {
  it('calls a unary method and decodes the answer (camelCase, enums as strings)', async () => {
    const drivers = await startDrivers('a');
    const client = clientFor();
    const answer = await client.attempt<{ drivers: Array<Record<string, unknown>> }>(getDrivers('d-0001'), at(drivers.address));
    expect(answer.drivers).toEqual([
      {
        id: 'd-0001',
        name: 'Driver d-0001 on a',
        rating: 4.5,
        status: 'AVAILABLE',
        vehicle: { plate: 'AA-00-BB', model: 'Leaf', color: 'white' },
        location: { lat: 38.72, lng: -9.14 },
        // Unset scalars decode as their defaults.
        heading: 0,
        locationAt: '',
      },
    ]);
    expect(client.channelCount).toBe(1);
  });

  it('maps gRPC statuses to error codes naming the service, never an address', async () => {
    const drivers = await startDrivers('a');
    const client = clientFor();
    const expected: Array<[string, string]> = [
      ['missing', 'NOT_FOUND'],
      ['bad', 'BAD_REQUEST'],
      ['boom', 'UPSTREAM_ERROR'],
      ['busy', 'SERVICE_UNAVAILABLE'],
    ];
    for (const [id, code] of expected) {
      const error = await failure(client.attempt(getDrivers(id), at(drivers.address)));
      expect(error.code, id).toBe(code);
      expect(error.service).toBe('drivers');
      expect(error.message).toMatch(/drivers/);
      expect(error.message).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7/);
    }
    expect((await failure(client.attempt(getDrivers('missing'), at(drivers.address)))).message).toBe('drivers: driver missing is unknown');
    expect((await failure(client.attempt({ method: 'NearestDrivers', message: {} }, at(drivers.address)))).code).toBe('UPSTREAM_ERROR');
    expect((await failure(client.attempt({ method: 'Nope', message: {} }, at(drivers.address)))).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('fails fast on a refused address (no waiting for the channel, no retry), naming no address', async () => {
    const dead = await deadAddress();
    const started = Date.now();
    // A generous bound: what matters is that it does not wait for the 60 s deadline.
    const error = await failure(clientFor().attempt(getDrivers('d-0003'), at(dead, 60_000)));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).not.toContain(dead);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('sends the attempt deadline as the gRPC deadline', async () => {
    const drivers = await startDrivers('a');
    const started = Date.now();
    const error = await failure(clientFor().attempt(getDrivers('slow'), at(drivers.address, 400)));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    // The deadline itself is the feature: not before it (less timer rounding), and not long after.
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(400 + 2_000);
  });

  it("cancels the call when its signal aborts, rejecting with the signal's reason", async () => {
    const drivers = await startDrivers('a');
    const controller = new AbortController();
    const reason = new GatewayError('DEADLINE_EXCEEDED', 'drivers did not answer within 400 ms.', { service: 'drivers' });
    // Abort once the server has the call (no timer involved); the server never answers it.
    drivers.stats.onCall = () => controller.abort(reason);
    const error = await failure(clientFor().attempt(getDrivers('slow'), at(drivers.address, 60_000, controller.signal)));
    expect(error).toBe(reason);
  });

  it('closes the channels of addresses no longer retained', async () => {
    const a = await startDrivers('a');
    const b = await startDrivers('b');
    const client = clientFor();
    await client.attempt(getDrivers('d-1'), at(a.address));
    await client.attempt(getDrivers('d-1'), at(b.address));
    expect(client.channelCount).toBe(2);
    client.retain(new Set([b.address]));
    expect(client.channelCount).toBe(1);
    const answer = await client.attempt<{ drivers: Array<{ name: string }> }>(getDrivers('d-1'), at(b.address));
    expect(answer.drivers[0]?.name).toBe('Driver d-1 on b');
    expect(client.channelCount).toBe(1);
  });

  it('uses an instance again soon after it comes back on the same address', async () => {
    const address = await deadAddress();
    const client = clientFor();
    expect((await failure(client.attempt(getDrivers('d-1'), at(address)))).code).toBe('SERVICE_UNAVAILABLE');
    await startDrivers('back', Number(address.split(':')[1]));
    // The channel's reconnect backoff is at most 2 s; 10 s is the generous bound.
    const giveUp = Date.now() + 10_000;
    for (;;) {
      const outcome = await client
        .attempt<{ drivers: Array<{ name: string }> }>(getDrivers('d-1'), at(address))
        .catch((error: unknown) => (error instanceof GatewayError ? error : Promise.reject(error)));
      if (!(outcome instanceof GatewayError)) {
        expect(outcome.drivers[0]?.name).toBe('Driver d-1 on back');
        break;
      }
      expect(outcome.code).toBe('SERVICE_UNAVAILABLE');
      if (Date.now() > giveUp) throw new Error('the instance was not used again within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('fails with SERVICE_UNAVAILABLE once closed', async () => {
    const drivers = await startDrivers('a');
    const client = clientFor();
    client.close();
    expect((await failure(client.attempt(getDrivers('d-1'), at(drivers.address)))).code).toBe('SERVICE_UNAVAILABLE');
  });
});
