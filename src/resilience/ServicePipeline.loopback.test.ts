/**
 * The pipeline on the path production takes: real REST and gRPC transports, real servers on
 * loopback, real timers. A refused connection sends a read to the other instance; a write is
 * never retried; a silent instance is cut off at the attempt timeout.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server as GrpcServer, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { Discovery, InstanceStore, RoundRobinPicker } from '../registry/index.ts';
import { createRestAgent, GrpcClient, loadGrpcService, RestClient, type Transport } from '../transport/index.ts';
import { ServicePipeline } from './ServicePipeline.ts';
import { loopbackDeadline, loopbackPolicy } from '../../test/harness/loopbackPolicy.ts';

const policy = loopbackPolicy();
const deadline = loopbackDeadline;
const PROTO = fileURLToPath(new URL('../../schemas/proto/drivers.proto', import.meta.url));
const DRIVERS = 'ride.drivers.v1.DriversService';

const agent = createRestAgent();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => agent.close());

/** An address nothing listens on (connections are refused). */
async function deadAddress(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `127.0.0.1:${port}`;
}

/** A loopback HTTP instance answering `{"ok": true}` (or never, with `silent`); counts requests. */
async function restInstance(silent = false) {
  const stats = { requests: 0 };
  const server: Server = createServer((_req, res) => {
    stats.requests += 1;
    if (!silent) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, stats };
}

/** A loopback gRPC drivers instance; counts calls. */
async function grpcInstance() {
  const stats = { calls: 0 };
  const server = new GrpcServer();
  server.addService(loadGrpcService(PROTO, DRIVERS), {
    GetDrivers(call: ServerUnaryCall<{ ids: string[] }, unknown>, callback: sendUnaryData<unknown>) {
      stats.calls += 1;
      callback(null, { drivers: call.request.ids.map((id) => ({ id, name: `Driver ${id}` })) });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  cleanups.push(() => server.forceShutdown());
  return { address: `127.0.0.1:${port}`, stats };
}

/** `transport`'s service over `addresses`, picked in the order given (round robin). */
function pipelineFor<Req>(transport: Transport<Req>, addresses: readonly string[]) {
  const store = new InstanceStore();
  addresses.forEach((address, index) =>
    store.register({ service: transport.service, id: `${transport.service}-${index + 1}`, address, protocol: transport.protocol }),
  );
  const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
  const pipeline = new ServicePipeline({ transport, discovery, policy, deadline, onBreakerState: () => undefined });
  cleanups.push(() => pipeline.close());
  return pipeline;
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('ServicePipeline over real transports', () => {
  it('REST: a refused read is retried on the other instance; a refused write is not', async () => {
    const live = await restInstance();
    const dead = await deadAddress();
    const rest = new RestClient({ service: 'riders', dispatcher: agent });
    await expect(pipelineFor(rest, [dead, live.address]).call({ method: 'GET', path: '/riders' }, { deadline: Date.now() + 2_000, idempotent: true })).resolves.toEqual({
      ok: true,
    });
    expect(live.stats.requests).toBe(1);

    const error = await failure(
      pipelineFor(rest, [dead, live.address]).call({ method: 'POST', path: '/riders', body: {} }, { deadline: Date.now() + 2_000, idempotent: false }),
    );
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).not.toContain(dead);
    expect(live.stats.requests).toBe(1);
  });

  it('gRPC: a refused read is retried on the other instance; a refused write is not', async () => {
    const live = await grpcInstance();
    const dead = await deadAddress();
    const grpc = new GrpcClient({ service: 'drivers', protoPath: PROTO, serviceName: DRIVERS });
    cleanups.push(() => grpc.close());
    const request = { method: 'GetDrivers', message: { ids: ['d-1'] } };
    const answer = await pipelineFor(grpc, [dead, live.address]).call<{ drivers: Array<{ name: string }> }>(request, {
      deadline: Date.now() + 5_000,
      idempotent: true,
    });
    expect(answer.drivers[0]?.name).toBe('Driver d-1');
    expect(live.stats.calls).toBe(1);

    expect((await failure(pipelineFor(grpc, [dead, live.address]).call(request, { deadline: Date.now() + 5_000, idempotent: false }))).code).toBe(
      'SERVICE_UNAVAILABLE',
    );
    expect(live.stats.calls).toBe(1);
  });

  it('cuts a silent instance off at the attempt timeout and says DEADLINE_EXCEEDED', async () => {
    const silent = await restInstance(true);
    const rest = new RestClient({ service: 'riders', dispatcher: agent });
    const started = Date.now();
    const error = await failure(pipelineFor(rest, [silent.address]).call({ method: 'GET', path: '/riders' }, { deadline: started + 450, idempotent: true }));
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.message).toMatch(/riders/);
    // The attempt gets 450 − 50 ms margin; the bound is generous (a busy machine fires timers late).
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(450 + 2_000);
  });
});
