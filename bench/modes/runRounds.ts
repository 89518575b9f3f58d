import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import type { LoadGenerator } from '../load/LoadGenerator.ts';
import type { LoadJob } from '../load/LoadJob.ts';
import { loadJobFor } from '../load/loadJobFor.ts';
import type { CallCounter } from '../measure/CallCounter.ts';
import { measure } from '../measure/measure.ts';
import type { Measurement } from '../measure/Measurement.ts';
import type { BenchOperation } from '../operations.ts';
import type { MeasuredOperation, SystemUnderTest } from '../systems/SystemUnderTest.ts';

/** What measuring rounds needs: the load generator, the load of a system and operation, and what counts the calls behind them. */
export interface RoundsEnvironment<Op extends MeasuredOperation> {
  readonly load: LoadGenerator;
  readonly calls?: CallCounter;
  job(system: SystemUnderTest<Op>, operation: Op, connections: number, duration: number): LoadJob;
}

/** The demo fleet's environment as {@link runRounds} sees it: one session per connection, the fleet's call counters. */
export function fleetRounds(env: BenchEnvironment): RoundsEnvironment<BenchOperation> {
  return { load: env.load, calls: env.control, job: (system, operation, connections, duration) => loadJobFor(env, system, operation, connections, duration) };
}

/** One line per measurement on the console. */
export function formatMeasurement(m: Measurement): string {
  const errors = m.socketErrors + m.non2xx + m.errorBodies;
  return [
    `${m.latencyMs}ms r${m.round}`.padEnd(8),
    m.operation.padEnd(24),
    m.system,
    `${m.requestsPerSecond.toFixed(0).padStart(6)} req/s`,
    `p50 ${m.p50.toFixed(1).padStart(6)}`,
    `p99 ${m.p99.toFixed(1).padStart(6)} ms`,
    `cpu ${m.cpuPer1k.toFixed(2).padStart(6)}/${m.cpuPer1kAll.toFixed(2).padStart(6)} s/1k`,
    `rss ${(m.peakRss / 2 ** 20).toFixed(0).padStart(4)}/${(m.peakRssAll / 2 ** 20).toFixed(0).padStart(4)} MB`,
    `calls ${m.callsPerRequest.toFixed(2)}`,
    errors > 0 ? `ERRORS ${m.socketErrors}/${m.non2xx}/${m.errorBodies}` : '',
    m.degradedBodies > 0 ? `DEGRADED ${m.degradedBodies}` : '',
  ].join('  ');
}

/**
 * Warms every system up on every operation (unmeasured), then measures them in alternating
 * rounds: within a round the systems run each operation back to back, and each round rotates
 * which system goes first, so that drift (other load, thermal, GC) hits them alike.
 */
export async function runRounds<Op extends MeasuredOperation>(
  env: RoundsEnvironment<Op>,
  systems: readonly SystemUnderTest<Op>[],
  operations: readonly Op[],
  latencyMs: number,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<Measurement[]> {
  if (options.warmup > 0) {
    log(`service latency ${latencyMs} ms: warming up (${options.warmup} s per system and operation)`);
    for (const operation of operations) {
      for (const system of systems) {
        await env.load.run(env.job(system, operation, options.connections, options.warmup));
      }
    }
  }
  const measurements: Measurement[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const order = systems.map((_, i) => systems[(i + round - 1) % systems.length]!);
    for (const operation of operations) {
      for (const system of order) {
        const m = await measure({
          system,
          operation,
          job: env.job(system, operation, options.connections, options.duration),
          load: env.load,
          ...(env.calls ? { calls: env.calls } : {}),
          latencyMs,
          round,
        });
        measurements.push(m);
        log(formatMeasurement(m));
      }
    }
  }
  return measurements;
}
