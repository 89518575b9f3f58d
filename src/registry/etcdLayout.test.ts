import { describe, expect, it } from 'vitest';
import { registryEnv } from '../demo/envValues.ts';
import { decodeInstance, encodeInstance, formatEtcdUrl, isEtcdUrl, parseEtcdUrl, parseKey } from './etcdLayout.ts';

describe('etcd layout', () => {
  it('formats and parses etcd registry URLs', () => {
    const location = { endpoints: ['http://127.0.0.1:2379', 'http://etcd-2:2379'], prefix: '/ride/services/', leaseTtlSec: 4 };
    const url = formatEtcdUrl(location);
    expect(url).toBe('etcd://127.0.0.1:2379,etcd-2:2379/ride/services/?ttl=4');
    expect(isEtcdUrl(url)).toBe(true);
    expect(isEtcdUrl('http://127.0.0.1:4000')).toBe(false);
    expect(parseEtcdUrl(url)).toEqual(location);
    expect(parseEtcdUrl('etcd://etcd:2379')).toEqual({ endpoints: ['http://etcd:2379'], prefix: '/ride/services/', leaseTtlSec: 10 });
    expect(() => parseEtcdUrl('etcd://etcd')).toThrow(/bad host:port/);
    expect(() => parseEtcdUrl('etcd://etcd:2379/?ttl=0')).toThrow(/ttl/);
  });

  it('keys instances as <prefix><service>/<id> and round-trips them', () => {
    const instance = { service: 'drivers', id: 'drivers-1', address: '127.0.0.1:5001', protocol: 'grpc' as const, zone: 'a', weight: 2, metadata: { v: '1' } };
    expect(decodeInstance('/p/', '/p/drivers/drivers-1', encodeInstance(instance))).toEqual(instance);
    expect(decodeInstance('/p/', '/p/drivers/drivers-1', '{"address":"x:1","protocol":"smtp"}')).toBeUndefined();
    expect(decodeInstance('/p/', '/p/drivers/drivers-1', 'not json')).toBeUndefined();
    expect(parseKey('/p/', '/p/drivers/a/b')).toBeUndefined();
    expect(parseKey('/p/', '/q/drivers/a')).toBeUndefined();
  });

  it('lets the demo fleet register into etcd from REGISTRY_URL or ETCD_ENDPOINTS, without a token', () => {
    expect(registryEnv({ REGISTRY_URL: 'etcd://127.0.0.1:2379' })?.url).toBe('etcd://127.0.0.1:2379');
    expect(registryEnv({ ETCD_ENDPOINTS: 'http://127.0.0.1:2379, 127.0.0.1:2380', ETCD_LEASE_TTL_S: '3' })?.url).toBe(
      'etcd://127.0.0.1:2379,127.0.0.1:2380?ttl=3',
    );
    expect(parseEtcdUrl('etcd://127.0.0.1:2379,127.0.0.1:2380?ttl=3').leaseTtlSec).toBe(3);
    expect(() => registryEnv({ REGISTRY_URL: 'http://127.0.0.1:4000' })).toThrow(/REGISTRY_TOKEN/);
  });
});
