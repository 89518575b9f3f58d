import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientName } from '../../src/config/index.ts';
import { demoSecrets } from '../../src/config/index.ts';
import { composeClients } from '../../src/federation/index.ts';
import type { BenchOperation } from '../operations.ts';
import { startBenchProcess, type BenchProcess, type BenchProcessOptions } from '../processes/BenchProcess.ts';
import { benchAdmissionEnv } from './benchAdmissionEnv.ts';
import { benchIdentitySecret } from './benchIdentitySecret.ts';
import { pointSupergraphAt, supergraphSubgraphNames } from './pointSupergraphAt.ts';
import { graphqlRequest, type SystemId, type SystemUnderTest } from './SystemUnderTest.ts';

/** The clients whose screens the bench measures. */
const benchClients: readonly ClientName[] = ['passenger', 'web'];

/** Options of {@link startSystems}. */
export interface StartSystemsOptions {
  readonly systems: readonly SystemId[];
  readonly registryUrl: string;
  /** When set, every gateway process runs under `--cpu-prof`, writing its profiles into `<this directory><name>/`. */
  readonly profileDir?: string;
  /** A's and P's admission and rate-limit variables (default {@link benchAdmissionEnv}: nothing shed, nothing rate-limited). */
  readonly admissionEnv?: Readonly<Record<string, string>>;
  /**
   * The remote subgraphs (run by the fleet, e.g. `promotions`) and the URLs of their running
   * instances: B, C and P reach the first, D round-robins over all, A finds them in the registry.
   */
  readonly remoteSubgraphs?: ReadonlyMap<string, readonly string[]>;
}

/** The systems, started, and every process behind them. */
export interface StartedSystems {
  readonly systems: SystemUnderTest[];
  /** The gateway processes: A's, B's, C's and P's per client (`B:passenger`), D's. Profiled ones write into `<profileDir><name>/`. */
  readonly gateways: readonly BenchProcess[];
  stop(): Promise<void>;
}

const sharedEnv = (registryUrl: string): Record<string, string> => ({
  REGISTRY_URL: registryUrl,
  REGISTRY_TOKEN: demoSecrets.registryToken,
  JWT_SECRET: demoSecrets.jwtSecret,
  IDENTITY_SECRET: benchIdentitySecret,
  APOLLO_TELEMETRY_DISABLED: '1',
  NODE_ENV: 'development',
});

/**
 * Starts the systems asked for, each in its own process(es), all over the one registry (and so the
 * one demo fleet):
 * - A: `src/main.ts` as `npm start` runs it, with the registry at REGISTRY_URL and no fleet of its own;
 * - B: one `@apollo/subgraph` server per in-process subgraph (7 domain + each client's BFF) and one
 *   plain Apollo gateway per client over them and the remote subgraphs' instances; C: one Hive
 *   gateway per client over the same; P: this gateway in plain federation mode, one per client,
 *   over the same;
 * - D: the hand-written endpoints.
 */
