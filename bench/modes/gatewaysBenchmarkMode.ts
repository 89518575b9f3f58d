import type { BenchOptions } from '../BenchOptions.ts';
import { checkSameData } from '../checkSameData.ts';
import { LoadGenerator } from '../load/LoadGenerator.ts';
import type { Measurement } from '../measure/Measurement.ts';
import { machineInfo } from '../report/machineInfo.ts';
import type { GatewaysBenchmarkResults } from '../report/resultFiles.ts';
import {
  gatewaysBenchmarkOperation,
  startGatewaysBenchmarkSystems,
  type GatewaysBenchmarkOperation,
  type GatewaysBenchmarkSystems,
} from '../systems/startGatewaysBenchmarkSystems.ts';
import { profileGateways, type ProfileTarget } from './profileGateways.ts';
import { runRounds } from './runRounds.ts';

/**
 * Gateways-benchmark mode: the public graphql-gateways-benchmark workload (its four subgraphs in
 * one Node process, its one large query, anonymous as its load script sends it) through P, B and
 * C. Checks that they answer the same data, then for each `--latency` (the subgraphs' delay)
 * measures them in alternating rounds. With `profileDir`, profiles the gateways instead
 * (nothing is returned).
 */
export async function gatewaysBenchmarkMode(
  options: BenchOptions,
  log: (line: string) => void,
  profileDir?: string,
): Promise<GatewaysBenchmarkResults | undefined> {
  const started: GatewaysBenchmarkSystems = await startGatewaysBenchmarkSystems({ systems: options.systems, ...(profileDir ? { profileDir } : {}) });
  log(`gateways benchmark: ${started.systems.map((s) => s.id).join(', ')} over the four subgraphs`);
  const load = new LoadGenerator();
  const env: ProfileTarget<GatewaysBenchmarkOperation> = {
    load,
    calls: started.subgraphs,
    systems: started.systems,
    // As its load script sends it: every request the same, anonymous.
    job: (system, operation, connections, duration) => ({ request: system.request(operation, ''), connections, duration }),
    setLatency: (ms) => started.subgraphs.setDelay(ms),
    stopSystems: () => started.stop(),
  };
  try {
    if (profileDir) {
      await profileGateways(env, [gatewaysBenchmarkOperation], options, profileDir, log);
      return undefined;
    }
    await started.subgraphs.setDelay(0);
    const checks = await checkSameData(started.systems, [gatewaysBenchmarkOperation], () => '');
    for (const check of checks) {
      log(`same data ${check.same ? 'OK  ' : 'DIFF'} ${check.operation} (${check.bytes} bytes)${check.difference ? `: ${check.difference}` : ''}`);
    }
    if (checks.some((check) => !check.same)) throw new Error('the gateways do not answer the same data for the gateways benchmark query');
    const measurements: Measurement[] = [];
    for (const delayMs of options.latencies) {
      await started.subgraphs.setDelay(delayMs);
      measurements.push(...(await runRounds(env, started.systems, [gatewaysBenchmarkOperation], delayMs, options, log)));
    }
    return { kind: 'gateways-benchmark', machine: machineInfo(), options, checks, measurements };
  } finally {
    load.stop();
    await started.stop();
  }
}
