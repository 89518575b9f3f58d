import type { LoadGenerator } from '../load/LoadGenerator.ts';
import type { LoadJob } from '../load/LoadJob.ts';
import { rssBytes, totalCpuSeconds } from '../processes/procStats.ts';
import type { MeasuredOperation, SystemUnderTest } from '../systems/SystemUnderTest.ts';
import type { CallCounter } from './CallCounter.ts';
import type { Measurement } from './Measurement.ts';

/** What one measurement needs. */
export interface MeasureInput<Op extends MeasuredOperation> {
  readonly system: SystemUnderTest<Op>;
  readonly operation: Op;
  /** The load to run (built for this system and operation). */
  readonly job: LoadJob;
  readonly load: LoadGenerator;
  /** The calls that reached the services meanwhile (absent: none counted). */
  readonly calls?: CallCounter;
  readonly latencyMs: number;
  readonly round: number;
}

/** How often RSS is sampled during a measurement, ms. */
const rssSampleMs = 250;
/** Pause after the load before reading CPU and service calls, ms. */
const settleMs = 300;

/**
 * Runs steady load on one system and operation and measures it: throughput and latency (from the
 * load generator), CPU time of its processes (`/proc/<pid>/stat` before and after), peak RSS
 * (sampled), and the service calls counted meanwhile (the fleet's, or the subgraphs').
 */
export async function measure<Op extends MeasuredOperation>(input: MeasureInput<Op>): Promise<Measurement> {
  const { system, operation } = input;
  const gatewayPids = system.gatewayPids(operation);
  const allPids = system.allPids(operation);
  await input.calls?.resetStats();
  const cpuBefore = totalCpuSeconds(gatewayPids);
  const cpuAllBefore = totalCpuSeconds(allPids);
  let peakRss = 0;
  let peakRssAll = 0;
  const sample = (): void => {
    const rss = gatewayPids.reduce((sum, pid) => sum + rssBytes(pid), 0);
    const all = allPids.reduce((sum, pid) => sum + rssBytes(pid), 0);
    peakRss = Math.max(peakRss, rss);
    peakRssAll = Math.max(peakRssAll, all);
  };
  sample();
  const sampler = setInterval(sample, rssSampleMs);
  let result;
  try {
    result = await input.load.run(input.job);
  } finally {
    clearInterval(sampler);
  }
  // Requests still in flight when the load stopped finish (or are cut off) meanwhile: their
  // service calls and CPU then count, against `sent` requests, so that neither is inflated.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  sample();
  const cpu = totalCpuSeconds(gatewayPids) - cpuBefore;
  const cpuAll = totalCpuSeconds(allPids) - cpuAllBefore;
  const calls = (await input.calls?.stats()) ?? {};
  const requests = Math.max(result.sent, 1);
  const totalCalls = Object.values(calls).reduce((sum, n) => sum + n, 0);
  return {
    system: system.id,
    operation: operation.label,
    latencyMs: input.latencyMs,
    round: input.round,
    requests: result.requests,
    requestsPerSecond: result.requestsPerSecond,
    p50: result.p50,
    p99: result.p99,
    cpuPer1k: (cpu / requests) * 1000,
    cpuPer1kAll: (cpuAll / requests) * 1000,
    peakRss,
    peakRssAll,
    callsPerRequest: totalCalls / requests,
    callsByService: Object.fromEntries(Object.entries(calls).map(([service, n]) => [service, n / requests])),
    socketErrors: result.socketErrors,
    non2xx: result.non2xx,
    errorBodies: result.errorBodies,
    degradedBodies: result.degradedBodies,
  };
}
