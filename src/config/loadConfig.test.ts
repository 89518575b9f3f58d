import { describe, expect, it } from 'vitest';
import { ConfigError, demoSecrets, loadConfig } from './loadConfig.ts';

describe('loadConfig', () => {
  it('runs on demo defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'demo', port: 4000, introspection: true, playground: true, demo: { fleet: true } });
    expect(config.deadlineMs).toEqual({ passenger: 1000, driver: 1000, web: 1000 });
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it('names the variable and the value it rejects', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DEADLINE_MS: '9000' })).toThrow(/DEADLINE_MS="9000"/);
    expect(() => loadConfig({ FLEET_INSTANCES: 'drivers:3' })).toThrow(ConfigError);
  });

  it('refuses production without real secrets, and turns demo conveniences off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_JWKS_URL and REGISTRY_TOKEN and IDENTITY_SIGNING_KEY_FILE/);
    // Remote subgraphs' identity tokens: an asymmetric key outside demo mode, never the demo HS256 secret.
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), REGISTRY_TOKEN: 'y'.repeat(16), IDENTITY_SECRET: 'z'.repeat(32) })).toThrow(/IDENTITY_SIGNING_KEY_FILE/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), REGISTRY_TOKEN: 'y'.repeat(16), IDENTITY_SIGNING_KEY_FILE: '/etc/gateway/identity.pem' });
    expect(config.identity).toEqual({ issuer: 'ride-gateway', ttlSec: 60, signingKeyFile: '/etc/gateway/identity.pem', secret: undefined });
    expect(loadConfig({}).identity.secret).toBe(demoSecrets.identitySecret);
    expect(() => loadConfig({ IDENTITY_TOKEN_TTL_SEC: '3600' })).toThrow(/IDENTITY_TOKEN_TTL_SEC/);
    expect(config).toMatchObject({ mode: 'production', introspection: false, playground: false, demo: { fleet: false } });
  });

  it('takes a per-client deadline over the default', () => {
    expect(loadConfig({ DEADLINE_MS: '800', DEADLINE_MS_WEB: '2000' }).deadlineMs).toEqual({ passenger: 800, driver: 800, web: 2000 });
  });

  it('waits 10 s for a whole request by default (BODY_TIMEOUT_MS), at most 300 s', () => {
    expect(loadConfig({}).bodyTimeoutMs).toBe(10_000);
    expect(loadConfig({ BODY_TIMEOUT_MS: '1500' }).bodyTimeoutMs).toBe(1_500);
    expect(() => loadConfig({ BODY_TIMEOUT_MS: '0' })).toThrow(/BODY_TIMEOUT_MS="0"/);
    expect(() => loadConfig({ BODY_TIMEOUT_MS: '600000' })).toThrow(/BODY_TIMEOUT_MS="600000"/);
  });

  it('plain federation mode with SUPERGRAPH_FILE: no fleet, its audience, forwarded headers, the common limits', () => {
    expect(loadConfig({}).plain).toBeUndefined();
    const config = loadConfig({ SUPERGRAPH_FILE: 'supergraph.graphql', FORWARD_HEADERS: 'Authorization, accept-language', DEADLINE_MS: '2500', MAX_DEPTH: '12' });
    expect(config.demo.fleet).toBe(false);
    expect(config.plain).toEqual({
      supergraphFile: `${process.cwd()}/supergraph.graphql`,
      audience: 'ride-bff:plain',
      forwardHeaders: ['authorization', 'accept-language'],
      deadlineMs: 2500,
      pollIntervalMs: 1000,
      debounceMs: 100,
      assumedListSize: 5,
    });
    expect(config.limits.plain).toMatchObject({ maxDepth: 12, maxCost: 5000 });
    expect(loadConfig({ SUPERGRAPH_FILE: '/srv/s.graphql', PLAIN_AUDIENCE: 'api.example.org' }).plain).toMatchObject({ supergraphFile: '/srv/s.graphql', audience: 'api.example.org', forwardHeaders: [] });
  });

  it('refuses a plain mode that cannot be: a demo fleet asked for, a header that cannot be forwarded', () => {
    expect(() => loadConfig({ SUPERGRAPH_FILE: 's.graphql', DEMO_FLEET: 'true' })).toThrow(/DEMO_FLEET="true": plain federation mode \(SUPERGRAPH_FILE\) runs no demo fleet/);
    expect(() => loadConfig({ SUPERGRAPH_FILE: 's.graphql', FORWARD_HEADERS: 'authorization,content-length' })).toThrow(/FORWARD_HEADERS="authorization,content-length": "content-length" belongs to one connection/);
    expect(() => loadConfig({ SUPERGRAPH_FILE: 's.graphql', FORWARD_HEADERS: 'x a' })).toThrow(/"x a" is not a header name/);
    expect(() => loadConfig({ SUPERGRAPH_FILE: ' ' })).toThrow(/SUPERGRAPH_FILE=" ": must be the path of a supergraph file/);
  });
});
