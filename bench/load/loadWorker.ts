/**
 * The load generator, in its own process: runs autocannon for each {@link LoadJob} the parent
 * sends over IPC and answers a {@link LoadResult}. Bodies are only scanned for `"errors"` and
 * `"degraded"` (no JSON parse), to keep the generator's own CPU small, unless the job asks for
 * `outcomes` (then every answer is parsed and classified by {@link OutcomeTally}).
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './LoadJob.ts';
import { OutcomeTally } from './OutcomeTally.ts';

function run(job: LoadJob): Promise<LoadResult> {
  let errorBodies = 0;
  let degradedBodies = 0;
  let clients = 0;
  const authorizations = job.authorizations ?? [];
  const tally = job.outcomes ? new OutcomeTally() : undefined;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.request.url,
        connections: job.connections,
        duration: job.duration,
        timeout: 10,
        setupClient: (client: autocannon.Client) => {
          const authorization = authorizations[clients++ % Math.max(authorizations.length, 1)];
          if (authorization) client.setHeaders({ ...job.request.headers, authorization });
          if (tally) client.on('response', (status, _bytes, latencyMs) => tally.record(status, latencyMs));
        },
        requests: [
          {
            method: job.request.method,
            headers: job.request.headers,
            ...(job.request.body === undefined ? {} : { body: job.request.body }),
            onResponse: (status: number, body: string, _context: unknown, headers: Record<string, string | string[]>) => {
              tally?.classify(status, body, headers);
              if (status < 200 || status >= 300) return;
              if (body.includes('"errors":')) errorBodies++;
              if (body.includes('"degraded":')) degradedBodies++;
            },
          },
        ],
      },
      (error: Error | null, result: autocannon.Result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        const requests = result.requests.total;
        let outcomes;
        try {
          outcomes = tally?.summary();
        } catch (summaryError) {
          return reject(summaryError instanceof Error ? summaryError : new Error(String(summaryError)));
        }
        resolve({
          requests,
          sent: Math.max(result.requests.sent ?? requests, requests),
          seconds,
          requestsPerSecond: requests / seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          socketErrors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          errorBodies,
          degradedBodies,
          ...(outcomes ? { outcomes } : {}),
        });
      },
    );
  });
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
