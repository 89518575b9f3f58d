import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryHttpHandler } from './createRegistryHttpHandler.ts';
import { InstanceStore } from './InstanceStore.ts';

const TOKEN = 'test-registry-token';
let server: Server;
let base: string;
let store: InstanceStore;

beforeAll(async () => {
  store = new InstanceStore();
  const handle = createRegistryHttpHandler(store, { token: TOKEN });
  server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end('not mine');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends one request; `token: null` sends no Authorization header. */
async function send(method: string, path: string, options: { body?: string; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, any>) };
}

const registration = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ service: 'riders', id: 'riders-1', address: '127.0.0.1:9001', protocol: 'http', ...overrides });

describe('registry HTTP API', () => {
  it('registers, lists, heartbeats and deregisters an instance', async () => {
    const created = await send('POST', '/registry/v1/instances', {
      body: registration({ zone: 'eu-1', version: '1.2.0', weight: 2, metadata: { build: 'abc' } }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ leaseId: expect.any(String), instanceId: 'riders-1', ttlMs: 15_000, heartbeatIntervalMs: 5_000 });
    const leaseId = created.body?.['leaseId'] as string;

    const all = await send('GET', '/registry/v1/services', { token: null });
    expect(all.status).toBe(200);
    expect(all.body?.['revision']).toBeGreaterThan(0);
    expect(all.body?.['services']['riders']).toEqual([
      { service: 'riders', id: 'riders-1', address: '127.0.0.1:9001', protocol: 'http', zone: 'eu-1', version: '1.2.0', weight: 2, metadata: { build: 'abc' } },
    ]);
    const one = await send('GET', '/registry/v1/services/riders', { token: null });
    expect(one.body).toHaveLength(1);
    expect((await send('GET', '/registry/v1/services/unknown', { token: null })).body).toEqual([]);

    expect(await send('PUT', `/registry/v1/leases/${leaseId}`)).toEqual({ status: 200, body: { ttlMs: 15_000 } });
    expect((await send('DELETE', `/registry/v1/leases/${leaseId}`)).status).toBe(204);
    expect((await send('GET', '/registry/v1/services/riders', { token: null })).body).toEqual([]);

    const gone = await send('PUT', `/registry/v1/leases/${leaseId}`);
    expect(gone.status).toBe(404);
    expect(gone.body?.['error']['code']).toBe('LEASE_NOT_FOUND');
    expect(gone.body?.['error']['message']).toMatch(/register again/i);
  });

  it('answers 401 to writes without the right bearer token', async () => {
    for (const token of [null, 'wrong-token', '']) {
      const post = await send('POST', '/registry/v1/instances', { body: registration(), token });
      expect(post.status).toBe(401);
      expect(post.body?.['error']['code']).toBe('UNAUTHENTICATED');
      expect((await send('PUT', '/registry/v1/leases/x', { token })).status).toBe(401);
      expect((await send('DELETE', '/registry/v1/leases/x', { token })).status).toBe(401);
    }
  });

  it('answers 400 with the reason for bad bodies', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"service": "riders",', /malformed json/i],
      ['', /missing json body/i],
      ['[1, 2]', /json object/i],
      [registration({ service: undefined }), /missing service name/i],
      [registration({ address: 'localhost' }), /malformed address "localhost"/i],
      [registration({ address: 'localhost:99999' }), /malformed address/i],
      [registration({ protocol: 'thrift' }), /unknown protocol "thrift"/i],
      [registration({ weight: 'heavy' }), /invalid weight/i],
    ];
    for (const [body, reason] of cases) {
      const answer = await send('POST', '/registry/v1/instances', { body });
      expect(answer.status, body).toBe(400);
      expect(answer.body?.['error']['code']).toBe('BAD_REQUEST');
      expect(answer.body?.['error']['message']).toMatch(reason);
    }
  });

  it('limits bodies to 16 KB', async () => {
    const answer = await send('POST', '/registry/v1/instances', { body: registration({ metadata: { pad: 'x'.repeat(17_000) } }) });
    expect(answer.status).toBe(413);
    expect(answer.body?.['error']['code']).toBe('PAYLOAD_TOO_LARGE');

    // Chunked, without a declared length.
    const chunk = new TextEncoder().encode('x'.repeat(4_096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${base}/registry/v1/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404/405 under its prefix and leaves other paths alone', async () => {
    expect((await send('GET', '/registry/v1/nothing', { token: null })).status).toBe(404);
    expect((await send('GET', '/registry/v1', { token: null })).status).toBe(404);
    expect((await send('DELETE', '/registry/v1/services', { token: null })).status).toBe(405);
    const other = await fetch(`${base}/registry/v10/services`);
    expect(other.status).toBe(418);
    await other.text();
    expect((await fetch(`${base}/healthz`).then(async (r) => [r.status, await r.text()]))[0]).toBe(418);
  });

  it('refuses an empty token at construction', () => {
    expect(() => createRegistryHttpHandler(store, { token: '' })).toThrow(/token/);
  });
});
