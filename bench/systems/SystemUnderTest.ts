import type { LoadRequest } from '../load/LoadJob.ts';
import type { BenchOperation } from '../operations.ts';

/** The four systems the bench compares. */
export const systemIds = ['A', 'B', 'C', 'D'] as const;
export type SystemId = (typeof systemIds)[number];

/** What each system is, for the report. */
export const systemTitles: Readonly<Record<SystemId, string>> = {
  A: 'this gateway (`npm start`: in-process subgraphs)',
  B: 'plain federation: @apollo/gateway + @apollo/server over @apollo/subgraph servers',
  C: '@graphql-hive/gateway over the same subgraph servers',
  D: 'hand-written node:http endpoint per screen (the floor)',
};

/** One system, running: how to call it and which processes do its work. */
export interface SystemUnderTest {
  readonly id: SystemId;
  /** The request that runs `operation` on this system, as `token`'s holder. */
  request(operation: BenchOperation, token: string): LoadRequest;
  /** The process(es) at the edge that serve `operation` (the gateway). */
  gatewayPids(operation: BenchOperation): number[];
  /** Every process that works on `operation`: the gateway and, for B and C, its subgraph servers. */
  allPids(operation: BenchOperation): number[];
  /** Its Prometheus endpoint, when it has one (A: `/metrics`, with Node's heap gauges). */
  readonly metricsUrl?: string;
}

/** A GraphQL POST of `operation` to `url`. */
export function graphqlRequest(url: string, operation: BenchOperation, token: string): LoadRequest {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: operation.query, variables: operation.variables, operationName: operation.operationName }),
  };
}
