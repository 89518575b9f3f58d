import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { InstanceStore, RoundRobinPicker } from '../registry/index.ts';
import { Discovery } from './Discovery.ts';
import { createRestAgent, RestClient } from './RestClient.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const agent = createRestAgent();
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => agent.close());

/** A loopback HTTP server; counts requests and TCP connections. */
async function startService(handler: Handler) {
  const stats = { requests: 0, connections: 0 };
  const server: Server = createServer((req, res) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', () => {
    stats.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  );
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, stats };
}

/** An address nothing listens on (connections are refused). */
async function deadAddress(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `127.0.0.1:${port}`;
}

/** A RestClient for `riders` over the given addresses, picked in id order (round robin). */
function clientFor(addresses: string[], now?: () => number) {
  const store = new InstanceStore();
  addresses.forEach((address, index) => store.register({ service: 'riders', id: `riders-${index + 1}`, address, protocol: 'http' }));
  const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker() });
  return new RestClient({ service: 'riders', discovery, dispatcher: agent, ...(now === undefined ? {} : { now }) });
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

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

const soon = (ms = 2_000) => ({ deadline: Date.now() + ms, idempotent: true });

describe('RestClient', () => {
  it('sends JSON with the remaining budget and parses the answer, reusing connections', async () => {
    const seen: Array<{ url?: string; deadline?: string; body: string; method?: string }> = [];
    const service = await startService((req, res, body) => {
      seen.push({ url: req.url, deadline: req.headers['x-deadline-ms'] as string, body, method: req.method });
      json(res, req.method === 'POST' ? 201 : 200, [{ id: 'r-0001', name: 'Ana' }]);
    });
    const client = clientFor([service.address]);
    const riders = await client.call<Array<{ id: string }>>({ method: 'GET', path: '/riders', query: { ids: 'r-0001,r-0002', first: 5 } }, soon(900));
    expect(riders).toEqual([{ id: 'r-0001', name: 'Ana' }]);
    expect(seen[0]?.url).toBe('/riders?ids=r-0001%2Cr-0002&first=5');
    const budget = Number(seen[0]?.deadline);
    expect(budget).toBeGreaterThan(500);
    expect(budget).toBeLessThanOrEqual(900);

    await client.call({ method: 'POST', path: '/riders', body: { name: 'Rui' } }, { deadline: Date.now() + 1_000, idempotent: false });
    expect(seen[1]).toMatchObject({ method: 'POST', body: '{"name":"Rui"}' });
    for (let i = 0; i < 5; i += 1) await client.call({ method: 'GET', path: '/riders' }, soon());
    // Keep-alive: 7 requests over at most 2 connections (undici may open a second one when a call
    // is dispatched in the same tick as the previous answer completes).
    expect(service.stats.requests).toBe(7);
    expect(service.stats.connections).toBeLessThanOrEqual(2);
  });

  it('resolves undefined for an empty answer', async () => {
    const service = await startService((_req, res) => res.writeHead(204).end());
    await expect(clientFor([service.address]).call({ method: 'DELETE', path: '/riders/r-1' }, soon())).resolves.toBeUndefined();
  });

  it('maps statuses to error codes naming the service, never an address', async () => {
    const service = await startService((req, res) => {
      const status = Number(req.url?.slice(1));
      json(res, status, { error: { code: 'X', message: `upstream says ${status}` } });
    });
    const client = clientFor([service.address]);
    const expected: Array<[number, string]> = [
      [400, 'BAD_REQUEST'],
      [404, 'NOT_FOUND'],
      [409, 'CONFLICT'],
      [500, 'UPSTREAM_ERROR'],
      [502, 'UPSTREAM_ERROR'],
      [503, 'SERVICE_UNAVAILABLE'],
      [401, 'UPSTREAM_ERROR'],
    ];
    for (const [status, code] of expected) {
      const error = await failure(client.call({ method: 'GET', path: `/${status}` }, soon()));
      expect(error.code, String(status)).toBe(code);
      expect(error.service).toBe('riders');
      expect(error.message).toMatch(/riders/);
      expect(error.message).not.toContain('127.0.0.1');
    }
    expect((await failure(client.call({ method: 'GET', path: '/409' }, soon()))).message).toBe('riders: upstream says 409');
  });

  it('answers NO_INSTANCES when the service has no live instance', async () => {
    const error = await failure(clientFor([]).call({ method: 'GET', path: '/riders' }, soon()));
    expect(error.code).toBe('NO_INSTANCES');
    expect(error.message).toMatch(/riders/);
  });

  it('retries a refused GET once on another instance, but never a POST', async () => {
    const live = await startService((_req, res) => json(res, 200, { ok: true }));
    const dead = await deadAddress();

    const client = clientFor([dead, live.address]);
    await expect(client.call({ method: 'GET', path: '/riders' }, soon())).resolves.toEqual({ ok: true });
    expect(live.stats.requests).toBe(1);

    const writer = clientFor([dead, live.address]);
    const error = await failure(writer.call({ method: 'POST', path: '/riders', body: {} }, { deadline: Date.now() + 2_000, idempotent: false }));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).not.toContain(dead);
    expect(live.stats.requests).toBe(1);
  });

  it('does not retry when less than 100 ms remain, nor on a non-retryable error', async () => {
    let calls = 0;
    const failing = await startService((_req, res) => {
      calls += 1;
      json(res, 500, {});
    });
    const live = await startService((_req, res) => json(res, 200, { ok: true }));
    expect((await failure(clientFor([failing.address, live.address]).call({ method: 'GET', path: '/' }, soon()))).code).toBe('UPSTREAM_ERROR');
    expect(live.stats.requests).toBe(0);

    // A clock that says only 50 ms are left once the first attempt has failed.
    const deadline = Date.now() + 2_000;
    const readings = [deadline - 2_000, deadline - 50];
    const hurried = clientFor([await deadAddress(), live.address], () => readings.shift() ?? deadline - 50);
    const error = await failure(hurried.call({ method: 'GET', path: '/' }, { deadline, idempotent: true }));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(live.stats.requests).toBe(0);
    expect(calls).toBe(1);
  });

  it('maps a connection reset before the answer to SERVICE_UNAVAILABLE', async () => {
    const service = await startService((req) => req.socket.destroy());
    const error = await failure(clientFor([service.address]).call({ method: 'GET', path: '/riders' }, soon()));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('gives up at the deadline when the service never answers', async () => {
    const service = await startService(() => undefined);
    const started = Date.now();
    const error = await failure(clientFor([service.address]).call({ method: 'GET', path: '/riders' }, { deadline: started + 400, idempotent: true }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.message).toMatch(/riders/);
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(400 + 250);
  });

  it('stops when the caller aborts', async () => {
    const service = await startService(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await failure(
      clientFor([service.address]).call({ method: 'GET', path: '/riders' }, { deadline: Date.now() + 5_000, idempotent: true, signal: controller.signal }),
    );
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.message).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
