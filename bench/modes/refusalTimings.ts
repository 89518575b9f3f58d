import { hostileDocuments, type HostileDocument } from '../../test/harness/hostileDocuments.ts';
import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOptions } from '../BenchOptions.ts';
import { SequentialClient, type TimedAnswer, type TimedRequest } from '../load/SequentialClient.ts';
import { machineInfo } from '../report/machineInfo.ts';
import { median } from '../report/median.ts';
import type { RefusalResults, RefusalTiming, TimingStats } from '../report/resultFiles.ts';
import { guardCaching } from './guardCaching.ts';

/** Unmeasured iterations per document first (JIT, connection, the repeated text into the guard's cache). */
const warmupIterations = 20;
/** Unmeasured baseline requests before the first document. */
const baselineWarmup = 100;
/** Longest a document's measured loop may run, ms: it stops early (fewer samples) past this. */
const maxMsPerDocument = 60_000;

/** The baseline: the cheapest request that goes the whole way (admission, guard, Apollo Server, an answer). */
const baselineRequest: TimedRequest = {
  path: '/web/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ __typename }' }),
};

/** Nearest-rank p99 and the median of some latencies, ms. */
function stats(values: readonly number[]): TimingStats {
  const sorted = [...values].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(0.99 * sorted.length) - 1))] ?? Number.NaN;
  return { samples: values.length, median: median(values), p99 };
}

function refusalCode(answer: TimedAnswer): string | undefined {
  try {
    const body = JSON.parse(answer.body) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the baseline and fails the run unless it is answered (a refused baseline would make every ratio meaningless). */
async function sendBaseline(client: SequentialClient): Promise<number> {
  const answer = await client.post(baselineRequest);
  if (answer.status !== 200 || !answer.body.includes('"__typename"')) {
    throw new Error(`the baseline { __typename } was not answered: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
  return answer.ms;
}

/** What timing one document needs. */
interface DocumentRun {
  readonly client: SequentialClient;
  readonly document: HostileDocument;
  /** The demo token of the document's client (sent unless the document is anonymous). */
  readonly token: string;
  readonly samples: number;
  /** A number never used before in this run, for the first-seen texts. */
  readonly nextId: () => number;
  /** Receives every measured baseline latency, for the run's baseline. */
  readonly baselineSink: number[];
}

/**
 * Times one document: per iteration one baseline, one first-seen and one repeated request, their
 * order rotating, so that all three see the same conditions; `samples` iterations after a warm-up.
 */
async function timeDocument(run: DocumentRun): Promise<RefusalTiming> {
  const { client, document, token, samples, nextId } = run;
  const request = (query: string): TimedRequest => ({
    path: `/${document.client}/graphql`,
    headers: { 'content-type': 'application/json', ...(document.anonymous ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables: document.variables }),
  });
  const repeatedRequest = request(document.query);
  let unexpected = 0;
  let unexpectedExample: string | undefined;
  const sendRefused = async (timed: TimedRequest): Promise<number> => {
    const answer = await client.post(timed);
    const code = refusalCode(answer);
    if (code !== document.code) {
      unexpected++;
      unexpectedExample ??= `${answer.status} ${code ?? answer.body.slice(0, 200)}`;
    }
    return answer.ms;
  };
  // A comment is no token and changes the text, so each first-seen request misses the guard's cache.
  const firstSeen = (): TimedRequest => request(`${document.query}\n# ${nextId()}`);
  const measuredMs = { baseline: [] as number[], firstSeen: [] as number[], repeated: [] as number[] };
  const kinds = ['baseline', 'firstSeen', 'repeated'] as const;
  const deadline = performance.now() + maxMsPerDocument;
  for (let i = -warmupIterations; i < samples && performance.now() < deadline; i++) {
    for (let step = 0; step < kinds.length; step++) {
      const kind = kinds[(step + i + warmupIterations) % kinds.length] ?? 'baseline';
      const ms = kind === 'baseline' ? await sendBaseline(client) : await sendRefused(kind === 'firstSeen' ? firstSeen() : repeatedRequest);
      if (i >= 0) measuredMs[kind].push(ms);
    }
  }
  run.baselineSink.push(...measuredMs.baseline);
  const baseline = stats(measuredMs.baseline);
  const first = stats(measuredMs.firstSeen);
  const repeated = stats(measuredMs.repeated);
  return {
    name: document.name,
    client: document.client,
    anonymous: document.anonymous,
    code: document.code,
    bodyBytes: Buffer.byteLength(repeatedRequest.body),
    cached: guardCaching(document.code, document.query),
    firstSeen: first,
    repeated,
    baseline,
    firstSeenRatio: first.median / baseline.median,
    repeatedRatio: repeated.median / baseline.median,
    unexpected,
    ...(unexpectedExample === undefined ? {} : { unexpectedExample }),
  };
}

/** One line per document on the console. */
export function formatRefusalTiming(t: RefusalTiming): string {
  return [
    t.name.slice(0, 48).padEnd(48),
    t.code.padEnd(28),
    `first ${t.firstSeen.median.toFixed(2).padStart(6)} (${t.firstSeenRatio.toFixed(2)}×)`,
    `repeated ${t.repeated.median.toFixed(2).padStart(6)} (${t.repeatedRatio.toFixed(2)}×)`,
    `baseline ${t.baseline.median.toFixed(2).padStart(5)} ms`,
    t.unexpected > 0 ? `UNEXPECTED ${t.unexpected}: ${t.unexpectedExample ?? ''}` : '',
  ].join('  ');
}

/**
 * Refusal mode: for every hostile document of test/harness/hostileDocuments.ts, the time A takes
 * to refuse it as one caller sees it (sequential requests on one keep-alive connection), when its
 * text is new (parsed and checked from scratch) and when it is repeated (the guard's memory),
 * against `{ __typename }` on /web/graphql timed alongside it. A runs with the bench's generous
 * admission and rate limits (one caller sends everything here).
 */
export async function refusalTimings(env: BenchEnvironment, options: BenchOptions, log: (line: string) => void): Promise<RefusalResults> {
  const origin = env.systems.gateways.find((g) => g.name === 'A')?.url;
  if (!origin) throw new Error('refusal mode needs system A');
  const client = new SequentialClient(origin);
  let unique = 0;
  const nextId = (): number => ++unique;
  try {
    for (let i = 0; i < baselineWarmup; i++) await sendBaseline(client);
    log(`refusals: ${hostileDocuments.length} documents, ${options.samples} samples of each kind after ${warmupIterations} unmeasured`);
    const documents: RefusalTiming[] = [];
    const baselineMs: number[] = [];
    for (const document of hostileDocuments) {
      const timing = await timeDocument({ client, document, token: env.tokens[document.client], samples: options.samples, nextId, baselineSink: baselineMs });
      documents.push(timing);
      log(formatRefusalTiming(timing));
    }
    // The run's baseline: every interleaved sample together (each document's own is beside it).
    return { kind: 'refusals', machine: machineInfo(), options, baseline: stats(baselineMs), documents };
  } finally {
    await client.close();
  }
}
