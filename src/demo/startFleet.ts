import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseInstanceCounts, SERVICE_NAMES } from './fleetServices.ts';
import type { ServiceName } from './fleetServices.ts';
import type { FleetInstance, FleetMessage } from './ipc/fleetMessages.ts';
import { isTyped } from './ipc/instanceMessages.ts';

/** Options of {@link startFleet}. */
export interface StartFleetOptions {
  /** Registry base URL; absent: instances do not register. */
  registryUrl?: string;
  /** Registration token; required with `registryUrl`. */
  registryToken?: string;
  /** HS256 key GraphQL services verify the gateway's identity tokens with (`IDENTITY_SECRET`, ≥ 32 characters); absent: inherited from `env`. */
  identitySecret?: string;
  /** Where trips and drivers publish live events (`AMQP_URL`; `off`: none); absent: inherited from `env`, else the local RabbitMQ. */
  amqpUrl?: string;
  /** One step of a demo ride, ms (`DEMO_RIDE_STEP_MS`, 50..600 000); absent: inherited from `env`, else 5 000. */
  rideStepMs?: number;
  /** Fault control port; default 0 (a free port; `npm run fleet` defaults to 4100). */
  controlPort?: number;
  /** Instances per service: `drivers=3,pricing=2` or `{ drivers: 3 }`, over the defaults; 0 leaves a service out. */
  instances?: string | Partial<Record<ServiceName, number>>;
  /** Interface instances and the control server listen on; default 127.0.0.1. */
  host?: string;
  /** Where the supervisor's and instances' stdout/stderr go; default `inherit`. */
  stdio?: 'inherit' | 'ignore';
  /** Environment the fleet's processes inherit (PATH and the like); default this process's. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for every instance, in milliseconds; default 60 000. */
  readyTimeoutMs?: number;
}

/** A started fleet. */
export interface RunningFleet {
  /** Fault control base URL, e.g. `http://127.0.0.1:4100`. */
  readonly controlUrl: string;
  readonly controlPort: number;
  /** The supervisor's pid. */
  readonly pid: number;
  /** The instances running when the fleet became ready (`GET /instances` has the live list). */
  instances(): readonly FleetInstance[];
  /** Stops the supervisor and every instance; resolves once the supervisor exited. */
  stop(): Promise<void>;
}

const FLEET_ENTRY = fileURLToPath(new URL('./fleet.ts', import.meta.url));
/** The package root: `--import tsx` resolves from the working directory. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** After SIGTERM the supervisor stops its instances (≤ 5 s); then SIGKILL, in milliseconds. */
const KILL_AFTER_MS = 8_000;

/**
 * Forks the fleet supervisor (`fleet.ts`) and resolves once it and all its instances are ready.
 * The fleet stops when `stop()` is called or this process exits.
 * @throws TypeError for bad options; Error when the fleet fails to start or times out.
 */
export async function startFleet(options: StartFleetOptions = {}): Promise<RunningFleet> {
  const env = fleetEnv(options);
  const child = fork(FLEET_ENTRY, [], {
    cwd: PACKAGE_ROOT,
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      await exited;
      clearTimeout(timer);
    }
  };
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  return new Promise<RunningFleet>((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      void stop().finally(() => reject(error));
    };
    const timer = setTimeout(() => fail(new Error(`demo fleet not ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    const onMessage = (raw: unknown): void => {
      if (!isTyped(raw)) return;
      const message = raw as FleetMessage;
      if (message.type === 'failed') {
        fail(new Error(`demo fleet failed to start: ${message.message}`));
      } else if (message.type === 'ready') {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        // The supervisor must not keep this process alive, nor outlive it (it watches the channel).
        child.unref();
        child.channel?.unref();
        const instances = Object.freeze([...message.instances]);
        resolve({ controlUrl: message.controlUrl, controlPort: message.controlPort, pid: child.pid ?? -1, instances: () => instances, stop });
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(new Error(`demo fleet exited before it was ready (${signal ?? `code ${code}`})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.on('error', (error) => fail(error));
  });
}

/** The supervisor's environment: the inherited one with the fleet's own variables set from `options`. */
function fleetEnv(options: StartFleetOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  for (const name of ['REGISTRY_URL', 'REGISTRY_TOKEN', 'DEMO_CONTROL_PORT', 'FLEET_INSTANCES', 'HOST', 'ADVERTISE_HOST']) delete env[name];
  if (options.registryUrl !== undefined) {
    if (options.registryToken === undefined || options.registryToken === '') {
      throw new TypeError('startFleet: registryToken is required with registryUrl');
    }
    env['REGISTRY_URL'] = options.registryUrl;
    env['REGISTRY_TOKEN'] = options.registryToken;
  }
  if (options.identitySecret !== undefined) env['IDENTITY_SECRET'] = options.identitySecret;
  if (options.amqpUrl !== undefined) env['AMQP_URL'] = options.amqpUrl;
  if (options.rideStepMs !== undefined) {
    if (!Number.isInteger(options.rideStepMs) || options.rideStepMs < 50 || options.rideStepMs > 600_000) {
      throw new TypeError(`startFleet: rideStepMs must be 50..600000; got ${options.rideStepMs}`);
    }
    env['DEMO_RIDE_STEP_MS'] = String(options.rideStepMs);
  }
  const port = options.controlPort ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TypeError(`startFleet: controlPort must be 0..65535; got ${port}`);
  env['DEMO_CONTROL_PORT'] = String(port);
  env['HOST'] = options.host ?? '127.0.0.1';
  const spec =
    typeof options.instances === 'object'
      ? Object.entries(options.instances).map(([service, count]) => `${service}=${count}`).join(',')
      : (options.instances ?? '');
  try {
    const counts = parseInstanceCounts(spec);
    env['FLEET_INSTANCES'] = SERVICE_NAMES.map((service) => `${service}=${counts[service]}`).join(',');
  } catch (error) {
    throw new TypeError(`startFleet: instances ${JSON.stringify(options.instances)}: ${(error as Error).message}`);
  }
  return env;
}
