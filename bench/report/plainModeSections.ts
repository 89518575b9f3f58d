import type { Measurement } from '../measure/Measurement.ts';
import type { SystemId } from '../systems/SystemUnderTest.ts';
import { fixed, machineSection, times } from './markdownFormat.ts';
import { latenciesOf, medianOf, operationsOf, perRoundRatio, series } from './ratios.ts';
import type { GatewaysBenchmarkResults, PlainResults } from './resultFiles.ts';
import { callsTable, resultsTable } from './resultsTables.ts';
import type { Target } from './Target.ts';

/** What plain mode (P) is compared with. */
const references = ['B', 'C'] as const;

/** The gateways benchmark's published figures (4 vCPU, 50 virtual users), for context only. */
export const publishedGatewaysBenchmark = { apolloGateway: 91, hiveGateway: 291 } as const;

const rps = (m: Measurement): number => m.requestsPerSecond;
const cpu = (m: Measurement): number => m.cpuPer1k;
const cpuAll = (m: Measurement): number => m.cpuPer1kAll;
const p50 = (m: Measurement): number => m.p50;
const p99 = (m: Measurement): number => m.p99;

function has(measurements: readonly Measurement[], id: SystemId): boolean {
  return measurements.some((m) => m.system === id);
}

/** P against B and C, per operation at one latency: per-round ratios, medians over the rounds. */
function versusTable(measurements: readonly Measurement[], latencyMs: number): string {
  const rows = [
    '| operation | req/s P/B | req/s P/C | CPU/req B÷P (gateway) | CPU/req C÷P (gateway) | CPU/req B÷P (all processes) | CPU/req C÷P (all processes) | p50 P/B | p50 P/C | p99 P/B | p99 P/C |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const op of operationsOf(measurements, latencyMs)) {
    const r = (a: SystemId, b: SystemId, pick: (m: Measurement) => number): string =>
      has(measurements, a) && has(measurements, b) ? times(perRoundRatio(measurements, a, b, op, latencyMs, pick)) : '–';
    rows.push(
      `| ${op} | ${r('P', 'B', rps)} | ${r('P', 'C', rps)} | ${r('B', 'P', cpu)} | ${r('C', 'P', cpu)} | ${r('B', 'P', cpuAll)} | ${r('C', 'P', cpuAll)} | ${r('P', 'B', p50)} | ${r('P', 'C', p50)} | ${r('P', 'B', p99)} | ${r('P', 'C', p99)} |`,
    );
  }
  return rows.join('\n');
}

/**
 * The issue's goals for plain mode, on every operation measured at the first latency: ≥ 1.5× B's
 * req/s (stretch 2×), ≥ C's, and less gateway CPU per request than each.
 */
export function plainTargets(results: PlainResults | GatewaysBenchmarkResults | undefined): Target[] {
  if (!results || !has(results.measurements, 'P')) return [];
  const ms = results.measurements;
  const latency = latenciesOf(ms)[0] ?? 0;
  const where = results.kind === 'plain' ? `plain mode, ${latency} ms` : `gateways benchmark, ${latency} ms delay`;
  const check = (value: number, ok: (v: number) => boolean): boolean | undefined => (Number.isFinite(value) ? ok(value) : undefined);
  const list: Target[] = [];
  for (const op of operationsOf(ms, latency)) {
    if (has(ms, 'B')) {
      const value = perRoundRatio(ms, 'P', 'B', op, latency, rps);
      list.push({ what: `${op}: P ≥ 1.5× B in req/s (${where})`, measured: times(value), met: check(value, (v) => v >= 1.5) });
      list.push({ what: `${op}: stretch, P ≥ 2× B in req/s (${where})`, measured: times(value), met: check(value, (v) => v >= 2) });
    }
    if (has(ms, 'C')) {
      const value = perRoundRatio(ms, 'P', 'C', op, latency, rps);
      list.push({ what: `${op}: P ≥ C in req/s (${where})`, measured: times(value), met: check(value, (v) => v >= 1) });
    }
    for (const other of references) {
      if (!has(ms, other)) continue;
      const value = perRoundRatio(ms, 'P', other, op, latency, cpu);
      list.push({ what: `${op}: P's gateway CPU per request below ${other}'s (${where})`, measured: `${times(value)} of ${other}'s`, met: check(value, (v) => v < 1) });
    }
  }
  return list;
}

function versusParts(results: PlainResults | GatewaysBenchmarkResults, latencyWord: string): string[] {
  const parts: string[] = [];
  const latencies = latenciesOf(results.measurements);
  for (const latency of latencies) parts.push(`### Ratios at ${latency} ms ${latencyWord}`, '', versusTable(results.measurements, latency), '');
  for (const latency of latencies) parts.push(`### Results at ${latency} ms ${latencyWord}`, '', resultsTable(results.measurements, latency), '');
  return parts;
}

