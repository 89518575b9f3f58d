import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import type { BenchOperation } from '../operations.ts';
import { packageRoot } from '../processes/BenchProcess.ts';
import { profileSummaryMarkdown, summarizeProfile } from '../profile/summarizeProfile.ts';
import type { MeasuredOperation, SystemUnderTest } from '../systems/SystemUnderTest.ts';
import { fleetRounds, type RoundsEnvironment } from './runRounds.ts';

/** What profile mode needs: the systems (their gateways under `--cpu-prof`), their load, a way to set the services' latency, and to stop them. */
export interface ProfileTarget<Op extends MeasuredOperation> extends RoundsEnvironment<Op> {
  readonly systems: readonly SystemUnderTest<Op>[];
  setLatency(ms: number): Promise<void>;
  /** Stops the systems, which writes their profiles. */
  stopSystems(): Promise<void>;
}

/** The demo fleet's systems as profile mode sees them. */
export function fleetProfileTarget(env: BenchEnvironment): ProfileTarget<BenchOperation> {
  return { ...fleetRounds(env), systems: env.systems.systems, setLatency: (ms) => env.control.setLatency(ms), stopSystems: () => env.systems.stop() };
}

/** Where profile runs go: one directory per run, `bench/profiles/<timestamp>/`. */
export function newProfileDir(): string {
  const dir = `${packageRoot}bench/profiles/${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}/`;
  mkdirSync(dir, { recursive: true });
  return dir;
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Profile mode: every gateway process of the chosen systems runs under `node --cpu-prof`. Each
 * system and operation gets a warm-up and then `options.duration` seconds of load, one after the
 * other; then the systems stop (which writes the profiles) and each profile is summarised over
 * its operations' load windows only (self time by area and by function, inclusive time) into
 * `summary.md` beside the `.cpuprofile` files. Open those in Chrome DevTools or speedscope for the
 * flame graph.
 */
export async function profileGateways<Op extends MeasuredOperation>(
  env: ProfileTarget<Op>,
  operations: readonly Op[],
  options: BenchOptions,
  profileDir: string,
  log: (line: string) => void,
): Promise<void> {
  await env.setLatency(options.latencies[0] ?? 0);
  const windows: { process: string; label: string; fromUs: number; toUs: number; requests: number }[] = [];
  for (const system of env.systems) {
    for (const operation of operations) {
      await env.load.run(env.job(system, operation, options.connections, Math.max(options.warmup, 1)));
      const fromUs = nowUs();
      const result = await env.load.run(env.job(system, operation, options.connections, options.duration));
      const process = system.gatewayName?.(operation) ?? system.id;
      windows.push({ process, label: `${system.id} ${operation.label}`, fromUs, toUs: nowUs(), requests: result.requests });
      log(`profiled ${system.id} ${operation.label}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99} ms`);
    }
  }
  await env.stopSystems();
  const sections: string[] = [];
  for (const window of windows) {
    const dir = `${profileDir}${window.process}/`;
    const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')) : [];
    // One profile per thread (tsx's loader thread has its own): the main thread is the busy one.
    const summaries = files.map((name) => ({ name, summary: summarizeProfile(`${dir}${name}`, window) }));
    const busiest = summaries.sort((a, b) => b.summary.busyMs - a.summary.busyMs)[0];
    if (!busiest) {
      sections.push(`### ${window.label}\n\nNo profile was written into ${dir}.\n`);
      continue;
    }
    const title = `${window.label} (${options.connections} connections, ${options.latencies[0] ?? 0} ms services; ${window.process}/${busiest.name})`;
    sections.push(profileSummaryMarkdown(title, busiest.summary, window.requests));
  }
  // The load windows (monotonic µs, the profiles' clock), to re-read a profile over one of them.
  writeFileSync(`${profileDir}windows.json`, `${JSON.stringify(windows, null, 1)}\n`);
  const relative = profileDir.slice(packageRoot.length);
  writeFileSync(`${profileDir}summary.md`, `# CPU profiles\n\n\`${relative}\`, ${new Date().toISOString()}\n\n${sections.join('\n')}`);
  log(`profiles and summary in ${relative}`);
  console.log(sections.map((s) => s.split('**Self time by function**')[0]).join('\n'));
}
