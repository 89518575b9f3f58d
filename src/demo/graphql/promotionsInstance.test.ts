import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, identityEnv } from '../envValues.ts';
import { runInstance } from '../instance/runInstance.ts';
import type { RunningInstance } from '../instance/runInstance.ts';

/** A stand-in registry that records registrations (the contract of src/registry/README.md). */
const registrations: unknown[] = [];
const registry = createServer((req, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString()));
  req.on('end', () => {
    if (req.method === 'POST') {
      const body = JSON.parse(text) as { id: string };
      registrations.push(body);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ leaseId: 'lease-1', instanceId: body.id, ttlMs: 15_000, heartbeatIntervalMs: 60_000 }));
    } else {
      res.writeHead(req.method === 'DELETE' ? 204 : 200).end();
    }
  });
});

const identity = identityEnv({ IDENTITY_SECRET: 'test-identity-secret-0123456789-abcdef' }, false);
let production: RunningInstance;
let demo: RunningInstance;
const logged: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  const common = { service: 'promotions' as const, host: '127.0.0.1', advertiseHost: '127.0.0.1', registry: { url, token: 'secret' }, log: (line: string) => void logged.push(line) };
  production = await runInstance({ ...common, instanceId: 'promotions-1', identity });
  demo = await runInstance({ ...common, instanceId: 'promotions-2', recordRequests: 5 });
});
afterAll(async () => {
  await production.stop(0);
  await demo.stop(0);
  await new Promise<void>((resolve) => registry.close(() => resolve()));
});

describe('a promotions instance', () => {
  it('registers with protocol graphql and the path it serves GraphQL at', () => {
    expect(registrations).toContainEqual({ service: 'promotions', id: 'promotions-1', address: production.address, protocol: 'graphql', metadata: { path: '/graphql' } });
  });

  it('serves GraphQL there', async () => {
    const response = await fetch(`http://${production.address}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _entities(representations: [{__typename: "Product", id: "p-comfort"}]) { ... on Product { promotion { code } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { _entities: [{ promotion: { code: expect.any(String) } }] } });
  });

  it('keeps requests for /debug/last-requests only when asked to (demo mode)', async () => {
    expect((await fetch(`http://${production.address}/debug/last-requests`)).status).toBe(404);
    expect((await fetch(`http://${demo.address}/debug/last-requests`)).status).toBe(200);
  });

  it('says at start when it has no key to verify identity tokens with', () => {
    expect(logged).toEqual([expect.stringMatching(/^\[demo promotions-2\] no IDENTITY_SECRET or IDENTITY_JWKS_URL/)]);
  });
});

describe('identityEnv', () => {
  it('takes the JWKS URL over the secret, and the issuer', () => {
    expect(identityEnv({ IDENTITY_JWKS_URL: 'http://gw:4000/.well-known/jwks.json', IDENTITY_SECRET: 'x'.repeat(32), IDENTITY_ISSUER: 'gw' }, true)).toEqual({
      key: { kind: 'jwks', url: 'http://gw:4000/.well-known/jwks.json' },
      issuer: 'gw',
      clockToleranceSec: 30,
    });
    expect(identityEnv({}, false)).toEqual({ key: undefined, issuer: 'ride-gateway', clockToleranceSec: 30 });
  });

  it('refuses a short secret (without printing it), a bad URL, and no key in production', () => {
    expect(() => identityEnv({ IDENTITY_SECRET: 'short-secret' }, false)).toThrow(new EnvError('IDENTITY_SECRET must be at least 32 characters; got 12'));
    expect(() => identityEnv({ IDENTITY_JWKS_URL: 'jwks.json' }, false)).toThrow(/IDENTITY_JWKS_URL must be an absolute http\(s\) URL/);
    expect(() => identityEnv({}, true)).toThrow(/IDENTITY_JWKS_URL \(or IDENTITY_SECRET\) is required in production/);
  });
});
