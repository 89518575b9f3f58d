import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientName } from '../../src/config/index.ts';
import { demoSecrets } from '../../src/config/index.ts';
import { composeClients } from '../../src/federation/index.ts';
import { domainSubgraphNames } from '../../src/schemas/index.ts';
import { startBenchProcess, type BenchProcess, type BenchProcessOptions } from '../processes/BenchProcess.ts';
import { benchAdmissionEnv } from './benchAdmissionEnv.ts';
import { graphqlRequest, type SystemId, type SystemUnderTest } from './SystemUnderTest.ts';

/** The clients whose screens the bench measures. */
const benchClients: readonly ClientName[] = ['passenger', 'web'];

/** Options of {@link startSystems}. */
export interface StartSystemsOptions {
  readonly systems: readonly SystemId[];
  readonly registryUrl: string;
  /** When set, every gateway process runs under `--cpu-prof`, writing its profiles into `<this directory><name>/`. */
  readonly profileDir?: string;
  /** A's admission and rate-limit variables (default {@link benchAdmissionEnv}: nothing shed, nothing rate-limited). */
  readonly admissionEnv?: Readonly<Record<string, string>>;
}

/** The systems, started, and every process behind them. */
export interface StartedSystems {
  readonly systems: SystemUnderTest[];
  /** The gateway processes: A's, B's and C's per client (`B:passenger`), D's. Profiled ones write into `<profileDir><name>/`. */
  readonly gateways: readonly BenchProcess[];
  stop(): Promise<void>;
}

const sharedEnv = (registryUrl: string): Record<string, string> => ({
  REGISTRY_URL: registryUrl,
  REGISTRY_TOKEN: demoSecrets.registryToken,
  JWT_SECRET: demoSecrets.jwtSecret,
  APOLLO_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'development',
});

/**
 * Starts the systems asked for, each in its own process(es), all over the one registry (and so the
 * one demo fleet):
 * - A: `src/main.ts` as `npm start` runs it, with the registry at REGISTRY_URL and no fleet of its own;
 * - B: one `@apollo/subgraph` server per subgraph (7 domain + each client's BFF) and one plain
 *   Apollo gateway per client over them; C: one Hive gateway per client over the same servers;
 * - D: the hand-written endpoints.
 */
export async function startSystems(options: StartSystemsOptions): Promise<StartedSystems> {
  const env = sharedEnv(options.registryUrl);
  const wanted = new Set(options.systems);
  const processes: BenchProcess[] = [];
  const track = async (started: Promise<BenchProcess>): Promise<BenchProcess> => {
    const process = await started;
    processes.push(process);
    return process;
  };
  const gateways: BenchProcess[] = [];
  const { profileDir } = options;
  const gateway = async (process: BenchProcessOptions): Promise<BenchProcess> => {
    // A directory per process: `--import tsx` runs a loader thread that writes its own profile.
    const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', `${profileDir}${process.name.replace(':', '-')}`] : [];
    const started = await track(startBenchProcess({ ...process, nodeFlags: [...flags, ...(process.nodeFlags ?? [])] }));
    gateways.push(started);
    return started;
  };
  try {
    const systems: SystemUnderTest[] = [];
    const pending: Promise<unknown>[] = [];
    if (wanted.has('A')) {
      pending.push(
        gateway({ name: 'A', entry: 'src/main.ts', env: { ...env, ...(options.admissionEnv ?? benchAdmissionEnv), PORT: '0', HOST: '127.0.0.1', DEMO_FLEET: 'false' } }).then((a) => {
          systems.push({
            id: 'A',
            request: (operation, token) => graphqlRequest(`${a.url}/${operation.client}/graphql`, operation, token),
            gatewayPids: () => [a.pid],
            allPids: () => [a.pid],
            metricsUrl: `${a.url}/metrics`,
          });
        }),
      );
    }
    if (wanted.has('D')) {
      pending.push(
        gateway({ name: 'D', entry: 'bench/servers/handwrittenServer.ts', env }).then((d) => {
          systems.push({
            id: 'D',
            request: (operation, token) => ({ url: `${d.url}${operation.handwrittenPath}`, method: 'GET', headers: { authorization: `Bearer ${token}` } }),
            gatewayPids: () => [d.pid],
            allPids: () => [d.pid],
          });
        }),
      );
    }
    if (wanted.has('B') || wanted.has('C')) {
      pending.push(startFederation(wanted, env, track, gateway).then((federated) => systems.push(...federated)));
    }
    await Promise.all(pending);
    systems.sort((x, y) => x.id.localeCompare(y.id));
    return { systems, gateways, stop: () => stopAll(processes) };
  } catch (error) {
    await stopAll(processes);
    throw error;
  }
}

