import { describe, expect, it } from 'vitest';
import { degradedPlugin } from './degradedPlugin.ts';
import { formatError } from '../server/formatError.ts';

describe('degradedPlugin', () => {
  it('moves DEGRADED markers (kept by formatError) to extensions.degraded and leaves real errors', async () => {
    const marker = formatError({
      message: 'Product.price served its cache fallback.',
      path: ['products', 3, 'price'],
      extensions: { code: 'DEGRADED', serviceName: 'pricing', degraded: { service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache', extra: 'x' } },
    });
    expect(marker.extensions).toEqual({ code: 'DEGRADED', degraded: { service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache' } });
    const nullMarker = formatError({ message: 'm', path: ['me'], extensions: { code: 'DEGRADED', degraded: { service: 'riders', reason: 'UPSTREAM_ERROR', fallback: 'null' } } });
    const real = formatError({ message: 'riders answered with an error.', path: ['me'], extensions: { code: 'UPSTREAM_ERROR', service: 'riders', stacktrace: ['at x'] } });
    const singleResult: { data: unknown; errors?: unknown[]; extensions?: Record<string, unknown> } = { data: {}, errors: [marker, real, nullMarker] };
    const listener = await degradedPlugin().requestDidStart!({} as never);
    await listener!.willSendResponse!({ response: { body: { kind: 'single', singleResult } } } as never);
    expect(singleResult.errors).toEqual([{ message: 'riders answered with an error.', path: ['me'], extensions: { code: 'UPSTREAM_ERROR', service: 'riders' } }]);
    expect(singleResult.extensions).toEqual({
      degraded: [
        { path: ['products', 3, 'price'], service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache' },
        { path: ['me'], service: 'riders', reason: 'UPSTREAM_ERROR', fallback: 'null' },
      ],
    });

    const onlyMarkers: typeof singleResult = { data: {}, errors: [marker] };
    await listener!.willSendResponse!({ response: { body: { kind: 'single', singleResult: onlyMarkers } } } as never);
    expect('errors' in onlyMarkers).toBe(false);
  });
});
