import type { LoadOutcomes } from './LoadJob.ts';

/** What one answer was, for the caller. */
type Outcome = 'complete' | 'overloaded' | 'rateLimited' | 'errorAnswers' | 'degradedAnswers' | 'otherAnswers';

/** The parts of a GraphQL-over-HTTP body the classification reads. */
interface GraphQLBody {
  readonly data?: unknown;
  readonly errors?: readonly { readonly extensions?: { readonly code?: unknown } }[];
  readonly extensions?: { readonly degraded?: unknown };
}

function parseBody(body: string): GraphQLBody | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as GraphQLBody) : undefined;
  } catch {
    return undefined;
  }
}

function headerValue(headers: Readonly<Record<string, string | string[]>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Nearest-rank p50 and p99 of unsorted values (sorts them); undefined for none. */
function percentiles(values: number[]): { p50: number; p99: number } | undefined {
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  const at = (p: number): number => values[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))] ?? 0;
  return { p50: at(50), p99: at(99) };
}

/**
 * Counts the answers of a load run by what the caller got ({@link LoadOutcomes}) and keeps the
 * latencies of complete answers and of 503 OVERLOADED refusals.
 *
 * autocannon hands the body to the request's `onResponse` hook ({@link classify}) and the latency
 * to the connection's `response` event ({@link record}); it calls the two back to back, in that
 * order, for each answer, on one thread, so the outcome waiting between them is that answer's.
 * The status is passed to both and compared, and a pair that does not match fails the run instead
 * of mislabelling latencies (e.g. if a later autocannon changed that order).
 */
export class OutcomeTally {
  readonly #counts: Record<Outcome, number> = { complete: 0, overloaded: 0, rateLimited: 0, errorAnswers: 0, degradedAnswers: 0, otherAnswers: 0 };
  readonly #otherStatuses: Record<string, number> = {};
  readonly #completeMs: number[] = [];
  readonly #overloadedMs: number[] = [];
  #pending: { status: number; outcome: Outcome } | undefined;
  #unpaired = 0;

  /** One answer's status, body and headers (autocannon's `onResponse`). */
  classify(status: number, body: string, headers: Readonly<Record<string, string | string[]>>): void {
    if (this.#pending) this.#unpaired++;
    const outcome = this.#outcomeOf(status, body, headers);
    if (outcome === 'otherAnswers') this.#otherStatuses[String(status)] = (this.#otherStatuses[String(status)] ?? 0) + 1;
    this.#pending = { status, outcome };
  }

  /** The same answer's status and latency (the connection's `response` event), ms. */
  record(status: number, latencyMs: number): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending || pending.status !== status) {
      this.#unpaired++;
      return;
    }
    this.#counts[pending.outcome]++;
    if (pending.outcome === 'complete') this.#completeMs.push(latencyMs);
    if (pending.outcome === 'overloaded') this.#overloadedMs.push(latencyMs);
  }

  /** The counts and percentiles; throws when a body and a latency could not be paired. */
  summary(): LoadOutcomes {
    if (this.#unpaired > 0) throw new Error(`${this.#unpaired} answers could not be paired with their latency (autocannon's hook order changed?)`);
    const complete = percentiles(this.#completeMs);
    const overloaded = percentiles(this.#overloadedMs);
    return {
      ...this.#counts,
      otherStatuses: { ...this.#otherStatuses },
      ...(complete ? { completeP50: complete.p50, completeP99: complete.p99 } : {}),
      ...(overloaded ? { overloadedP50: overloaded.p50, overloadedP99: overloaded.p99 } : {}),
    };
  }

  #outcomeOf(status: number, body: string, headers: Readonly<Record<string, string | string[]>>): Outcome {
    if (status === 429) return 'rateLimited';
    if (status === 503) {
      const code = parseBody(body)?.errors?.[0]?.extensions?.code;
      // A shed answer must say so and say when to come back; a 503 of another kind is a failure.
      return code === 'OVERLOADED' && headerValue(headers, 'retry-after') !== undefined ? 'overloaded' : 'otherAnswers';
    }
    if (status !== 200) return 'otherAnswers';
    const parsed = parseBody(body);
    if (!parsed || parsed.data === undefined || parsed.data === null) return parsed?.errors?.length ? 'errorAnswers' : 'otherAnswers';
    if (parsed.errors && parsed.errors.length > 0) return 'errorAnswers';
    const degraded = parsed.extensions?.degraded;
    if (Array.isArray(degraded) ? degraded.length > 0 : degraded !== undefined && degraded !== null) return 'degradedAnswers';
    return 'complete';
  }
}
