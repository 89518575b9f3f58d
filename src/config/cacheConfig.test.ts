import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './loadConfig.ts';

describe('automatic persisted queries settings', () => {
  it('are on for every client by default, bounded by text size, entries and TTL', () => {
    const { apq } = loadConfig({}).cache;
    expect(apq).toEqual({ enabled: { passenger: true, driver: true, web: true }, maxQueryBytes: 16_384, maxEntries: 5_000, ttlMs: 86_400_000 });
  });

  it('APQ_<CLIENT> wins over APQ', () => {
    const { apq } = loadConfig({ APQ: 'off', APQ_WEB: 'on', APQ_MAX_ENTRIES: '10' }).cache;
    expect(apq.enabled).toEqual({ passenger: false, driver: false, web: true });
    expect(apq.maxEntries).toBe(10);
  });

  it('refuses a value that is not on or off, naming the variable', () => {
    expect(() => loadConfig({ APQ_DRIVER: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ APQ_DRIVER: 'maybe' })).toThrow(/APQ_DRIVER/);
  });
});
