import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { packageRoot } from '../processes/BenchProcess.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import type { SameDataCheck } from '../checkSameData.ts';
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

export type AnyResults = CompareResults | SoakResults | FaultResults;

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