function loadLine(results: PlainResults | GatewaysBenchmarkResults): string {
  const o = results.options;
  return `Load: autocannon, ${o.connections} connections, ${o.duration} s per measurement after ${o.warmup} s of warm-up per system, ${o.rounds} alternating rounds. Every figure is a median over the rounds; each ratio is the median of the per-round ratios (B÷P and C÷P: how many times P's CPU per request the other spends).`;
}

/** The plain-mode section of RESULTS.md: P against B and C on the fleet's screens. */
export function plainSection(plain: PlainResults): string {
  const latencies = latenciesOf(plain.measurements);
  return [
    '## Plain federation mode',
    '',
    machineSection(plain.machine, 'Run'),
    '',
    'P is this gateway started as `SUPERGRAPH_FILE=<file> npm start` with the supergraph B and C plan with (every subgraph remote: the same subgraph servers, and the same promotions instance), forwarding `Authorization` and `x-bff-client` to the subgraphs (`FORWARD_HEADERS`); one process per client, like B and C.',
    '',
    loadLine(plain),
    '',
    'Same data: ' + plain.checks.map((c) => `${c.operation} ${c.same ? '✓' : `✗ (${c.difference})`}`).join(' · '),
    '',
    ...versusParts(plain, 'service latency'),
    '"gateway" CPU is the gateway process for that client; "all processes" adds the subgraph servers that worked on the operation (the same servers for P, B and C).',
    '',
    `### Service calls per request, by service (${latencies[0] ?? 0} ms)`,
    '',
    callsTable(plain.measurements, latencies[0] ?? 0),
    '',
  ].join('\n');
}

/** The gateways-benchmark section of RESULTS.md: the public workload through P, B and C. */
export function gatewaysBenchmarkSection(results: GatewaysBenchmarkResults): string {
  const ms = results.measurements;
  const latencies = latenciesOf(ms);
  const first = latencies[0] ?? 0;
  const cOverB = has(ms, 'B') && has(ms, 'C') ? perRoundRatio(ms, 'C', 'B', 'TestQuery', first, rps) : Number.NaN;
  const published = publishedGatewaysBenchmark.hiveGateway / publishedGatewaysBenchmark.apolloGateway;
  const medianRps = (id: SystemId): string => fixed(medianOf(series(ms, id, 'TestQuery', first), rps), 0);
  return [
    '## The public gateways benchmark',
    '',
    machineSection(results.machine, 'Run'),
    '',
    "The workload of [graphql-hive/graphql-gateways-benchmark](https://github.com/graphql-hive/graphql-gateways-benchmark): its four subgraphs (`accounts`, `inventory`, `products`, `reviews`) with the same SDL and data, written in Node (one process, `bench/servers/gatewaysBenchmarkServer.ts`, answers kept per request body so the gateways are the bottleneck), its supergraph composed with `@apollo/composition`, and its one query (`TestQuery`, every answer " +
      `${results.checks[0]?.bytes ?? '–'} bytes), sent anonymously and identically every time, as its load script does. P, B and C plan with the same supergraph file. "Latency" here is the subgraphs' delay (its SUBGRAPH_DELAY_MS).`,
    '',
    loadLine(results),
    '',
    'Same data: ' + results.checks.map((c) => `${c.operation} ${c.same ? '✓' : `✗ (${c.difference})`}`).join(' · '),
    '',
    `Published, for context only (its 4-vCPU machine, 50 virtual users, each gateway on every core): Apollo Gateway ${publishedGatewaysBenchmark.apolloGateway} req/s, Hive Gateway ${publishedGatewaysBenchmark.hiveGateway} req/s (Hive ÷ Apollo ${times(published)}). Here, one process each on ${results.machine.nproc} shared CPUs: B ${medianRps('B')} req/s, C ${medianRps('C')} req/s (C ÷ B ${times(cOverB)}), P ${medianRps('P')} req/s.`,
    '',
    ...versusParts(results, 'subgraph delay'),
    '"gateway" CPU is the gateway process; "all processes" adds the subgraphs process. "Service calls" below are subgraph fetches per query: Hive Gateway collapses identical subgraph fetches that are in flight at the same time (every request of this workload is identical), which the public benchmark lets it do too.',
    '',
    `### Subgraph fetches per query (${first} ms)`,
    '',
    callsTable(ms, first),
    '',
  ].join('\n');
}
