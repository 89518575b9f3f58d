import { createEventPublisher } from '../../events/index.ts';
import { createRegistrar } from '../../registry/createRegistrar.ts';
import { FaultGate } from '../faults/FaultGate.ts';
import type { IdentitySettings } from '../graphql/Identity.ts';
import { RequestCounter } from '../faults/RequestCounter.ts';
import { SERVICE_PROTOCOLS } from '../fleetServices.ts';
import type { ServiceName } from '../fleetServices.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import type { InstanceMessage, SupervisorMessage } from '../ipc/instanceMessages.ts';
import { createSeed } from '../seed/createSeed.ts';
import { applyFault } from './applyFault.ts';
import { createServiceServer } from './createServiceServer.ts';

/** One instance's configuration (parsed from env by `instanceMain.ts`). */
export interface InstanceOptions {
  service: ServiceName;
  instanceId: string;
  /** Interface to listen on. */
  host: string;
  /** Host put in the registered address (`<advertiseHost>:<port>`). */
  advertiseHost: string;
  /** Absent: the instance does not register. */
  registry?: { url: string; token: string };
  /** GraphQL services: how the gateway's identity tokens are checked (absent: none verifies). */
  identity?: Omit<IdentitySettings, 'audience'>;
  /** GraphQL services, demo mode: requests whose headers `GET /debug/last-requests` shows (0/absent: off). */
  recordRequests?: number;
  /** trips and drivers: the broker live events go to (`AMQP_URL`); absent: none published. */
  amqpUrl?: string;
  /** trips: one step of a demo ride, ms (`DEMO_RIDE_STEP_MS`). */
  rideStepMs?: number;
  /** Writes to stderr; injected so tests stay quiet. */
  log?: (line: string) => void;
}

/** The supervisor's end of the IPC channel, as the instance sees it. */
export interface SupervisorChannel {
  send(message: InstanceMessage): void;
  onMessage(listener: (message: SupervisorMessage) => void): void;
}

/** A started instance. */
export interface RunningInstance {
  address: string;
  port: number;
  /** Deregisters, then closes the listener (calls in flight get `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** How long to wait for the supervisor's replay, in milliseconds. */
const REPLAY_TIMEOUT_MS = 15_000;

/**
 * Starts one instance: builds the seeded data, applies the supervisor's write log, listens on a
 * free port, registers, then serves the supervisor's fault, stats and write messages. Without a
 * channel (tests, manual runs) there is no replay and nothing to relay.
 */
export async function runInstance(options: InstanceOptions, channel?: SupervisorChannel): Promise<RunningInstance> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const gate = new FaultGate();
  const counter = new RequestCounter();
  // Only the services that own live data publish; the publisher connects in the background.
  const events =
    options.amqpUrl !== undefined && (options.service === 'trips' || options.service === 'drivers')
      ? createEventPublisher({ amqpUrl: options.amqpUrl }, log, `[demo ${options.instanceId}] events`)
      : undefined;
  const { server, applyWrite, metadata, stopWork } = createServiceServer({
    service: options.service,
    instanceId: options.instanceId,
    seed: createSeed(),
    host: options.host,
    gate,
    counter,
    publish: (write) => channel?.send({ type: 'write', write }),
    now: Date.now,
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.recordRequests ? { recordRequests: options.recordRequests } : {}),
    ...(events ? { events } : {}),
    ...(options.rideStepMs !== undefined ? { rideStepMs: options.rideStepMs } : {}),
  });
  if (server.protocol === 'graphql' && options.identity?.key === undefined) {
    log(`[demo ${options.instanceId}] no IDENTITY_SECRET or IDENTITY_JWKS_URL: identity tokens cannot be verified, owner-only fields answer UNAUTHENTICATED`);
  }

  if (channel !== undefined) {
    const replayed = waitForReplay();
    // Fault changes are applied one after another: a halt and a restart must not interleave.
    let faults = Promise.resolve();
    channel.onMessage((message) => {
      switch (message.type) {
        case 'replay':
          replayed.resolve(message.writes);
          break;
        case 'write':
          applyWrite(message.write);
          break;
        case 'setFault':
          faults = faults.then(async () => {
            try {
              await applyFault(server, gate, message.fault);
              channel.send({ type: 'reply', requestId: message.requestId, requests: counter.value });
            } catch (error) {
              channel.send({ type: 'reply', requestId: message.requestId, requests: counter.value, error: String(error) });
            }
          });
          break;
        case 'getStats':
          channel.send({ type: 'reply', requestId: message.requestId, requests: counter.value });
          break;
        case 'resetStats':
          counter.reset();
          channel.send({ type: 'reply', requestId: message.requestId, requests: 0 });
          break;
      }
    });
    channel.send({ type: 'booting' });
    for (const write of await replayed.promise) applyWrite(write);
  }

  const port = await server.start();
  const address = `${options.advertiseHost}:${port}`;
  const protocol = SERVICE_PROTOCOLS[options.service];
  const registry =
    options.registry &&
    createRegistrar({
      registryUrl: options.registry.url,
      token: options.registry.token,
      registration: { service: options.service, id: options.instanceId, address, protocol, ...(metadata ? { metadata } : {}) },
      onEvent: (event) => {
        if (event.type === 'heartbeat-failed' || event.type === 're-registered') {
          log(`[demo ${options.instanceId}] registry ${event.type}${event.detail ? `: ${event.detail}` : ''}`);
        }
      },
    });
  try {
    await registry?.start();
  } catch (error) {
    stopWork?.();
    await server.stop(0);
    await events?.close();
    throw error;
  }
  channel?.send({ type: 'ready', address, port, protocol });

  return {
    address,
    port,
    async stop(graceMs = 1_000) {
      await registry?.stop();
      stopWork?.();
      await server.stop(graceMs);
      await events?.close();
    },
  };
}

/** A promise for the replay message, failing if the supervisor does not answer in time. */
function waitForReplay(): { promise: Promise<DemoWrite[]>; resolve: (writes: DemoWrite[]) => void } {
  let resolve: (writes: DemoWrite[]) => void = () => {};
  const promise = new Promise<DemoWrite[]>((res, reject) => {
    const timer = setTimeout(() => reject(new Error(`no write log from the supervisor within ${REPLAY_TIMEOUT_MS} ms`)), REPLAY_TIMEOUT_MS);
    resolve = (writes) => {
      clearTimeout(timer);
      res(writes);
    };
  });
  return { promise, resolve };
}
