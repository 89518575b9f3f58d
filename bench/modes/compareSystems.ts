import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import { checkSameData } from '../checkSameData.ts';
import type { Measurement } from '../measure/Measurement.ts';
import type { BenchOperation } from '../operations.ts';
import { machineInfo } from '../report/machineInfo.ts';
import type { CompareResults } from '../report/resultFiles.ts';
import { fleetRounds, runRounds } from './runRounds.ts';

/**
 * The default mode: checks that the systems answer the same data, then for each service latency
 * measures them all in alternating rounds (the first:50 and first:200 variants at the first
 * latency only).
 */
export async function compareSystems(
  env: BenchEnvironment,
  operations: readonly BenchOperation[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<CompareResults> {
  const systems = env.systems.systems;
  await env.control.setLatency(0);
  const checks = await checkSameData(systems, operations, (operation) => env.tokens[operation.client]);
  for (const check of checks) {
    log(`same data ${check.same ? 'OK  ' : 'DIFF'} ${check.operation} (${check.bytes} bytes)${check.difference ? `: ${check.difference}` : ''}`);
  }
  const different = checks.filter((check) => !check.same);
  if (different.length > 0) throw new Error(`the systems do not answer the same data for ${different.map((c) => c.operation).join(', ')}`);

  const measurements: Measurement[] = [];
  for (const [index, latencyMs] of options.latencies.entries()) {
    await env.control.setLatency(latencyMs);
    // Result size is about CPU, which service latency does not change: the bigger PassengerHome
    // variants run at the first latency only (unless asked for by name), to keep the run short.
    const measured = index === 0 || options.operations ? operations : operations.filter((o) => o.trips === undefined || o.trips === 10);
    measurements.push(...(await runRounds(fleetRounds(env), systems, measured, latencyMs, options, log)));
  }
  await env.control.setLatency(0);
  return { kind: 'compare', machine: machineInfo(), options, checks, measurements };
}
