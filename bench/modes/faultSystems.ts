import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import type { BenchOperation } from '../operations.ts';
import { machineInfo } from '../report/machineInfo.ts';
import type { FaultResults } from '../report/resultFiles.ts';
import { fleetRounds, runRounds } from './runRounds.ts';

/**
 * Fault mode: the same load on every system while one pricing instance is SIGKILLed (it stays
 * registered until its lease expires, as a crashed process does) and recommendations is `down`.
 * Reports errors and latency; the killed instance is not restarted (the fleet dies with the run).
 */
export async function faultSystems(
  env: BenchEnvironment,
  operations: readonly BenchOperation[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<FaultResults> {
  const latencyMs = options.latencies[0] ?? 0;
  await env.control.setLatency(latencyMs);
  const pricing = (await env.control.instances()).filter((instance) => instance.service === 'pricing');
  const victim = pricing[0];
  if (!victim || pricing.length < 2) throw new Error('fault mode needs at least two pricing instances (FLEET_INSTANCES)');
  await env.control.setMode('recommendations', 'down');
  process.kill(victim.pid, 'SIGKILL');
  log(`fault: SIGKILLed ${victim.id} (pid ${victim.pid}); recommendations is down`);
  try {
    const measurements = await runRounds(fleetRounds(env), env.systems.systems, operations, latencyMs, options, log);
    return { kind: 'fault', machine: machineInfo(), options, killed: victim.id, measurements };
  } finally {
    await env.control.setMode('recommendations', 'ok');
  }
}
