import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import { loadJobFor } from '../load/loadJobFor.ts';
import type { BenchOperation } from '../operations.ts';
import { rssBytes } from '../processes/procStats.ts';
import { machineInfo } from '../report/machineInfo.ts';
import type { SoakResults } from '../report/resultFiles.ts';

/** How often RSS is sampled, ms. */
const sampleEveryMs = 10_000;

/** Soak mode: `options.soak` seconds of steady load on A, its RSS sampled every 10 s. */
export async function soakGateway(
  env: BenchEnvironment,
  operation: BenchOperation,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<SoakResults> {
  const seconds = options.soak ?? 300;
  const system = env.systems.systems.find((s) => s.id === 'A');
  if (!system) throw new Error('soak mode needs system A');
  const [pid] = system.gatewayPids(operation);
  await env.control.setLatency(options.latencies[0] ?? 0);
  log(`soak: ${seconds} s of ${operation.label} on A (pid ${pid}) at ${options.connections} connections`);
  const started = Date.now();
  const samples: [number, number][] = [[0, rssBytes(pid ?? -1)]];
  const sampler = setInterval(() => {
    const at = Math.round((Date.now() - started) / 1000);
    const rss = rssBytes(pid ?? -1);
    samples.push([at, rss]);
    log(`soak t=${String(at).padStart(4)} s  RSS ${(rss / 2 ** 20).toFixed(1)} MB`);
  }, sampleEveryMs);
  let result;
  try {
    result = await env.load.run(loadJobFor(env, system, operation, options.connections, seconds));
  } finally {
    clearInterval(sampler);
  }
  samples.push([Math.round((Date.now() - started) / 1000), rssBytes(pid ?? -1)]);
  await env.control.setLatency(0);
  return {
    kind: 'soak',
    machine: machineInfo(),
    options,
    operation: operation.label,
    samples,
    requests: result.requests,
    requestsPerSecond: result.requestsPerSecond,
    p99: result.p99,
    errors: result.socketErrors + result.non2xx + result.errorBodies,
  };
}
