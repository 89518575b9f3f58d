import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import { loadJobFor } from '../load/loadJobFor.ts';
import type { BenchOperation } from '../operations.ts';
import { cpuSeconds } from '../processes/procStats.ts';
import { machineInfo } from '../report/machineInfo.ts';
import type { GoodputLevel, GoodputResults } from '../report/resultFiles.ts';
import { readAdmissionState } from '../systems/readAdmissionState.ts';

/** Longest wait between levels for A to drain and its event-loop monitor to clear, ms. */
const settleMaxMs = 5_000;
const settlePollMs = 250;

/** Waits (at most {@link settleMaxMs}) until A has nothing in flight and is not shedding for its event loop. */
async function settle(origin: string): Promise<void> {
  const until = Date.now() + settleMaxMs;
  while (Date.now() < until) {
    const state = await readAdmissionState(origin);
    if ((state.inFlight ?? 0) === 0 && state.eventLoopOverloaded !== true) return;
    await new Promise((resolve) => setTimeout(resolve, settlePollMs));
  }
}

/** One line per level on the console. */
export function formatGoodputLevel(level: GoodputLevel): string {
  const o = level.outcomes;
  const other = o.otherAnswers + o.errorAnswers + o.degradedAnswers + level.socketErrors;
  return [
    `r${level.round}`,
    `${String(level.connections).padStart(4)} conns`,
    `offered ${level.offeredPerSecond.toFixed(0).padStart(6)}/s`,
    `goodput ${level.goodputPerSecond.toFixed(0).padStart(6)}/s`,
    `503 ${String(o.overloaded).padStart(6)} (p50 ${o.overloadedP50?.toFixed(1) ?? '–'} ms)`,
    `429 ${o.rateLimited}`,
    `other ${other}${other > 0 ? ` (errors ${o.errorAnswers}, degraded ${o.degradedAnswers}, socket ${level.socketErrors}, statuses ${JSON.stringify(o.otherStatuses)})` : ''}`,
    `complete p50 ${o.completeP50?.toFixed(1) ?? '–'} p99 ${o.completeP99?.toFixed(1) ?? '–'} ms`,
    `limit ${level.limitBefore ?? '?'}→${level.limitAfter ?? '?'}`,
    `cpu A ${level.gatewayCpuSeconds.toFixed(1)} s, generator ${level.generatorCpuSeconds.toFixed(1)} s`,
  ].join('  ');
}

/**
 * Goodput mode: A as `npm start` runs it, with its default admission control (the adaptive
 * in-flight limit and event-loop shedding on, rate limits out of the way), under `operation` at
 * each concurrency level for `options.duration` seconds, lowest level first, `options.rounds`
 * times. Every answer is classified (complete, 503 OVERLOADED, 429, other) so that goodput,
 * the complete answers per second, can be compared across levels measured in the same run: it
 * should hold as concurrency grows, the excess being refused quickly rather than slowing everyone.
 *
 * Each connection sends its next request as soon as the last was answered, refusals included (it
 * does not wait for Retry-After): the harshest closed loop, the one the other modes use.
 */
export async function goodputGateway(
  env: BenchEnvironment,
  operation: BenchOperation,
  options: BenchOptions,
  admissionEnv: Readonly<Record<string, string>>,
  log: (line: string) => void,
): Promise<GoodputResults> {
  const system = env.systems.systems.find((s) => s.id === 'A');
  const origin = env.systems.gateways.find((g) => g.name === 'A')?.url;
  if (!system || !origin) throw new Error('goodput mode needs system A');
  const pid = system.gatewayPids(operation)[0] ?? -1;
  const levels = [...new Set(options.levels)].sort((a, b) => a - b);
  const latencyMs = options.latencies[0] ?? 0;
  await env.control.setLatency(latencyMs);
  if (options.warmup > 0) {
    log(`goodput: warming up (${options.warmup} s at ${levels[0]} connections)`);
    await env.load.run(loadJobFor(env, system, operation, levels[0] ?? 10, options.warmup));
  }
  log(`goodput: ${operation.label} on A at ${levels.join(', ')} connections, ${options.duration} s each, ${options.rounds} round(s), ${latencyMs} ms services`);
  const measured: GoodputLevel[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const connections of levels) {
      await settle(origin);
      const before = await readAdmissionState(origin);
      const cpuBefore = cpuSeconds(pid);
      const generatorBefore = cpuSeconds(env.load.pid);
      const result = await env.load.run({ ...loadJobFor(env, system, operation, connections, options.duration), outcomes: true });
      const gatewayCpuSeconds = cpuSeconds(pid) - cpuBefore;
      const generatorCpuSeconds = cpuSeconds(env.load.pid) - generatorBefore;
      const after = await readAdmissionState(origin);
      if (!result.outcomes) throw new Error('the load generator did not classify the answers');
      const level: GoodputLevel = {
        round,
        connections,
        seconds: result.seconds,
        offeredPerSecond: result.sent / result.seconds,
        goodputPerSecond: result.outcomes.complete / result.seconds,
        outcomes: result.outcomes,
        socketErrors: result.socketErrors,
        gatewayCpuSeconds,
        generatorCpuSeconds,
        limitBefore: before.limit,
        limitAfter: after.limit,
      };
      measured.push(level);
      log(formatGoodputLevel(level));
    }
  }
  await env.control.setLatency(0);
  return { kind: 'goodput', machine: machineInfo(), options, operation: operation.label, latencyMs, admissionEnv, levels: measured };
}
