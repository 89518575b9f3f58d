import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Measurement } from '../measure/Measurement.ts';
import { packageRoot } from '../processes/BenchProcess.ts';
import { systemIds, systemTitles, type SystemId } from '../systems/SystemUnderTest.ts';
import { goodputSection } from './goodputSection.ts';
import { callsTable, resultsTable, systemsOf } from './resultsTables.ts';
import { fixed, machineSection, mb, times } from './markdownFormat.ts';
import { median } from './median.ts';
import { medianOf, operationsOf, perRoundRatio as ratio, series } from './ratios.ts';
import { gatewaysBenchmarkSection, plainSection, plainTargets } from './plainModeSections.ts';
import { refusalsSection } from './refusalsSection.ts';
import type { Target } from './Target.ts';
import { loadResults, type CompareResults, type FaultResults, type SoakResults } from './resultFiles.ts';

/** Where the rendered results go, and the hand-written findings they include. */
const resultsFile = `${packageRoot}bench/RESULTS.md`;
const findingsFile = `${packageRoot}bench/FINDINGS.md`;

/** The operations the throughput, latency and CPU targets are about. */
const screens = ['PassengerHome', 'ProductDetails'];

function ratiosTable(measurements: readonly Measurement[], latencyMs: number): string {
  const has = (id: SystemId): boolean => measurements.some((m) => m.system === id);
  const rows = [
    '| operation | req/s A/B | req/s A/C | req/s A/D | CPU/req A÷D (gateway) | CPU/req B÷A (all processes) | CPU/req C÷A (all processes) | p99 A/B | p99 A/C |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const rps = (m: Measurement): number => m.requestsPerSecond;
  const cpu = (m: Measurement): number => m.cpuPer1k;
  const cpuAll = (m: Measurement): number => m.cpuPer1kAll;
  const p99 = (m: Measurement): number => m.p99;
  for (const op of operationsOf(measurements, latencyMs)) {
    const r = (b: SystemId, pickA: (m: Measurement) => number, pickB?: (m: Measurement) => number): string =>
      has('A') && has(b) ? times(ratio(measurements, 'A', b, op, latencyMs, pickA, pickB)) : '–';
    const inverse = (b: SystemId): string => (has('A') && has(b) ? times(ratio(measurements, b, 'A', op, latencyMs, cpuAll)) : '–');
    rows.push(`| ${op} | ${r('B', rps)} | ${r('C', rps)} | ${r('D', rps)} | ${r('D', cpu)} | ${inverse('B')} | ${inverse('C')} | ${r('B', p99)} | ${r('C', p99)} |`);
  }
  return rows.join('\n');
}


function targets(compare: CompareResults | undefined, soak: SoakResults | undefined): Target[] {
  const list: Target[] = [];
  const ms = compare?.measurements ?? [];
  const latencies = [...new Set(ms.map((m) => m.latencyMs))];
  const has = (id: SystemId): boolean => ms.some((m) => m.system === id);
  const check = (value: number, ok: (v: number) => boolean): boolean | undefined => (Number.isFinite(value) ? ok(value) : undefined);
  if (latencies.includes(0) && has('A')) {
    for (const op of screens) {
      for (const other of ['B', 'C'] as const) {
        if (!has(other)) continue;
        const value = ratio(ms, 'A', other, op, 0, (m) => m.requestsPerSecond);
        list.push({ what: `${op}: A ≥ 2× ${other} in req/s (0 ms)`, measured: times(value), met: check(value, (v) => v >= 2) });
      }
    }
  }
  const slow = latencies.find((l) => l > 0);
  if (slow !== undefined && has('A')) {
    for (const op of screens) {
      for (const other of ['B', 'C'] as const) {
        if (!has(other)) continue;
        const a = medianOf(series(ms, 'A', op, slow), (m) => m.p99);
        const b = medianOf(series(ms, other, op, slow), (m) => m.p99);
        list.push({ what: `${op}: A's p99 below ${other}'s (${slow} ms)`, measured: `${fixed(a, 1)} ms vs ${fixed(b, 1)} ms`, met: check(a - b, (v) => v < 0) });
      }
    }
  }
  if (has('A') && has('D')) {
    for (const latency of latencies) {
      for (const op of screens) {
        const value = ratio(ms, 'A', 'D', op, latency, (m) => m.cpuPer1k);
        list.push({ what: `${op}: A's CPU per request ≤ 3× D's (${latency} ms)`, measured: times(value), met: check(value, (v) => v <= 3) });
        if (latency === latencies[0]) {
          list.push({ what: `${op}: stretch, A's CPU per request ≤ 1.5× D's (${latency} ms)`, measured: times(value), met: check(value, (v) => v <= 1.5) });
        }
      }
    }
  }
  if (has('A')) {
    for (const latency of latencies) {
      const ten = series(ms, 'A', 'PassengerHome', latency);
      const big = series(ms, 'A', 'PassengerHome first:200', latency);
      if (ten.length === 0 || big.length === 0) continue;
      const cpu = medianOf(big, (m) => m.cpuPer1k) / medianOf(ten, (m) => m.cpuPer1k);
      list.push({ what: `A: PassengerHome first:200 ≤ 20× first:10 in CPU per request (${latency} ms)`, measured: times(cpu), met: check(cpu, (v) => v <= 20) });
      const calls10 = medianOf(ten, (m) => m.callsPerRequest);
      const calls200 = medianOf(big, (m) => m.callsPerRequest);
      list.push({
        what: `A: service calls per request flat from first:10 to first:200 (${latency} ms)`,
        measured: `${fixed(calls10, 2)} → ${fixed(calls200, 2)}`,
        met: check(Math.abs(calls200 - calls10), (v) => v <= 0.1),
      });
    }
  }
  if (soak) {
    const growth = soakGrowth(soak);
    list.push({ what: `Soak: RSS at the end within 10 % of RSS after the first minute (${soak.options.soak} s)`, measured: growth.text, met: check(growth.value, (v) => v <= 0.1) });
  }
  return list;
}

function compareSection(compare: CompareResults): string {
  const o = compare.options;
  const latencies = [...new Set(compare.measurements.map((m) => m.latencyMs))];
  const parts = [
    '## Comparison',
    '',
    machineSection(compare.machine, 'Run'),
    '',
    `Load: autocannon, ${o.connections} connections, ${o.duration} s per measurement after ${o.warmup} s of warm-up per system and operation, ${o.rounds} alternating rounds per service latency (each round runs the systems back to back on each operation and rotates which goes first). Every figure is a median over the rounds; each ratio is the median of the per-round ratios.`,
    '',
    'Same data: ' + compare.checks.map((c) => `${c.operation} ${c.same ? '✓' : `✗ (${c.difference})`}`).join(' · '),
    '',
  ];
  for (const latency of latencies) {
    parts.push(`### Ratios at ${latency} ms service latency`, '', ratiosTable(compare.measurements, latency), '');
  }
  for (const latency of latencies) {
    parts.push(`### Results at ${latency} ms service latency`, '', resultsTable(compare.measurements, latency), '');
  }
  parts.push(
    '"gateway" CPU and RSS are the process(es) at the edge: A\'s one process, B\'s and C\'s gateway process for that client, D\'s one process. "all processes" adds, for B and C, the subgraph servers that worked on the operation (7 domain subgraphs + the client\'s BFF subgraph). CPU is user + system time from `/proc/<pid>/stat`; RSS is sampled every 250 ms. Errors = socket errors + non-2xx + 2xx answers with GraphQL `errors`; degraded answers = 2xx answers with `extensions.degraded` (a fallback served: under overload, A\'s own call timeouts can trip).',
    '',
    `### Service calls per request, by service (${latencies[0] ?? 0} ms)`,
    '',
    callsTable(compare.measurements, latencies[0] ?? 0),
    '',
  );
  return parts.join('\n');
}

/** The median RSS of the samples from `from` to `to` seconds (a level, not one sample's GC phase). */
function rssAround(soak: SoakResults, from: number, to: number): { at: number; rss: number } | undefined {
  const window = soak.samples.filter((s) => s.at >= from && s.at <= to);
  if (window.length === 0) return undefined;
  return { at: Math.round((from + to) / 2), rss: median(window.map((s) => s.rss)) };
}

/**
 * RSS growth from "after the first minute" (the median of the samples at 50–70 s; at a fifth of
 * the run for runs under two minutes) to the end (the median of the last 20 s), so that one
 * sample's place in the GC cycle does not decide it.
 */
function soakGrowth(soak: SoakResults): { value: number; text: string } {
  const duration = soak.samples.at(-1)?.at ?? 0;
  const referenceAt = duration >= 120 ? 60 : Math.round(duration / 5);
  const reference = rssAround(soak, referenceAt - 10, referenceAt + 10);
  const end = rssAround(soak, duration - 20, duration);
  if (!reference || !end) return { value: Number.NaN, text: '–' };
  const value = (end.rss - reference.rss) / reference.rss;
  return {
    value,
    text: `${mb(reference.rss)} MB at ${referenceAt} s → ${mb(end.rss)} MB at ${duration} s (${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %)`,
  };
}

/** The lowest used heap in each minute: roughly the live heap after that minute's major GC. */
function heapLowsPerMinute(soak: SoakResults): string {
  const lows = new Map<number, number>();
  for (const s of soak.samples) {
    if (s.heapUsed <= 0 || s.at === 0) continue;
    const minute = Math.ceil(s.at / 60);
    lows.set(minute, Math.min(lows.get(minute) ?? Number.POSITIVE_INFINITY, s.heapUsed));
  }
  return [...lows].map(([minute, low]) => `minute ${minute}: ${mb(low)} MB`).join(' · ');
}

function soakSection(soak: SoakResults): string {
  const growth = soakGrowth(soak);
  const last = soak.samples.at(-1);
  return [
    '## Soak',
    '',
    machineSection(soak.machine, 'Run'),
    '',
    `${soak.options.soak} s of ${soak.operation} on A at ${soak.options.connections} connections (${soak.options.latencies[0] ?? 0} ms services): ${soak.requests} requests, ${fixed(soak.requestsPerSecond, 0)} req/s, p99 ${fixed(soak.p99, 1)} ms, ${soak.errors} errors.`,
    '',
    `RSS growth: ${growth.text} (medians of the samples at 50–70 s and in the last 20 s).`,
    '',
    `V8 heap in use, lowest sample per minute (about the live heap after a major GC; a leak makes these climb): ${heapLowsPerMinute(soak) || '–'}.` +
      (last && last.heapTotal > 0 ? ` At the end: heap committed ${mb(last.heapTotal)} MB, external ${mb(last.external)} MB.` : ''),
    '',
    `Samples (s: RSS / heap used, MB): ${soak.samples.map((s) => `${s.at}: ${mb(s.rss)} / ${mb(s.heapUsed)}`).join(' · ')}`,
    '',
  ].join('\n');
}

function faultSection(fault: FaultResults): string {
  const ms = fault.measurements;
  const latency = ms[0]?.latencyMs ?? 0;
  const rows = [
    '| operation | system | req/s | p50 ms | p99 ms | answers with errors / requests | degraded answers | socket errors | non-2xx |',
    '| --- | :-: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const op of operationsOf(ms)) {
    for (const system of systemsOf(ms)) {
      const s = series(ms, system, op, latency);
      const requests = s.reduce((sum, m) => sum + m.requests, 0);
      rows.push(
        `| ${op} | ${system} | ${fixed(medianOf(s, (m) => m.requestsPerSecond), 0)} | ${fixed(medianOf(s, (m) => m.p50), 1)} | ${fixed(medianOf(s, (m) => m.p99), 1)} | ${s.reduce((sum, m) => sum + m.errorBodies, 0)} / ${requests} | ${s.reduce((sum, m) => sum + m.degradedBodies, 0)} | ${s.reduce((sum, m) => sum + m.socketErrors, 0)} | ${s.reduce((sum, m) => sum + m.non2xx, 0)} |`,
      );
    }
  }
  return [
    '## Fault mode',
    '',
    machineSection(fault.machine, 'Run'),
    '',
    `The same load (${fault.options.connections} connections, ${fault.options.duration} s × ${fault.options.rounds} rounds, ${latency} ms services) while pricing instance \`${fault.killed}\` was SIGKILLed (it stays registered until its lease expires) and recommendations was \`down\`. "Error answers" are 2xx answers carrying GraphQL \`errors\` (a field left null, as the schema allows); the rest of each answer is served. "Degraded answers" carry \`extensions.degraded\` (a declared fallback served). B and C run the same subgraph resolvers, so they serve the same fallbacks, but nothing in them reports it; D has no fallbacks (a failed part is null with an error).`,
    '',
    rows.join('\n'),
    '',
  ].join('\n');
}

/** Renders bench/RESULTS.md from the saved results of every mode (and bench/FINDINGS.md); returns its path. */
export function writeResultsMarkdown(): string {
  const compare = loadResults('compare');
  const soak = loadResults('soak');
  const fault = loadResults('fault');
  const goodput = loadResults('goodput');
  const refusals = loadResults('refusals');
  const plain = loadResults('plain');
  const gatewaysBenchmark = loadResults('gateways-benchmark');
  const list = [...targets(compare, soak), ...plainTargets(plain), ...plainTargets(gatewaysBenchmark)];
  const mark = (met: boolean | undefined): string => (met === undefined ? '–' : met ? '✅ met' : '❌ missed');
  const parts = [
    '# Benchmark results',
    '',
    'Rendered by `npm run bench` from the last run of each mode (`bench/results/*.json`); see [bench/README.md](README.md) for how to run it and what is measured.',
    '',
    ...systemIds.map((id) => `- **${id}**: ${systemTitles[id]}`),
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    ...list.map((t) => `| ${t.what} | ${t.measured} | ${mark(t.met)} |`),
    '',
    ...(list.some((t) => t.met === false) ? ['For each target missed, [Profile findings](#profile-findings) below show where the time goes and what would close it.', ''] : []),
  ];
  if (compare) parts.push(compareSection(compare));
  if (soak) parts.push(soakSection(soak));
  if (fault) parts.push(faultSection(fault));
  if (goodput) parts.push(goodputSection(goodput));
  if (refusals) parts.push(refusalsSection(refusals));
  if (plain) parts.push(plainSection(plain));
  if (gatewaysBenchmark) parts.push(gatewaysBenchmarkSection(gatewaysBenchmark));
  // Its headings one level down, under this document's title.
  if (existsSync(findingsFile)) parts.push(readFileSync(findingsFile, 'utf8').replace(/^#/gm, '##'));
  writeFileSync(resultsFile, `${parts.join('\n').trimEnd()}\n`);
  return 'bench/RESULTS.md';
}
