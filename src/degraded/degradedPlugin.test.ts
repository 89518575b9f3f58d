import { describe, expect, it } from 'vitest';
import { degradedPlugin } from './degradedPlugin.ts';
import { markerExtensions } from './degradedMarker.ts';

describe('degradedPlugin', () => {
  it('moves DEGRADED markers (as the edge formats them) to extensions.degraded and leaves real errors', async () => {
    const marked = (message: string, path: (string | number)[], degraded: Record<string, string>) => ({ message, path, extensions: { code: 'DEGRADED', ...markerExtensions('DEGRADED', { degraded }) } });
    const marker = marked('Product.price served its cache fallback.', ['products', 3, 'price'], { service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache', extra: 'x' });
    expect(marker.extensions).toEqual({ code: 'DEGRADED', degraded: { service: 'pricing', reason: 'CIRCUIT_OPEN', fallback: 'cache' } });
    const nullMarker = marked('m', ['me'], { service: 'riders', reason: 'UPSTREAM_ERROR', fallback: 'null' });
    const real = { message: 'riders answered with an error.', path: ['me'], extensions: { code: 'UPSTREAM_ERROR', service: 'riders' } };
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
