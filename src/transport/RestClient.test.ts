import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
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

/** A RestClient for `riders`, with a clock when given. */
function clientFor(now?: () => number) {
  return new RestClient({ service: 'riders', dispatcher: agent, ...(now === undefined ? {} : { now }) });
}

/** One attempt's target: `address`, a deadline `ms` from now, a signal that never aborts unless given. */
const at = (address: string, ms = 2_000, signal: AbortSignal = new AbortController().signal) => ({ address, deadline: Date.now() + ms, signal });

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

describe('RestClient', () => {
  it('sends JSON with the time to the attempt deadline in x-deadline-ms and parses the answer, reusing connections', async () => {
    const seen: Array<{ url?: string; deadline?: string; body: string; method?: string }> = [];
    const service = await startService((req, res, body) => {
      seen.push({ url: req.url, deadline: req.headers['x-deadline-ms'] as string, body, method: req.method });
      json(res, req.method === 'POST' ? 201 : 200, [{ id: 'r-0001', name: 'Ana' }]);
    });
    // A clock that stands still: the header is exactly the deadline minus now.
    const now = 1_700_000_000_000;
    const client = clientFor(() => now);
    const target = { address: service.address, deadline: now + 900, signal: new AbortController().signal };
    const riders = await client.attempt<Array<{ id: string }>>({ method: 'GET', path: '/riders', query: { ids: 'r-0001,r-0002', first: 5 } }, target);
    expect(riders).toEqual([{ id: 'r-0001', name: 'Ana' }]);
    expect(seen[0]?.url).toBe('/riders?ids=r-0001%2Cr-0002&first=5');
    expect(seen[0]?.deadline).toBe('900');

    await client.attempt({ method: 'POST', path: '/riders', body: { name: 'Rui' } }, target);
    expect(seen[1]).toMatchObject({ method: 'POST', body: '{"name":"Rui"}' });
    for (let i = 0; i < 5; i += 1) await client.attempt({ method: 'GET', path: '/riders' }, target);
    // Keep-alive: 7 requests over at most 2 connections (undici may open a second one when a call
    // is dispatched in the same tick as the previous answer completes).
    expect(service.stats.requests).toBe(7);
    expect(service.stats.connections).toBeLessThanOrEqual(2);
  });

  it('resolves undefined for an empty answer', async () => {
    const service = await startService((_req, res) => res.writeHead(204).end());
    await expect(clientFor().attempt({ method: 'DELETE', path: '/riders/r-1' }, at(service.address))).resolves.toBeUndefined();
  });

  it('maps statuses to error codes naming the service, never an address', async () => {
    const service = await startService((req, res) => {
      const status = Number(req.url?.slice(1));
      json(res, status, { error: { code: 'X', message: `upstream says ${status}` } });
    });
    const client = clientFor();
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
      const error = await failure(client.attempt({ method: 'GET', path: `/${status}` }, at(service.address)));
      expect(error.code, String(status)).toBe(code);
      expect(error.service).toBe('riders');
      expect(error.message).toMatch(/riders/);
      expect(error.message).not.toContain('127.0.0.1');
    }
    expect((await failure(client.attempt({ method: 'GET', path: '/409' }, at(service.address)))).message).toBe('riders: upstream says 409');
  });

  it('makes one attempt: a refused connection is SERVICE_UNAVAILABLE, without naming the address', async () => {
    const dead = await deadAddress();
    const error = await failure(clientFor().attempt({ method: 'GET', path: '/riders' }, at(dead)));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).not.toContain(dead);
  });

  it('does not retry: a server error reaches the service once', async () => {
    let calls = 0;
    const failing = await startService((_req, res) => {
      calls += 1;
      json(res, 503, {});
    });
    expect((await failure(clientFor().attempt({ method: 'GET', path: '/' }, at(failing.address)))).code).toBe('SERVICE_UNAVAILABLE');
    expect(calls).toBe(1);
  });

  it('maps a connection reset before the answer to SERVICE_UNAVAILABLE', async () => {
    const service = await startService((req) => req.socket.destroy());
    const error = await failure(clientFor().attempt({ method: 'GET', path: '/riders' }, at(service.address)));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it("stops when its signal aborts, rejecting with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new GatewayError('DEADLINE_EXCEEDED', 'riders did not answer within 400 ms.', { service: 'riders' });
    // The service never answers; the signal aborts once the request has arrived (no timer involved).
    const service = await startService(() => controller.abort(reason));
    const error = await failure(clientFor().attempt({ method: 'GET', path: '/riders' }, at(service.address, 60_000, controller.signal)));
    expect(error).toBe(reason);
  });

  it('rejects at once with a signal already aborted, sending nothing', async () => {
    const service = await startService((_req, res) => json(res, 200, {}));
    const controller = new AbortController();
    const reason = new GatewayError('DEADLINE_EXCEEDED', 'cancelled', { service: 'riders' });
    controller.abort(reason);
    expect(await failure(clientFor().attempt({ method: 'GET', path: '/riders' }, at(service.address, 2_000, controller.signal)))).toBe(reason);
    expect(service.stats.requests).toBe(0);
  });
});