async function stopAll(processes: readonly BenchProcess[]): Promise<void> {
  await Promise.all(processes.map((process) => process.stop(5_000)));
}

/** B and C: the subgraph servers, the supergraph files pointing at them, and the gateways. */
async function startFederation(
  wanted: ReadonlySet<SystemId>,
  env: Record<string, string>,
  track: (started: Promise<BenchProcess>) => Promise<BenchProcess>,
  gateway: (process: BenchProcessOptions) => Promise<BenchProcess>,
): Promise<SystemUnderTest[]> {
  const subgraphNames = [...domainSubgraphNames, ...benchClients.map((client) => `bff-${client}`)];
  const servers = new Map<string, BenchProcess>(
    await Promise.all(
      subgraphNames.map(
        async (name) =>
          [name, await track(startBenchProcess({ name: `subgraph ${name}`, entry: 'bench/servers/subgraphServer.ts', env: { ...env, SUBGRAPH: name } }))] as const,
      ),
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'ride-bench-'));
  const supergraphs = composeClients();
  const files = new Map<ClientName, string>();
  for (const client of benchClients) {
    // The same composed supergraph the gateway under test plans with; only the subgraph URLs differ.
    const sdl = supergraphs[client].supergraphSdl.replace(/url: "local:\/\/([^"]+)"/g, (_match, name: string) => {
      const server = servers.get(name);
      if (!server) throw new Error(`no subgraph server for ${name}`);
      return `url: "${server.url}/graphql"`;
    });
    const file = join(dir, `${client}.supergraph.graphql`);
    writeFileSync(file, sdl);
    files.set(client, file);
  }
  const subgraphPids = (client: ClientName): number[] =>
    [...domainSubgraphNames, `bff-${client}`].map((name) => servers.get(name)?.pid ?? -1);

  const gatewaysOf = async (id: 'B' | 'C', entry: string): Promise<SystemUnderTest> => {
    const gateways = new Map<ClientName, BenchProcess>(
      await Promise.all(
        benchClients.map(
          async (client) =>
            [
              client,
              await gateway({ name: `${id}:${client}`, entry, env: { ...env, CLIENT: client, SUPERGRAPH_FILE: files.get(client) ?? '' } }),
            ] as const,
        ),
      ),
    );
    const of = (client: ClientName): BenchProcess => {
      const process = gateways.get(client);
      if (!process) throw new Error(`${id} has no gateway for ${client}`);
      return process;
    };
    return {
      id,
      request: (operation, token) => graphqlRequest(`${of(operation.client).url}/graphql`, operation, token),
      gatewayPids: (operation) => [of(operation.client).pid],
      allPids: (operation) => [of(operation.client).pid, ...subgraphPids(operation.client)],
    };
  };
  const started: Promise<SystemUnderTest>[] = [];
  if (wanted.has('B')) started.push(gatewaysOf('B', 'bench/servers/apolloGatewayServer.ts'));
  if (wanted.has('C')) started.push(gatewaysOf('C', 'bench/servers/hiveGatewayServer.ts'));
  return Promise.all(started);
}
