import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './loadConfig.ts';

describe('events config', () => {
  it('defaults to the local RabbitMQ', () => {
    expect(loadConfig({}).events).toEqual({ amqpUrl: 'amqp://guest:guest@127.0.0.1:5672' });
  });

  it('takes an amqp(s) URL, and off or empty turns live events off', () => {
    expect(loadConfig({ AMQP_URL: 'amqps://u:p@broker:5671/vh' }).events.amqpUrl).toBe('amqps://u:p@broker:5671/vh');
    expect(loadConfig({ AMQP_URL: 'off' }).events.amqpUrl).toBeUndefined();
    expect(loadConfig({ AMQP_URL: '' }).events.amqpUrl).toBeUndefined();
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ AMQP_URL: 'http://broker' })).toThrow(ConfigError);
    expect(() => loadConfig({ AMQP_URL: 'http://broker' })).toThrow(/AMQP_URL/);
  });
});
