import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallCounter } from '../measure/CallCounter.ts';
import { startBenchProcess, type BenchProcess, type BenchProcessOptions } from '../processes/BenchProcess.ts';
import { composeGatewaysBenchmark, gatewaysBenchmarkUrls } from '../servers/gatewaysBenchmark/composeGatewaysBenchmark.ts';
import { gatewaysBenchmarkQuery } from '../servers/gatewaysBenchmark/testQuery.ts';
import { benchAdmissionEnv } from './benchAdmissionEnv.ts';
import { graphqlRequest, type MeasuredOperation, type SystemId, type SystemUnderTest } from './SystemUnderTest.ts';

/** The public gateways benchmark's one query, as the bench sends it (anonymous, as its load script does). */
export interface GatewaysBenchmarkOperation extends MeasuredOperation {
  readonly operationName: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The one operation of the workload. */
export const gatewaysBenchmarkOperation: GatewaysBenchmarkOperation = { label: 'TestQuery', operationName: 'TestQuery', query: gatewaysBenchmarkQuery, variables: {} };

/** The benchmark's subgraphs process, seen from the bench: its requests per subgraph, and its delay. */
export class GatewaysBenchmarkSubgraphs implements CallCounter {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async #call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#url}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    if (!response.ok) throw new Error(`gateways-benchmark subgraphs ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as unknown;
  }

  async stats(): Promise<Record<string, number>> {
    return (await this.#call('GET', '/stats')) as Record<string, number>;
  }

  async resetStats(): Promise<void> {
    await this.#call('POST', '/stats/reset');
  }

  /** Every subgraph answer `ms` later (the public benchmark's SUBGRAPH_DELAY_MS); 0 for none. */
  async setDelay(ms: number): Promise<void> {
    await this.#call('PUT', '/delay', { ms });
  }
}

/** The workload's systems, started, with the subgraphs process behind them. */
export interface GatewaysBenchmarkSystems {
  readonly systems: SystemUnderTest<GatewaysBenchmarkOperation>[];
  readonly subgraphs: GatewaysBenchmarkSubgraphs;
  readonly gateways: readonly BenchProcess[];
  stop(): Promise<void>;
}

/**
 * Starts the public gateways benchmark's four subgraphs (one process, bench/servers/
 * gatewaysBenchmarkServer.ts), composes their supergraph pointing at it, and starts the gateways
 * asked for over that one file: P (`SUPERGRAPH_FILE=<file> npm start`), B (plain Apollo gateway)
 * and C (Hive gateway). With `profileDir`, every gateway runs under `--cpu-prof` into
 * `<profileDir><id>/`.
 */
export async function startGatewaysBenchmarkSystems(options: { systems: readonly SystemId[]; profileDir?: string }): Promise<GatewaysBenchmarkSystems> {
  const env: Record<string, string> = { APOLLO_TELEMETRY_DISABLED: '1', NODE_ENV: 'development' };
  const processes: BenchProcess[] = [];
  const stop = (): Promise<void> => Promise.all(processes.map((process) => process.stop(5_000))).then(() => undefined);
  try {
    const server = await startBenchProcess({ name: 'gateways-benchmark subgraphs', entry: 'bench/servers/gatewaysBenchmarkServer.ts', env });
    processes.push(server);
    const file = join(mkdtempSync(join(tmpdir(), 'ride-bench-gb-')), 'supergraph.graphql');
    writeFileSync(file, composeGatewaysBenchmark(gatewaysBenchmarkUrls(server.url)));
    const entries: Readonly<Record<SystemId, { entry: string; env: Record<string, string> } | undefined>> = {
      // This gateway as `SUPERGRAPH_FILE=<file> npm start` runs it: demo mode, no fleet, nothing shed.
      P: { entry: 'src/main.ts', env: { ...benchAdmissionEnv, PORT: '0', HOST: '127.0.0.1', DEMO_FLEET: 'false' } },
      B: { entry: 'bench/servers/apolloGatewayServer.ts', env: {} },
      C: { entry: 'bench/servers/hiveGatewayServer.ts', env: {} },
      A: undefined,
      D: undefined,
    };
    const gateways = await Promise.all(
      options.systems.map(async (id) => {
        const entry = entries[id];
        if (!entry) throw new Error(`the gateways benchmark runs P, B and C; not ${id}`);
        const flags = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', `${options.profileDir}${id}`] : [];
        const started: BenchProcessOptions = { name: id, entry: entry.entry, env: { ...env, ...entry.env, SUPERGRAPH_FILE: file }, nodeFlags: flags };
        const process = await startBenchProcess(started);
        processes.push(process);
        return { id, process };
      }),
    );
    const systems = gateways.map(
      ({ id, process }): SystemUnderTest<GatewaysBenchmarkOperation> => ({
        id,
        request: (operation) => graphqlRequest(`${process.url}/graphql`, operation, undefined),
        gatewayPids: () => [process.pid],
        allPids: () => [process.pid, server.pid],
      }),
    );
    systems.sort((x, y) => x.id.localeCompare(y.id));
    return { systems, subgraphs: new GatewaysBenchmarkSubgraphs(server.url), gateways: gateways.map((g) => g.process), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
