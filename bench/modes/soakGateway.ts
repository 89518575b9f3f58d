import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import { loadJobFor } from '../load/loadJobFor.ts';
import type { BenchOperation } from '../operations.ts';
import { rssBytes } from '../processes/procStats.ts';
import { machineInfo } from '../report/machineInfo.ts';
import type { SoakResults, SoakSample } from '../report/resultFiles.ts';

/** How often memory is sampled, ms. */
const sampleEveryMs = 10_000;

/** Node's memory gauges from a Prometheus page (prom-client's default metrics); zeros when unavailable. */
async function heapGauges(metricsUrl: string | undefined): Promise<Pick<SoakSample, 'heapUsed' | 'heapTotal' | 'external'>> {
  const gauges = { heapUsed: 0, heapTotal: 0, external: 0 };
  if (!metricsUrl) return gauges;
  try {
    const text = await (await fetch(metricsUrl)).text();
    const gauge = (name: string): number => Number(new RegExp(`^${name} (\\d+(?:\\.\\d+)?)`, 'm').exec(text)?.[1] ?? 0);
    return { heapUsed: gauge('nodejs_heap_size_used_bytes'), heapTotal: gauge('nodejs_heap_size_total_bytes'), external: gauge('nodejs_external_memory_bytes') };
  } catch {
    return gauges;
  }
}

/**
 * Soak mode: `options.soak` seconds of steady load on A; every 10 s its RSS and, from its
 * `/metrics`, V8's used and committed heap and external memory. A used heap whose lows (after a
 * major GC) keep rising is a leak; an RSS that grows over flat lows is V8 sizing its heap.
 */
export async function soakGateway(
  env: BenchEnvironment,
  operation: BenchOperation,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<SoakResults> {
  const seconds = options.soak ?? 300;
  const system = env.systems.systems.find((s) => s.id === 'A');
  if (!system) throw new Error('soak mode needs system A');
  const pid = system.gatewayPids(operation)[0] ?? -1;
  await env.control.setLatency(options.latencies[0] ?? 0);
  log(`soak: ${seconds} s of ${operation.label} on A (pid ${pid}) at ${options.connections} connections`);
  const started = Date.now();
  const samples: SoakSample[] = [];
  const sample = async (): Promise<SoakSample> => {
    const at = Math.round((Date.now() - started) / 1000);
    const rss = rssBytes(pid);
    const next = { at, rss, ...(await heapGauges(system.metricsUrl)) };
    samples.push(next);
    return next;
  };
  await sample();
  const sampler = setInterval(() => {
    void sample().then((s) =>
      log(`soak t=${String(s.at).padStart(4)} s  RSS ${mb(s.rss)} MB  heap used ${mb(s.heapUsed)} / committed ${mb(s.heapTotal)} MB  external ${mb(s.external)} MB`),
    );
  }, sampleEveryMs);
  let result;
  try {
    result = await env.load.run(loadJobFor(env, system, operation, options.connections, seconds));
  } finally {
    clearInterval(sampler);
  }
  await sample();
  samples.sort((a, b) => a.at - b.at);
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

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
