import type { Measurement } from '../measure/Measurement.ts';
import type { SystemId } from '../systems/SystemUnderTest.ts';
import { median } from './median.ts';

/** Measurements of one system, operation and latency, in round order. */
export function series(measurements: readonly Measurement[], system: SystemId, operation: string, latencyMs: number): Measurement[] {
  return measurements.filter((m) => m.system === system && m.operation === operation && m.latencyMs === latencyMs).sort((a, b) => a.round - b.round);
}

/**
 * The median over rounds of the per-round ratio `pickA(a's measurement) / pickB(b's)`: both from
 * the same round, so under the same conditions. NaN when no round has both.
 */
export function perRoundRatio(
  measurements: readonly Measurement[],
  a: SystemId,
  b: SystemId,
  operation: string,
  latencyMs: number,
  pickA: (m: Measurement) => number,
  pickB: (m: Measurement) => number = pickA,
): number {
  const left = series(measurements, a, operation, latencyMs);
  const right = new Map(series(measurements, b, operation, latencyMs).map((m) => [m.round, m]));
  return median(
    left.flatMap((m) => {
      const other = right.get(m.round);
      return other ? [pickA(m) / pickB(other)] : [];
    }),
  );
}

/** The median of `pick` over some measurements. */
export function medianOf(ms: readonly Measurement[], pick: (m: Measurement) => number): number {
  return median(ms.map(pick));
}

/** The operations measured (at `latencyMs`, when given), in the order they ran. */
export function operationsOf(measurements: readonly Measurement[], latencyMs?: number): string[] {
  return [...new Set(measurements.filter((m) => latencyMs === undefined || m.latencyMs === latencyMs).map((m) => m.operation))];
}

/** The latencies measured, in the order they ran. */
export function latenciesOf(measurements: readonly Measurement[]): number[] {
  return [...new Set(measurements.map((m) => m.latencyMs))];
}
