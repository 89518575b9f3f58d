/** Degraded answers: the markers fields with a fallback emit, and their move from `errors` to `extensions.degraded`. */
export { collapseDegraded, type CollapsedDegradedEntry } from './collapseDegraded.ts';
export { DegradationSink, degradedMarker, type Degradation } from './DegradationSink.ts';
export type { DegradedEntry, DegradedFallback } from './DegradedEntry.ts';
export { DEGRADED_CODE, isDegradedMarker, markerExtensions } from './degradedMarker.ts';
export { degradedPlugin } from './degradedPlugin.ts';
export { fallbackCodes, upstreamFailure } from './fallbackCodes.ts';
