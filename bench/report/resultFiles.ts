import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { packageRoot } from '../processes/BenchProcess.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import type { SameDataCheck } from '../checkSameData.ts';
import type { LoadOutcomes } from '../load/LoadJob.ts';
import type { Measurement } from '../measure/Measurement.ts';
import type { MachineInfo } from './machineInfo.ts';

/** Raw results of each mode are kept as JSON here; RESULTS.md is rendered from all of them. */
export const resultsDir = `${packageRoot}bench/results/`;

/** A comparison run (the default mode). */
export interface CompareResults {
  readonly kind: 'compare';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly checks: readonly SameDataCheck[];
  readonly measurements: readonly Measurement[];
}

/** One memory sample of A during a soak (bytes; heap figures 0 when A's /metrics did not answer). */
export interface SoakSample {
  /** Seconds since the load started. */
  readonly at: number;
  readonly rss: number;
  /** V8 heap in use (live objects and garbage not yet collected). */
  readonly heapUsed: number;
  /** V8 heap committed. */
  readonly heapTotal: number;
  /** Memory of JS objects held outside the V8 heap (buffers). */
  readonly external: number;
}

/** A soak run: memory of A sampled under steady load. */
export interface SoakResults {
  readonly kind: 'soak';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly operation: string;
  readonly samples: readonly SoakSample[];
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p99: number;
  readonly errors: number;
}

/** A fault run: every system under the same load with one pricing instance killed and recommendations down. */
export interface FaultResults {
  readonly kind: 'fault';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly killed: string;
  readonly measurements: readonly Measurement[];
}

/** One concurrency level of one goodput round on A. */
export interface GoodputLevel {
  readonly round: number;
  /** Concurrent connections, each sending its next request as soon as the last one was answered. */
  readonly connections: number;
  /** Wall-clock seconds of the load. */
  readonly seconds: number;
  /** Requests sent (answered or in flight at the end) per second. */
  readonly offeredPerSecond: number;
  /** Complete answers (200, no `errors`, no `extensions.degraded`) per second. */
  readonly goodputPerSecond: number;
  /** Every answer by kind, with the latency of complete answers and of 503 refusals. */
  readonly outcomes: LoadOutcomes;
  /** Connection errors and timeouts (no answer at all). */
  readonly socketErrors: number;
  /** A's CPU seconds (user + system) during the level, and the load generator's. */
  readonly gatewayCpuSeconds: number;
  readonly generatorCpuSeconds: number;
  /** A's adaptive in-flight limit before and after the level (`/readyz`); undefined when not shown. */
  readonly limitBefore: number | undefined;
  readonly limitAfter: number | undefined;
}

/** A goodput run: A with its default admission control under rising concurrency. */
export interface GoodputResults {
  readonly kind: 'goodput';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly operation: string;
  /** Extra service latency, ms. */
  readonly latencyMs: number;
  /** A's admission and rate-limit variables during the run. */
  readonly admissionEnv: Readonly<Record<string, string>>;
  readonly levels: readonly GoodputLevel[];
}

/** Client-seen latency of a series of sequential requests, ms. */
export interface TimingStats {
  readonly samples: number;
  readonly median: number;
  readonly p99: number;
}

/** How long A took to refuse one hostile document, against `{ __typename }` timed alongside it. */
export interface RefusalTiming {
  readonly name: string;
  readonly client: string;
  readonly anonymous: boolean;
  /** The refusal code the document must get. */
  readonly code: string;
  /** Size of the request body, bytes. */
  readonly bodyBytes: number;
  /** What the operation guard remembers of this refusal by the document's text. */
  readonly cached: string;
  /** A new text each time (a unique `# n` comment appended): parsed and checked from scratch. */
  readonly firstSeen: TimingStats;
  /** The same text each time: the guard's cache. */
  readonly repeated: TimingStats;
  /** `{ query: "{ __typename }" }` on /web/graphql, anonymous, interleaved with this document's requests. */
  readonly baseline: TimingStats;
  /** Medians divided by the baseline's median. */
  readonly firstSeenRatio: number;
  readonly repeatedRatio: number;
  /** Answers that were not the expected refusal (another status or code), and the first of them. */
  readonly unexpected: number;
  readonly unexpectedExample?: string;
}

/** A refusal-timing run: every hostile document of test/harness/hostileDocuments.ts on A. */
export interface RefusalResults {
  readonly kind: 'refusals';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  /** Every baseline sample of the run together. */
  readonly baseline: TimingStats;
  readonly documents: readonly RefusalTiming[];
}

/** A plain-mode run: this gateway in plain federation mode (P) against B and C on the fleet's screens. */
export interface PlainResults {
  readonly kind: 'plain';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly checks: readonly SameDataCheck[];
  readonly measurements: readonly Measurement[];
}

/** A run of the public gateways benchmark's workload through P, B and C (latency = the subgraphs' delay, ms). */
export interface GatewaysBenchmarkResults {
  readonly kind: 'gateways-benchmark';
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly checks: readonly SameDataCheck[];
  readonly measurements: readonly Measurement[];
}

export type AnyResults = CompareResults | SoakResults | FaultResults | GoodputResults | RefusalResults | PlainResults | GatewaysBenchmarkResults;

/** Saves one mode's results (replacing that mode's last run). */
export function saveResults(results: AnyResults): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}${results.kind}.json`, `${JSON.stringify(results, null, 1)}\n`);
}

/** The last saved results of a mode, if any. */
export function loadResults<K extends AnyResults['kind']>(kind: K): Extract<AnyResults, { kind: K }> | undefined {
  const file = `${resultsDir}${kind}.json`;
  if (!existsSync(file)) return undefined;
  const results = JSON.parse(readFileSync(file, 'utf8')) as AnyResults;
  if (results.kind === 'soak') {
    // Soak runs saved before the heap gauges kept `[at, rss]` pairs.
    const samples = (results.samples as unknown[]).map((s) =>
      Array.isArray(s) ? { at: Number(s[0]), rss: Number(s[1]), heapUsed: 0, heapTotal: 0, external: 0 } : (s as SoakSample),
    );
    return { ...results, samples } as unknown as Extract<AnyResults, { kind: K }>;
  }
  return results as Extract<AnyResults, { kind: K }>;
}
