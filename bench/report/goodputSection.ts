import { fixed, machineSection, times } from './markdownFormat.ts';
import { median } from './median.ts';
import type { GoodputLevel, GoodputResults } from './resultFiles.ts';

/** Answers that are neither complete nor a clean refusal (503 OVERLOADED with Retry-After, 429), and no answer at all. */
function failuresOf(level: GoodputLevel): number {
  const o = level.outcomes;
  return o.errorAnswers + o.degradedAnswers + o.otherAnswers + level.socketErrors;
}

/** What the failures were, e.g. `3 errors, 2 degraded, 504 × 1, 4 socket`. */
function failureDetail(levels: readonly GoodputLevel[]): string {
  const sum = (pick: (l: GoodputLevel) => number): number => levels.reduce((total, l) => total + pick(l), 0);
  const statuses = new Map<string, number>();
  for (const level of levels) for (const [status, n] of Object.entries(level.outcomes.otherStatuses)) statuses.set(status, (statuses.get(status) ?? 0) + n);
  const parts = [
    sum((l) => l.outcomes.errorAnswers) > 0 ? `${sum((l) => l.outcomes.errorAnswers)} with errors` : '',
    sum((l) => l.outcomes.degradedAnswers) > 0 ? `${sum((l) => l.outcomes.degradedAnswers)} degraded` : '',
    ...[...statuses].map(([status, n]) => `${status} × ${n}`),
    sum((l) => l.socketErrors) > 0 ? `${sum((l) => l.socketErrors)} socket errors/timeouts` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The median over rounds of goodput at `connections` divided by goodput at `base` (same round, same conditions). */
function goodputRatio(levels: readonly GoodputLevel[], connections: number, base: number): number {
  const rounds = [...new Set(levels.map((l) => l.round))];
  return median(
    rounds.flatMap((round) => {
      const at = levels.find((l) => l.round === round && l.connections === connections);
      const low = levels.find((l) => l.round === round && l.connections === base);
      return at && low ? [at.goodputPerSecond / low.goodputPerSecond] : [];
    }),
  );
}

/** RESULTS.md's goodput section: per concurrency level, what A answered completely and what it refused. */
export function goodputSection(goodput: GoodputResults): string {
  const o = goodput.options;
  const levels = [...new Set(goodput.levels.map((l) => l.connections))].sort((a, b) => a - b);
  const base = levels[0];
  const rounds = new Set(goodput.levels.map((l) => l.round)).size;
  const env = goodput.admissionEnv;
  const rows = [
    '| connections | offered req/s | goodput (complete/s) | complete / answered | 503 OVERLOADED | 429 | other failures | complete p50 ms | complete p99 ms | 503 p50 / p99 ms | A CPU s / 1k complete | limit after | generator CPU |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const connections of levels) {
    const ls = goodput.levels.filter((l) => l.connections === connections);
    const med = (pick: (l: GoodputLevel) => number): number => median(ls.map(pick));
    const sum = (pick: (l: GoodputLevel) => number): number => ls.reduce((total, l) => total + pick(l), 0);
    const answered = (l: GoodputLevel): number => {
      const x = l.outcomes;
      return x.complete + x.overloaded + x.rateLimited + x.errorAnswers + x.degradedAnswers + x.otherAnswers;
    };
    rows.push(
      [
        '',
        connections,
        fixed(med((l) => l.offeredPerSecond), 0),
        `**${fixed(med((l) => l.goodputPerSecond), 0)}**`,
        `${fixed(100 * med((l) => l.outcomes.complete / Math.max(answered(l), 1)), 1)} %`,
        sum((l) => l.outcomes.overloaded),
        sum((l) => l.outcomes.rateLimited),
        `${sum(failuresOf)}${failureDetail(ls)}`,
        fixed(med((l) => l.outcomes.completeP50 ?? Number.NaN), 1),
        fixed(med((l) => l.outcomes.completeP99 ?? Number.NaN), 1),
        `${fixed(med((l) => l.outcomes.overloadedP50 ?? Number.NaN), 1)} / ${fixed(med((l) => l.outcomes.overloadedP99 ?? Number.NaN), 1)}`,
        fixed(med((l) => (l.gatewayCpuSeconds / Math.max(l.outcomes.complete, 1)) * 1000), 2),
        ls.map((l) => l.limitAfter ?? '?').join(', '),
        `${fixed(100 * med((l) => l.generatorCpuSeconds / l.seconds), 0)} %`,
        '',
      ].join(' | ').trim(),
    );
  }
  const ratios = levels
    .slice(1)
    .map((connections) => `goodput(${connections}) / goodput(${base}) = **${times(base === undefined ? Number.NaN : goodputRatio(goodput.levels, connections, base))}**`);
  return [
    '## Goodput under concurrency',
    '',
    machineSection(goodput.machine, 'Run'),
    '',
    `${goodput.operation} on A at ${levels.join(', ')} connections, ${o.duration} s each (lowest first), ${rounds} round(s), ${goodput.latencyMs} ms services, after ${o.warmup} s of warm-up. A runs with its default load shedding (in-flight limit ${env.ADMISSION_MIN_IN_FLIGHT ?? '?'}..${env.ADMISSION_MAX_IN_FLIGHT ?? '?'}, starting at ${env.ADMISSION_INITIAL_IN_FLIGHT ?? '?'}, lowered when an answer takes over ${env.ADMISSION_LATENCY_MS ?? '?'} ms; event-loop shedding past ${env.ADMISSION_EVENT_LOOP_P99_MS ?? '?'} ms p99) and rate limits out of the way (every connection is the same demo rider). Each connection sends its next request as soon as the last was answered, refusals included (it does not wait for Retry-After).`,
    '',
    `Ratios (median of the per-round ratios): ${ratios.join(' · ') || '–'}. Goodput should hold as concurrency grows: the excess is refused at once (503 OVERLOADED) instead of slowing every request past its deadline.`,
    '',
    rows.join('\n'),
    '',
    `Rates and latencies are medians over the rounds; counts are totals. Complete = HTTP 200 without \`errors\` and without \`extensions.degraded\`; 503 OVERLOADED counts only 503s whose code is \`OVERLOADED\` and that carry \`Retry-After\` (any other 503 is an "other failure"). "limit after" is A's adaptive in-flight limit after each round's level (\`/readyz\`). "generator CPU" is the load generator's share of one core: near 100 % it, not A, limits the offered rate.`,
    '',
  ].join('\n');
}
