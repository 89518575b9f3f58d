import type { SystemId } from '../systems/SystemUnderTest.ts';

/** One system serving one operation for one stretch of steady load. */
export interface Measurement {
  readonly system: SystemId;
  readonly operation: string;
  /** Extra service latency during it, ms. */
  readonly latencyMs: number;
  readonly round: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  /** CPU seconds per 1 000 requests of the gateway process(es). */
  readonly cpuPer1k: number;
  /** CPU seconds per 1 000 requests of every process of the system (B, C: gateway + subgraph servers). */
  readonly cpuPer1kAll: number;
  /** Peak RSS during it, bytes: the gateway process, and all the system's processes together. */
  readonly peakRss: number;
  readonly peakRssAll: number;
  /** Service calls that reached the fleet, per request, in total and per service. */
  readonly callsPerRequest: number;
  readonly callsByService: Readonly<Record<string, number>>;
  /** Socket errors and timeouts, non-2xx answers, and 2xx answers carrying GraphQL errors. */
  readonly socketErrors: number;
  readonly non2xx: number;
  readonly errorBodies: number;
  /** 2xx answers with a degraded part (a fallback served instead of fresh data). */
  readonly degradedBodies: number;
}
