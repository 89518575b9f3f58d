/**
 * The caller's faults count against nothing: upstream answers the request caused (HTTP 400, 404,
 * 413, 414, 422, 431; gRPC INVALID_ARGUMENT, NOT_FOUND, OUT_OF_RANGE, ALREADY_EXISTS,
 * FAILED_PRECONDITION) neither open a service's breaker nor eject an instance, and are never
 * retried; a server error still does both. Real servers on loopback, real timers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server as GrpcServer, ServerCredentials, status as GrpcStatus, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { Discovery, InstanceStore, OutlierDetector, RoundRobinPicker } from '../registry/index.ts';
import { createRestAgent, GrpcClient, loadGrpcService, RestClient, type Transport } from '../transport/index.ts';
import { ServicePipeline } from './ServicePipeline.ts';
import { loopbackDeadline, loopbackPolicy } from '../../test/harness/loopbackPolicy.ts';

/** A breaker that opens after 5 calls in the window with half of them failing; retries allowed. */
const policy = loopbackPolicy({ breakerMinCalls: 5 });
const deadline = loopbackDeadline;
/** Two failures in a row eject an instance. */
const CONSECUTIVE_FAILURES = 2;
const PROTO = fileURLToPath(new URL('../../schemas/proto/drivers.proto', import.meta.url));
const DRIVERS = 'ride.drivers.v1.DriversService';

const agent = createRestAgent();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => agent.close());

/** `service` over two instances (round robin), through its call pipeline and an outlier detector. */
function stack<Req>(service: string, addresses: readonly string[], protocol: 'http' | 'grpc', transport: Transport<Req>) {
  const store = new InstanceStore();
  addresses.forEach((address, index) => store.register({ service, id: `${service}-${index + 1}`, address, protocol }));
  const outliers = new OutlierDetector({ consecutiveFailures: CONSECUTIVE_FAILURES });
  const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker(), outlierDetector: outliers });
  const client = new ServicePipeline({ transport, discovery, policy, deadline, onBreakerState: () => undefined });
  cleanups.push(() => client.close());
  return {
    client,
    breaker: () => client.breakerState,
    ejected: () => discovery.view()[service]?.ejected ?? [],
  };
}

/** Two loopback HTTP instances answering `/<status>` with that status; counts requests. */
async function restService() {
  const stats = { requests: 0 };
  const addresses: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const server: Server = createServer((req, res) => {
      stats.requests += 1;
      const status = Number(/^\/(\d{3})/.exec(req.url ?? '')?.[1] ?? 200);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'X', message: `said ${status}` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())));
    addresses.push(`127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const built = stack('catalog', addresses, 'http', new RestClient({ service: 'catalog', dispatcher: agent }));
  return { ...built, stats };
}

/** Two loopback gRPC drivers instances failing `GetDrivers` with the status named by the first id. */
async function grpcService() {
  const stats = { calls: 0 };
  const addresses: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const server = new GrpcServer();
    server.addService(loadGrpcService(PROTO, DRIVERS), {
      GetDrivers(call: ServerUnaryCall<{ ids: string[] }, unknown>, callback: sendUnaryData<unknown>) {
        stats.calls += 1;
        const code = GrpcStatus[call.request.ids[0] as keyof typeof GrpcStatus];
        callback({ code, details: `said ${call.request.ids[0]}` });
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    cleanups.push(() => server.forceShutdown());
    addresses.push(`127.0.0.1:${port}`);
  }
  const transport = new GrpcClient({ service: 'drivers', protoPath: PROTO, serviceName: DRIVERS });
  cleanups.push(() => transport.close());
  const built = stack('drivers', addresses, 'grpc', transport);
  return { ...built, stats };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

const read = () => ({ deadline: Date.now() + 2_000, idempotent: true });
const CALLS = 10;

describe('client faults', () => {
  it('REST 400/404/413/414/422/431, many times: breaker closed, no instance ejected, never retried', async () => {
    const catalog = await restService();
    const expected: Array<[number, string]> = [
      [400, 'BAD_REQUEST'],
      [404, 'NOT_FOUND'],
      [413, 'UPSTREAM_REJECTED_REQUEST'],
      [414, 'UPSTREAM_REJECTED_REQUEST'],
      [422, 'BAD_REQUEST'],
      [431, 'UPSTREAM_REJECTED_REQUEST'],
    ];
    let calls = 0;
    for (const [status, code] of expected) {
      for (let i = 0; i < CALLS; i += 1) {
        const error = await failure(catalog.client.call({ method: 'GET', path: `/${status}` }, read()));
        expect(error.code, String(status)).toBe(code);
        calls += 1;
      }
    }
    // Each answered once: never retried.
    expect(catalog.stats.requests).toBe(calls);
    // A real oversized URL: Node's HTTP server refuses a 20 KB request line itself, with 431
    // (before any handler runs).
    for (let i = 0; i < CALLS; i += 1) {
      const error = await failure(catalog.client.call({ method: 'GET', path: '/products', query: { ids: 'x'.repeat(20_000) } }, read()));
      expect(error.code).toBe('UPSTREAM_REJECTED_REQUEST');
      expect(error.message).toBe('catalog answered HTTP 431.');
    }
    expect(catalog.breaker()).toBe('closed');
    expect(catalog.ejected()).toEqual([]);
    // Still healthy and reachable on both instances.
    await expect(catalog.client.call({ method: 'GET', path: '/200' }, read())).resolves.toBeDefined();
  });

  it('REST 500 still counts: the breaker opens and an instance is ejected', async () => {
    const catalog = await restService();
    const codes = new Set<string>();
    for (let i = 0; i < CALLS; i += 1) codes.add((await failure(catalog.client.call({ method: 'GET', path: '/500' }, read()))).code);
    expect(codes).toEqual(new Set(['UPSTREAM_ERROR', 'CIRCUIT_OPEN']));
    expect(catalog.breaker()).toBe('open');
    expect(catalog.ejected()).toHaveLength(1);
    // Opened after breakerMinCalls: later calls never reached the service.
    expect(catalog.stats.requests).toBe(policy.breakerMinCalls);
  });

  it('gRPC INVALID_ARGUMENT/NOT_FOUND/OUT_OF_RANGE/ALREADY_EXISTS/FAILED_PRECONDITION: breaker closed, nothing ejected; INTERNAL counts', async () => {
    const drivers = await grpcService();
    const statuses = ['INVALID_ARGUMENT', 'NOT_FOUND', 'OUT_OF_RANGE', 'ALREADY_EXISTS', 'FAILED_PRECONDITION'];
    for (const status of statuses) {
      for (let i = 0; i < CALLS; i += 1) {
        const error = await failure(drivers.client.call({ method: 'GetDrivers', message: { ids: [status] } }, read()));
        expect(error.blame, status).toBe('client');
      }
    }
    expect(drivers.stats.calls).toBe(statuses.length * CALLS);
    expect(drivers.breaker()).toBe('closed');
    expect(drivers.ejected()).toEqual([]);

    for (let i = 0; i < CALLS; i += 1) await failure(drivers.client.call({ method: 'GetDrivers', message: { ids: ['INTERNAL'] } }, read()));
    expect(drivers.breaker()).toBe('open');
    expect(drivers.ejected()).toHaveLength(1);
  });
});
