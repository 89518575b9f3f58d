import { describe, expect, it } from 'vitest';
import { loadConfig } from './loadConfig.ts';
import { resilienceEnvShape } from './resilienceConfig.ts';
import { parseServiceCatalog, serviceCatalog, serviceNames } from './serviceCatalog.ts';

const rest = { protocol: 'rest', idempotentReads: true };
const parse = (services: Record<string, unknown>) => parseServiceCatalog({ services }, 'test.json');

describe('service catalog (schemas/services.json)', () => {
  it('lists every service with its protocol, proto, policy overrides and affinity key', () => {
    expect(serviceNames).toEqual(['riders', 'trips', 'catalog', 'reviews', 'recommendations', 'notifications', 'promotions', 'drivers', 'pricing']);
    const pricing = serviceCatalog.find((entry) => entry.name === 'pricing');
    expect(pricing).toEqual({
      name: 'pricing',
      protocol: 'grpc',
      grpc: { protoFile: 'pricing.proto', service: 'ride.pricing.v1.PricingService' },
      policy: { attemptCapMs: 800 },
      affinityKey: 'productIds',
      idempotentReads: true,
    });
    expect(serviceCatalog.filter((entry) => entry.protocol === 'grpc').map((entry) => entry.name)).toEqual(['drivers', 'pricing']);
    expect(Object.isFrozen(serviceCatalog)).toBe(true);
  });

  it('derives the per-service variables and defaults of the config', () => {
    for (const service of serviceNames) expect(resilienceEnvShape).toHaveProperty(`ATTEMPT_TIMEOUT_MS_${service.toUpperCase()}`);
    const { services } = loadConfig({}).resilience;
    expect(Object.keys(services)).toEqual(serviceNames);
    expect(Object.fromEntries(serviceNames.map((name) => [name, services[name].attemptCapMs]))).toEqual({
      riders: 400,
      trips: 1_000,
      catalog: 1_000,
      reviews: 1_000,
      recommendations: 400,
      notifications: 1_000,
      promotions: 400,
      drivers: 400,
      pricing: 800,
    });
  });

  it('reads a minimal entry with no overrides', () => {
    expect(parse({ fares: rest })).toEqual([{ name: 'fares', protocol: 'rest', grpc: undefined, policy: {}, affinityKey: undefined, idempotentReads: true }]);
  });

  it('names the entry and what is wrong with it', () => {
    expect(() => parse({ fares: { ...rest, protocol: 'soap' } })).toThrow(/test\.json: services\.fares\.protocol: /);
    expect(() => parse({ fares: { protocol: 'grpc', idempotentReads: true } })).toThrow(/services\.fares\.grpc: a grpc service needs/);
    expect(() => parse({ fares: { ...rest, grpc: { protoFile: 'fares.proto', service: 'ride.Fares' } } })).toThrow(/services\.fares\.grpc: /);
    expect(() => parse({ fares: { ...rest, policy: { attemptCapMs: 9_000 } } })).toThrow(/services\.fares\.policy\.attemptCapMs: /);
    expect(() => parse({ fares: { ...rest, policy: { attemptCap: 400 } } })).toThrow(/services\.fares\.policy: .*attemptCap/);
    expect(() => parse({ fares: { protocol: 'rest' } })).toThrow(/services\.fares\.idempotentReads: /);
    expect(() => parse({ 'Fares-2': rest })).toThrow(/services\.Fares-2: a service name is lower case/);
    expect(() => parse({})).toThrow(/lists no service/);
    expect(() => parseServiceCatalog([], 'test.json')).toThrow(/test\.json: \(root\)/);
  });
});
