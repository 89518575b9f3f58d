import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { AdmissionMetrics } from './AdmissionMetrics.ts';

describe('AdmissionMetrics', () => {
  it('reads the gauges at scrape time, counts refusals by client and reason or scope, and leaves out the gauges of parts that are off', async () => {
    const registry = new Registry();
    let inFlight = 3;
    const metrics = new AdmissionMetrics(registry, { limit: () => 17, inFlight: () => inFlight, eventLoopP99Ms: () => 12, rateLimitStoreHealthy: () => undefined });
    metrics.shed('passenger', 'in_flight');
    metrics.shed('passenger', 'in_flight');
    metrics.rateLimited('web', 'address');
    inFlight = 5;
    const text = await registry.metrics();
    expect(text).toMatch(/^bff_admission_limit 17$/m);
    expect(text).toMatch(/^bff_admission_in_flight 5$/m);
    expect(text).toMatch(/^bff_event_loop_delay_p99_seconds 0.012$/m);
    expect(text).toMatch(/^bff_admission_shed_total\{client="passenger",reason="in_flight"\} 2$/m);
    expect(text).toMatch(/^bff_rate_limited_total\{client="web",scope="address"\} 1$/m);
    expect(text).not.toMatch(/bff_rate_limit_store_healthy/);
  });
});
