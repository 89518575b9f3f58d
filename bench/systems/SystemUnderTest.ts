import type { LoadRequest } from '../load/LoadJob.ts';
import type { BenchOperation } from '../operations.ts';

/** The systems the bench compares: A–D on the demo fleet, and P (this gateway in plain federation mode). */
export const systemIds = ['A', 'B', 'C', 'D', 'P'] as const;
export type SystemId = (typeof systemIds)[number];

/** What each system is, for the report. */
export const systemTitles: Readonly<Record<SystemId, string>> = {
  A: 'this gateway (`npm start`: in-process subgraphs)',
  B: 'plain federation: @apollo/gateway + @apollo/server over @apollo/subgraph servers',
  C: '@graphql-hive/gateway over the same subgraph servers',
  D: 'hand-written node:http endpoint per screen (the floor)',
  P: 'this gateway in plain federation mode (`SUPERGRAPH_FILE`): every subgraph remote, the same servers as B and C',
};

/** What every measured operation has: the label of its row. */
export interface MeasuredOperation {
  readonly label: string;
}

/** One system, running: how to call it and which processes do its work. */
export interface SystemUnderTest<Op extends MeasuredOperation = BenchOperation> {
  readonly id: SystemId;
  /** The request that runs `operation` on this system, as `token`'s holder. */
  request(operation: Op, token: string): LoadRequest;
  /** The process(es) at the edge that serve `operation` (the gateway). */
  gatewayPids(operation: Op): number[];
  /** Every process that works on `operation`: the gateway and, for B, C and P, its subgraph servers. */
  allPids(operation: Op): number[];
  /** The name of the gateway process serving `operation` (its profile directory); default the id. */
  gatewayName?(operation: Op): string;
  /** Its Prometheus endpoint, when it has one (A: `/metrics`, with Node's heap gauges). */
  readonly metricsUrl?: string;
}

/** A GraphQL POST of `operation` to `url`, with more `headers` when given. */
export function graphqlRequest(
  url: string,
  operation: { readonly query: string; readonly variables: Readonly<Record<string, unknown>>; readonly operationName: string; readonly documentId?: string },
  token: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): LoadRequest {
  // A trusted document is sent by its id only (this gateway resolves it); anything else as text.
  const request = operation.documentId ? { documentId: operation.documentId, variables: operation.variables } : { query: operation.query, variables: operation.variables, operationName: operation.operationName };
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(request),
  };
}
