import { describe, expect, it } from 'vitest';
import { parseDiscoveryEnv } from './discoveryConfig.ts';
import { ConfigError, loadConfig } from './loadConfig.ts';

describe('discovery configuration', () => {
  it('defaults: embedded registry, P2C everywhere, Envoy-like outlier detection with 34 % and panic at 50 %', () => {
    const config = loadConfig({}).discovery;
    expect(config).toEqual({
      etcd: undefined,
      staticInstances: [],
      zone: undefined,
      lbPolicy: 'p2c',
      lbPolicies: {},
      outlier: { consecutiveFailures: 5, baseEjectionMs: 30_000, maxEjectionMs: 300_000, maxEjectionPercent: 34, panicThresholdPercent: 50 },
    });
  });

  it('reads etcd, per-service policies, the zone and outlier times', () => {
    const config = loadConfig({
      ETCD_ENDPOINTS: '127.0.0.1:2379, https://etcd-2:2379',
      ETCD_LEASE_TTL_S: '4',
      LB_POLICY: 'round_robin',
      LB_POLICY_PRICING: 'consistent-hash',
      LB_POLICY_DRIVERS: 'P2C',
      GATEWAY_ZONE: 'eu-west-1a',
      OUTLIER_BASE_EJECTION_MS: '500',
      OUTLIER_CONSECUTIVE_FAILURES: '3',
    }).discovery;
    expect(config.etcd).toEqual({ endpoints: ['http://127.0.0.1:2379', 'https://etcd-2:2379'], prefix: '/ride/services/', leaseTtlSec: 4 });
    expect(config.lbPolicy).toBe('round_robin');
    expect(config.lbPolicies).toEqual({ pricing: 'consistent_hash', drivers: 'p2c' });
    expect(config.zone).toBe('eu-west-1a');
    expect(config.outlier).toMatchObject({ baseEjectionMs: 500, consecutiveFailures: 3, maxEjectionMs: 300_000 });
  });

  it('takes third-party instances from a file and from STATIC_INSTANCES, with ids and never-evicted metadata', () => {
    const files: Record<string, string> = {
      '/etc/ride/static.json': JSON.stringify([{ service: 'legacy-billing', address: 'billing.internal:8080', protocol: 'http', zone: 'a' }]),
    };
    const result = parseDiscoveryEnv(
      { REGISTRY_STATIC_FILE: '/etc/ride/static.json', STATIC_INSTANCES: '[{"service":"legacy-billing","address":"10.0.0.2:8080","protocol":"http","id":"billing-b","weight":2}]' },
      (path) => files[path] ?? '',
    );
    expect(result.ok && result.config.staticInstances).toEqual([
      { service: 'legacy-billing', id: 'legacy-billing-static-1', address: 'billing.internal:8080', protocol: 'http', zone: 'a', weight: 1, metadata: { source: 'static' } },
      { service: 'legacy-billing', id: 'billing-b', address: '10.0.0.2:8080', protocol: 'http', weight: 2, metadata: { source: 'static' } },
    ]);
  });

  it('names every bad variable and its value', () => {
    const attempt = (env: NodeJS.ProcessEnv) => () => loadConfig(env);
    expect(attempt({ LB_POLICY: 'random' })).toThrow(/LB_POLICY="random": must be one of p2c, round_robin, consistent_hash/);
    expect(attempt({ LB_POLICY_DRIVERS: 'fastest' })).toThrow(/LB_POLICY_DRIVERS="fastest"/);
    expect(attempt({ ETCD_ENDPOINTS: 'etcd://x' })).toThrow(/ETCD_ENDPOINTS="etcd:\/\/x"/);
    expect(attempt({ ETCD_ENDPOINTS: '127.0.0.1:2379', REGISTRY_URL: 'http://127.0.0.1:4200' })).toThrow(/cannot be combined/);
    expect(attempt({ OUTLIER_MAX_EJECTION_PERCENT: '150' })).toThrow(/OUTLIER_MAX_EJECTION_PERCENT="150"/);
    expect(attempt({ STATIC_INSTANCES: '[{"service":"x","address":"nowhere","protocol":"http"}]' })).toThrow(/STATIC_INSTANCES=.*\[0\]: Malformed address "nowhere"/);
    expect(attempt({ STATIC_INSTANCES: '{}' })).toThrow(ConfigError);
    expect(attempt({ REGISTRY_STATIC_FILE: '/nonexistent/static.json' })).toThrow(/REGISTRY_STATIC_FILE=.*ENOENT/);
  });
});
