/**
 * Entry point of one demo service instance, forked by the supervisor (`fleet.ts`) with an IPC
 * channel. Env: SERVICE, INSTANCE_ID, HOST (default 127.0.0.1), ADVERTISE_HOST, REGISTRY_URL,
 * REGISTRY_TOKEN; trips and drivers also AMQP_URL (live events; default the local RabbitMQ, `off`: none)
 * and trips DEMO_RIDE_STEP_MS (a demo ride's step, default 5000); GraphQL services also IDENTITY_SECRET or IDENTITY_JWKS_URL, IDENTITY_ISSUER and
 * NODE_ENV (not `production`: requests' headers are kept for `GET /debug/last-requests`). Exits when the channel closes (the supervisor died) and on SIGTERM/SIGINT,
 * deregistering first.
 */
import { advertiseHostEnv, amqpUrlEnv, EnvError, identityEnv, optionalEnv, registryEnv, requiredEnv, rideStepEnv } from './envValues.ts';
import type { EnvValues } from './envValues.ts';
import { isServiceName, SERVICE_NAMES, SERVICE_PROTOCOLS } from './fleetServices.ts';
import type { InstanceMessage, SupervisorMessage } from './ipc/instanceMessages.ts';
import { isTyped } from './ipc/instanceMessages.ts';
import { runInstance } from './instance/runInstance.ts';
import type { InstanceOptions, RunningInstance, SupervisorChannel } from './instance/runInstance.ts';

/** Bound on a graceful exit, in milliseconds: past it the process exits anyway. */
const EXIT_TIMEOUT_MS = 3_000;
/** Requests whose headers a GraphQL instance keeps in demo mode. */
const RECORDED_REQUESTS = 50;

function parseEnv(env: EnvValues): InstanceOptions {
  const service = requiredEnv(env, 'SERVICE', `one of ${SERVICE_NAMES.join(', ')}`);
  if (!isServiceName(service)) throw new EnvError(`SERVICE must be one of ${SERVICE_NAMES.join(', ')}; got ${JSON.stringify(service)}`);
  const host = optionalEnv(env, 'HOST') ?? '127.0.0.1';
  const registry = registryEnv(env);
  const production = optionalEnv(env, 'NODE_ENV') === 'production';
  const graphql = SERVICE_PROTOCOLS[service] === 'graphql';
  const amqpUrl = amqpUrlEnv(env);
  const rideStepMs = rideStepEnv(env);
  return {
    service,
    instanceId: optionalEnv(env, 'INSTANCE_ID') ?? `${service}-${process.pid}`,
    host,
    advertiseHost: advertiseHostEnv(env, host),
    ...(registry ? { registry } : {}),
    ...(amqpUrl !== undefined ? { amqpUrl } : {}),
    ...(rideStepMs !== undefined ? { rideStepMs } : {}),
    ...(graphql ? { identity: identityEnv(env, production), recordRequests: production ? 0 : RECORDED_REQUESTS } : {}),
  };
}

function processChannel(): SupervisorChannel | undefined {
  const send = process.send?.bind(process);
  if (send === undefined) return undefined;
  return {
    send: (message: InstanceMessage) => {
      if (process.connected) send(message);
    },
    onMessage: (listener) =>
      process.on('message', (message: unknown) => {
        if (isTyped(message)) listener(message as SupervisorMessage);
      }),
  };
}

const channel = processChannel();
let running: RunningInstance | undefined;
let exiting = false;

function exit(code: number): void {
  if (exiting) return;
  exiting = true;
  setTimeout(() => process.exit(code), EXIT_TIMEOUT_MS).unref();
  void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
}

process.on('SIGTERM', () => exit(0));
process.on('SIGINT', () => exit(0));
process.on('disconnect', () => exit(0));

try {
  running = await runInstance(parseEnv(process.env), channel);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`[demo instance] failed to start: ${message}\n`);
  channel?.send({ type: 'failed', message });
  exiting = true;
  // Let the IPC message flush before leaving.
  setTimeout(() => process.exit(1), 50);
}
