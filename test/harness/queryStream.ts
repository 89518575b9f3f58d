import type { GraphQLResult, RunningSystem } from './startSystem.ts';

/** One failed query of a stream: HTTP status, errors or degraded parts. */
export interface StreamFailure {
  readonly at: number;
  readonly status: number;
  readonly detail: string;
}

/** A steady stream of queries against a gateway, `concurrency` at a time, until stopped. */
export interface QueryStream {
  /** Queries answered so far (failed ones included). */
  readonly done: () => number;
  readonly failures: () => readonly StreamFailure[];
  /** Stops sending and waits for the queries in flight; resolves with the totals. */
  stop(): Promise<{ done: number; failures: readonly StreamFailure[] }>;
}

/**
 * Sends `run()` back to back on `concurrency` lanes. A query fails when the HTTP status is not 200,
 * when it has `errors`, or when `extensions.degraded` is not empty (a fallback answered).
 */
export function startQueryStream(run: () => Promise<GraphQLResult>, concurrency = 4): QueryStream {
  let done = 0;
  let running = true;
  const failures: StreamFailure[] = [];
  const lane = async (): Promise<void> => {
    while (running) {
      let result: GraphQLResult | undefined;
      let thrown: unknown;
      try {
        result = await run();
      } catch (error) {
        thrown = error;
      }
      done += 1;
      const degraded = result?.extensions?.['degraded'];
      if (thrown !== undefined) failures.push({ at: Date.now(), status: 0, detail: String(thrown) });
      else if (result === undefined || result.status !== 200 || (result.errors?.length ?? 0) > 0 || (Array.isArray(degraded) && degraded.length > 0)) {
        failures.push({ at: Date.now(), status: result?.status ?? 0, detail: JSON.stringify({ errors: result?.errors, degraded }).slice(0, 500) });
      }
    }
  };
  const lanes = Array.from({ length: concurrency }, () => lane());
  return {
    done: () => done,
    failures: () => failures,
    async stop() {
      running = false;
      await Promise.all(lanes);
      return { done, failures };
    },
  };
}

/** The instance ids per service that a gateway routes to, from its `/readyz` details. */
export async function gatewayView(system: Pick<RunningSystem, 'url'>): Promise<{
  status: number;
  registry: { kind: string; reachable: boolean; lastError?: string };
  services: Record<string, { instances: string[]; ejected: string[]; panic: boolean }>;
}> {
  const response = await fetch(`${system.url}/readyz`);
  const body = (await response.json()) as {
    registry: { kind: string; reachable: boolean };
    discovery: { services: Record<string, { instances: string[]; ejected: string[]; panic: boolean }> };
  };
  return { status: response.status, registry: body.registry, services: body.discovery.services };
}
