import { demoUserIds, issueToken } from '../src/auth/index.ts';
import { demoSecrets, type ClientName } from '../src/config/index.ts';
import { startFleet, type RunningFleet } from '../src/demo/index.ts';
import { FleetControl } from './FleetControl.ts';
import { LoadGenerator } from './load/LoadGenerator.ts';
import { startBenchProcess, type BenchProcess } from './processes/BenchProcess.ts';
import { benchIdentitySecret } from './systems/benchIdentitySecret.ts';
import { readRemoteSubgraphs, remoteSubgraphUrls } from './systems/remoteSubgraphs.ts';
import { startSystems, type StartedSystems } from './systems/startSystems.ts';
import type { SystemId } from './systems/SystemUnderTest.ts';

/** Everything a bench run talks to: the registry, the demo fleet, the systems, the load generator. */
export interface BenchEnvironment {
  readonly registry: BenchProcess;
  readonly fleet: RunningFleet;
  readonly control: FleetControl;
  readonly systems: StartedSystems;
  readonly load: LoadGenerator;
  /** A demo token per client (the seeded demo rider). */
  readonly tokens: Readonly<Record<ClientName, string>>;
  /** Distinct tokens of that same user per client, one per load connection (its sessions). */
  readonly sessions: Readonly<Record<ClientName, readonly string[]>>;
  stop(): Promise<void>;
}

/**
 * Starts the registry (its own process, as `npm run registry`), the demo fleet registered with it
 * (service processes as `npm start` runs them), the systems over that one fleet, and the load
 * generator. Everything stops with `stop()` or when this process exits.
 */
export async function startBenchEnvironment(
  systems: readonly SystemId[],
  options: {
    /** Sessions (tokens) per client: one per load connection. */
    connections: number;
    profileDir?: string;
    /** A's admission and rate-limit variables (default: generous, see startSystems). */
    admissionEnv?: Readonly<Record<string, string>>;
    log: (line: string) => void;
  },
): Promise<BenchEnvironment> {
  const registry = await startBenchProcess({
    name: 'registry',
    entry: 'src/registry/registryMain.ts',
    env: { REGISTRY_TOKEN: demoSecrets.registryToken, REGISTRY_PORT: '0' },
  });
  options.log(`registry at ${registry.url}`);
  let fleet: RunningFleet | undefined;
  try {
    // The remote subgraphs' instances (promotions) verify the identity tokens every system signs with this secret.
    const fleetEnv = { ...process.env, IDENTITY_SECRET: benchIdentitySecret };
    fleet = await startFleet({ registryUrl: registry.url, registryToken: demoSecrets.registryToken, controlPort: 0, stdio: 'ignore', env: fleetEnv });
    options.log(`demo fleet: ${fleet.instances().length} instances, fault control at ${fleet.controlUrl}`);
    const remoteSubgraphs = remoteSubgraphUrls(readRemoteSubgraphs(), fleet.instances());
    const started = await startSystems({
      systems,
      registryUrl: registry.url,
      remoteSubgraphs,
      ...(options.profileDir ? { profileDir: options.profileDir } : {}),
      ...(options.admissionEnv ? { admissionEnv: options.admissionEnv } : {}),
    });
    options.log(`systems ${systems.join(', ')} started`);
    const tokens = {} as Record<ClientName, string>;
    const sessions = {} as Record<ClientName, string[]>;
    for (const client of ['passenger', 'driver', 'web'] as const) {
      const issue = (ttlSec: number): Promise<string> =>
        issueToken(demoSecrets.jwtSecret, { client, subject: demoUserIds[client], issuer: 'ride-bff', ttlSec });
      tokens[client] = await issue(86_400);
      // A different lifetime makes a different token for the same user: one session per connection.
      sessions[client] = await Promise.all(Array.from({ length: options.connections }, (_, i) => issue(86_400 + 1 + i)));
    }
    const load = new LoadGenerator();
    const runningFleet = fleet;
    return {
      registry,
      fleet: runningFleet,
      control: new FleetControl(runningFleet.controlUrl),
      systems: started,
      load,
      tokens,
      sessions,
      async stop() {
        load.stop();
        await started.stop();
        await runningFleet.stop();
        await registry.stop(5_000);
      },
    };
  } catch (error) {
    await fleet?.stop();
    await registry.stop(5_000);
    throw error;
  }
}
