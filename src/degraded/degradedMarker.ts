import type { GraphQLFormattedError } from 'graphql';

/** The code of the marker errors that carry degradations to the edge (never shown to clients as errors). */
export const DEGRADED_CODE = 'DEGRADED';

/** Whether `error` is a marker ({@link DEGRADED_CODE}) rather than an error the client should see. */
export function isDegradedMarker(error: GraphQLFormattedError): boolean {
  return error.extensions?.code === DEGRADED_CODE;
}

/**
 * The extensions a marker keeps through the edge's error formatter (`code` is set by the caller):
 * only the documented fields of its degradation (`service`, `reason`, `fallback`) as strings, so
 * {@link degradedPlugin} can list it. Empty for any other error.
 */
export function markerExtensions(code: string, extensions: Readonly<Record<string, unknown>>): { degraded?: Record<string, string> } {
  const degraded = extensions.degraded;
  if (code !== DEGRADED_CODE || typeof degraded !== 'object' || degraded === null) return {};
  const { service, reason, fallback } = degraded as Record<string, unknown>;
  return { degraded: { service: String(service), reason: String(reason), fallback: String(fallback) } };
}
