import { describe, expect, it } from 'vitest';
import { InstanceStore, RoundRobinPicker, type InstancePicker } from '../registry/index.ts';
import { Discovery } from './Discovery.ts';

describe('Discovery', () => {
  it('resolves instances from the current snapshot, cached until it changes', () => {
    const store = new InstanceStore();
    store.register({ service: 'pricing', id: 'pricing-1', address: '127.0.0.1:1', protocol: 'grpc' });
    store.register({ service: 'pricing', id: 'pricing-2', address: '127.0.0.1:2', protocol: 'http' });
    const discovery = new Discovery(store);
    const grpc = discovery.instances('pricing', 'grpc');
    expect(grpc.map((item) => item.id)).toEqual(['pricing-1']);
    expect(discovery.instances('pricing', 'grpc')).toBe(grpc);
    expect(discovery.instances('pricing')).toHaveLength(2);
    expect(discovery.instances('unknown')).toEqual([]);

    store.register({ service: 'pricing', id: 'pricing-3', address: '127.0.0.1:3', protocol: 'grpc' });
    expect(discovery.instances('pricing', 'grpc').map((item) => item.id)).toEqual(['pricing-1', 'pricing-3']);
  });

  it('keeps one picker per service and picks with it', () => {
    const store = new InstanceStore();
    store.register({ service: 'riders', id: 'riders-1', address: '127.0.0.1:1', protocol: 'http' });
    store.register({ service: 'riders', id: 'riders-2', address: '127.0.0.1:2', protocol: 'http' });
    const made: string[] = [];
    const discovery = new Discovery(store, {
      createPicker: (service): InstancePicker => {
        made.push(service);
        return new RoundRobinPicker();
      },
    });
    expect([1, 2, 3].map(() => discovery.pick('riders', 'http')?.id)).toEqual(['riders-1', 'riders-2', 'riders-1']);
    expect(discovery.pick('riders', 'http', new Set(['riders-1', 'riders-2']))).toBeUndefined();
    expect(discovery.pick('riders', 'grpc')).toBeUndefined();
    expect(made).toEqual(['riders']);
  });
});