export async function startSystems(options: StartSystemsOptions): Promise<StartedSystems> {
  const env = sharedEnv(options.registryUrl);
  const wanted = new Set(options.systems);
  const remoteSubgraphs = options.remoteSubgraphs ?? new Map<string, readonly string[]>();
  const admissionEnv = options.admissionEnv ?? benchAdmissionEnv;
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
        gateway({ name: 'A', entry: 'src/main.ts', env: { ...env, ...admissionEnv, PORT: '0', HOST: '127.0.0.1', DEMO_FLEET: 'false' } }).then((a) => {
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
        gateway({ name: 'D', entry: 'bench/servers/handwrittenServer.ts', env: { ...env, PROMOTIONS_URLS: (remoteSubgraphs.get('promotions') ?? []).join(',') } }).then((d) => {
          systems.push({
            id: 'D',
            request: (operation, token) => ({ url: `${d.url}${operation.handwrittenPath}`, method: 'GET', headers: { authorization: `Bearer ${token}` } }),
            gatewayPids: () => [d.pid],
            allPids: () => [d.pid],
          });
        }),
      );
    }
    if (wanted.has('B') || wanted.has('C') || wanted.has('P')) {
      pending.push(startFederation({ wanted, env, admissionEnv, remoteSubgraphs, track, gateway }).then((federated) => systems.push(...federated)));
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

/** What {@link startFederation} needs. */
interface FederationInput {
  readonly wanted: ReadonlySet<SystemId>;
  readonly env: Readonly<Record<string, string>>;
  readonly admissionEnv: Readonly<Record<string, string>>;
  readonly remoteSubgraphs: ReadonlyMap<string, readonly string[]>;
  track(started: Promise<BenchProcess>): Promise<BenchProcess>;
  gateway(process: BenchProcessOptions): Promise<BenchProcess>;
}

/**
 * B, C and P: a server per in-process subgraph of the clients' supergraphs, the supergraph files
 * pointing at them (and at the first instance of each remote subgraph), and the gateways.
 */
async function startFederation(input: FederationInput): Promise<SystemUnderTest[]> {
  const { wanted, env, remoteSubgraphs } = input;
  const supergraphs = composeClients();
  const subgraphsOf = new Map(benchClients.map((client) => [client, supergraphSubgraphNames(supergraphs[client].supergraphSdl)]));
  const remoteOf = (client: ClientName): string[] => (subgraphsOf.get(client) ?? []).filter((name) => remoteSubgraphs.has(name));
  const localNames = [...new Set([...subgraphsOf.values()].flat())].filter((name) => !remoteSubgraphs.has(name));
  const servers = new Map<string, BenchProcess>(
    await Promise.all(
      localNames.map(
        async (name) =>
          [name, await input.track(startBenchProcess({ name: `subgraph ${name}`, entry: 'bench/servers/subgraphServer.ts', env: { ...env, SUBGRAPH: name } }))] as const,
      ),
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'ride-bench-'));
  const files = new Map<ClientName, string>();
  for (const client of benchClients) {
    // The same composed supergraph the gateway under test plans with; only the subgraph URLs differ.
    const sdl = pointSupergraphAt(supergraphs[client].supergraphSdl, (name) => {
      const server = servers.get(name);
      return server ? `${server.url}/graphql` : remoteSubgraphs.get(name)?.[0];
    });
    const file = join(dir, `${client}.supergraph.graphql`);
    writeFileSync(file, sdl);
    files.set(client, file);
  }
  const subgraphPids = (client: ClientName): number[] => (subgraphsOf.get(client) ?? []).flatMap((name) => (servers.has(name) ? [servers.get(name)?.pid ?? -1] : []));

  const gatewaysOf = async (id: 'B' | 'C' | 'P', entry: string, extraEnv: (client: ClientName) => Record<string, string>): Promise<SystemUnderTest> => {
    const gateways = new Map<ClientName, BenchProcess>(
      await Promise.all(
        benchClients.map(
          async (client) =>
            [client, await input.gateway({ name: `${id}:${client}`, entry, env: { ...env, SUPERGRAPH_FILE: files.get(client) ?? '', ...extraEnv(client) } })] as const,
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
      // P is a drop-in for B: the client says which app it is (`x-bff-client`, which B and C set themselves) and P forwards it.
      request: (operation: BenchOperation, token: string) =>
        graphqlRequest(`${of(operation.client).url}/graphql`, operation, token, id === 'P' ? { 'x-bff-client': operation.client } : {}),
      gatewayPids: (operation) => [of(operation.client).pid],
      allPids: (operation) => [of(operation.client).pid, ...subgraphPids(operation.client)],
      gatewayName: (operation) => `${id}-${operation.client}`,
    };
  };
  // B and C sign the remote subgraphs' identity tokens themselves (IDENTITY_SUBGRAPHS) and forward the rest.
  const federatedEnv = (client: ClientName): Record<string, string> => ({ CLIENT: client, IDENTITY_SUBGRAPHS: remoteOf(client).join(',') });
  const started: Promise<SystemUnderTest>[] = [];
  if (wanted.has('B')) started.push(gatewaysOf('B', 'bench/servers/apolloGatewayServer.ts', federatedEnv));
  if (wanted.has('C')) started.push(gatewaysOf('C', 'bench/servers/hiveGatewayServer.ts', federatedEnv));
  if (wanted.has('P')) {
    // `SUPERGRAPH_FILE=<file> npm start`, as A's process otherwise (demo mode, no fleet of its own,
    // nothing shed); the subgraph servers need the client's Authorization and which client it is.
    // The callers' tokens are the client apps' (audience ride-bff:<client>): P checks that audience.
    const plainEnv = (client: ClientName): Record<string, string> => ({
      ...input.admissionEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_FLEET: 'false',
      FORWARD_HEADERS: 'authorization,x-bff-client',
      PLAIN_AUDIENCE: `ride-bff:${client}`,
    });
    started.push(gatewaysOf('P', 'src/main.ts', plainEnv));
  }
  return Promise.all(started);
}
