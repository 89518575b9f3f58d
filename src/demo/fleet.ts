/**
 * Entry point of the demo fleet supervisor (`npm run fleet`). Env: REGISTRY_URL (http(s):// or
 * etcd://), REGISTRY_TOKEN (required with an http(s) REGISTRY_URL), ETCD_ENDPOINTS (instead of
 * REGISTRY_URL), DEMO_CONTROL_PORT (default 4100; 0 = a free port),
 * FLEET_INSTANCES (e.g. `drivers=3,pricing=2`), HOST (default 127.0.0.1), ADVERTISE_HOST.
 * When forked with an IPC channel it sends `{type: 'ready', controlPort, controlUrl, instances}`
 * (or `{type: 'failed', message}`) to its parent and exits when the parent goes away.
 */
import { advertiseHostEnv, EnvError, optionalEnv, portEnv, registryEnv } from './envValues.ts';
import type { EnvValues } from './envValues.ts';
import { parseInstanceCounts } from './fleetServices.ts';
import type { FleetMessage } from './ipc/fleetMessages.ts';
import { Supervisor } from './supervisor/Supervisor.ts';
import type { SupervisorOptions } from './supervisor/Supervisor.ts';

/** Bound on the whole shutdown, in milliseconds (instances get SIGKILL after 3 s). */
const EXIT_TIMEOUT_MS = 5_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function parseEnv(env: EnvValues): SupervisorOptions {
  let instanceCounts;
  try {
    instanceCounts = parseInstanceCounts(env['FLEET_INSTANCES'] ?? '');
  } catch (error) {
    throw new EnvError(`FLEET_INSTANCES ${JSON.stringify(env['FLEET_INSTANCES'])}: ${(error as Error).message}`);
  }
  const host = optionalEnv(env, 'HOST') ?? '127.0.0.1';
  const registry = registryEnv(env);
  return {
    instanceCounts,
    ...(registry ? { registry } : {}),
    host,
    advertiseHost: advertiseHostEnv(env, host),
    controlPort: portEnv(env, 'DEMO_CONTROL_PORT', 4100),
    baseEnv: { ...env },
    log,
  };
}

const toParent = (message: FleetMessage): void => {
  if (process.connected) process.send?.(message);
};

let supervisor: Supervisor | undefined;
let exiting = false;

function exit(code: number): void {
  if (exiting) return;
  exiting = true;
  setTimeout(() => process.exit(code), EXIT_TIMEOUT_MS).unref();
  void (supervisor?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
}

process.on('SIGTERM', () => exit(0));
process.on('SIGINT', () => exit(0));
process.on('disconnect', () => exit(0));

try {
  supervisor = new Supervisor(parseEnv(process.env));
  const address = await supervisor.start();
  if (process.send) {
    toParent({ type: 'ready', ...address });
  } else {
    log(`demo fleet: ${address.instances.length} instances; fault control at ${address.controlUrl} (GET /faults, /stats, /instances)`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (!exiting) {
    log(`demo fleet: failed to start: ${message}`);
    toParent({ type: 'failed', message });
    exit(1);
  }
}
