import type { Measurement } from '../measure/Measurement.ts';
import { systemIds, type SystemId } from '../systems/SystemUnderTest.ts';
import { fixed, mb } from './markdownFormat.ts';
import { medianOf, operationsOf, series } from './ratios.ts';

/** The systems measured, in report order. */
export function systemsOf(measurements: readonly Measurement[]): SystemId[] {
  return systemIds.filter((id) => measurements.some((m) => m.system === id));
}

/** Errors of some measurements: socket errors, non-2xx and 2xx answers with GraphQL errors. */
export function errorsOf(ms: readonly Measurement[]): number {
  return ms.reduce((sum, m) => sum + m.socketErrors + m.non2xx + m.errorBodies, 0);
}

/** One row per operation and system at `latencyMs`: medians over the rounds. */
export function resultsTable(measurements: readonly Measurement[], latencyMs: number): string {
  const rows = [
    '| operation | system | req/s | p50 ms | p99 ms | CPU s / 1k req (gateway) | CPU s / 1k req (all processes) | peak RSS MB (gateway / all) | service calls / req | errors / degraded answers |',
    '| --- | :-: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const operation of operationsOf(measurements, latencyMs)) {
    for (const system of systemsOf(measurements)) {
      const ms = series(measurements, system, operation, latencyMs);
      if (ms.length === 0) continue;
      rows.push(
        `| ${operation} | ${system} | ${fixed(medianOf(ms, (m) => m.requestsPerSecond), 0)} | ${fixed(medianOf(ms, (m) => m.p50), 1)} | ${fixed(medianOf(ms, (m) => m.p99), 1)} | ${fixed(medianOf(ms, (m) => m.cpuPer1k), 2)} | ${fixed(medianOf(ms, (m) => m.cpuPer1kAll), 2)} | ${mb(Math.max(...ms.map((m) => m.peakRss)))} / ${mb(Math.max(...ms.map((m) => m.peakRssAll)))} | ${fixed(medianOf(ms, (m) => m.callsPerRequest), 2)} | ${errorsOf(ms)} / ${ms.reduce((sum, m) => sum + m.degradedBodies, 0)} |`,
      );
    }
  }
  return rows.join('\n');
}

/** Calls per request that reached each service (or subgraph), per operation and system at `latencyMs`. */
export function callsTable(measurements: readonly Measurement[], latencyMs: number): string {
  const services = [...new Set(measurements.flatMap((m) => Object.keys(m.callsByService)))].sort();
  const rows = [`| operation | system | ${services.join(' | ')} |`, `| --- | :-: | ${services.map(() => '---:').join(' | ')} |`];
  for (const operation of operationsOf(measurements, latencyMs)) {
    for (const system of systemsOf(measurements)) {
      const ms = series(measurements, system, operation, latencyMs);
      if (ms.length === 0) continue;
      rows.push(`| ${operation} | ${system} | ${services.map((s) => fixed(medianOf(ms, (m) => m.callsByService[s] ?? 0), 2)).join(' | ')} |`);
    }
  }
  return rows.join('\n');
}
