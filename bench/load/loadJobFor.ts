import type { BenchEnvironment } from '../BenchEnvironment.ts';
import type { BenchOperation } from '../operations.ts';
import type { SystemUnderTest } from '../systems/SystemUnderTest.ts';
import type { LoadJob } from './LoadJob.ts';

/**
 * Steady load of `operation` on `system`: every connection is its own session of the demo user
 * (its own token), so no two requests in flight are identical. (Identical in-flight requests would
 * let a gateway that deduplicates them, as Hive Gateway does with subgraph fetches, skip work
 * that real traffic from many users never lets it skip.)
 */
export function loadJobFor(env: BenchEnvironment, system: SystemUnderTest, operation: BenchOperation, connections: number, duration: number): LoadJob {
  return {
    request: system.request(operation, env.tokens[operation.client]),
    connections,
    duration,
    authorizations: env.sessions[operation.client].map((token) => `Bearer ${token}`),
  };
}
