import { describe, expect, it } from 'vitest';
import { formatError } from './formatError.ts';

describe('formatError', () => {
  it('keeps a DEGRADED marker’s documented degradation (for src/degraded to move) and drops everything internal', () => {
    const marker = formatError({
      message: 'Product.price served its cache fallback.',
      path: ['products', 3, 'price'],
      extensions: { code: 'DEGRADED', serviceName: 'pricing', degraded: { service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache', extra: 'x' } },
    });
    expect(marker.extensions).toEqual({ code: 'DEGRADED', degraded: { service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache' } });
    const real = formatError({ message: 'riders answered with an error.', path: ['me'], extensions: { code: 'UPSTREAM_ERROR', service: 'riders', stacktrace: ['at x'], degraded: { service: 'x' } } });
    expect(real).toEqual({ message: 'riders answered with an error.', path: ['me'], extensions: { code: 'UPSTREAM_ERROR', service: 'riders' } });
  });
});
