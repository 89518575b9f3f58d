import * as grpc from '@grpc/grpc-js';
import type { FaultGate } from '../faults/FaultGate.ts';
import type { RequestCounter } from '../faults/RequestCounter.ts';
import type { ServiceServer } from '../instance/ServiceServer.ts';
import { GrpcError } from './GrpcError.ts';
import type { GrpcHandlers } from './GrpcHandlers.ts';

/** What a gRPC instance serves and how its faults and counts are kept. */
export interface GrpcServiceServerOptions {
  host: string;
  definition: grpc.ServiceDefinition;
  handlers: GrpcHandlers;
  gate: FaultGate;
  counter: RequestCounter;
}

/** How long `start()` retries a port still held by the previous server, in milliseconds. */
const REBIND_TIMEOUT_MS = 3_000;

/**
 * A gRPC service with fault injection. `halt()` is `forceShutdown()` (open calls and connections
 * are reset); since a grpc-js server cannot listen again after a shutdown, `start()` then builds a
 * new server bound to the same port.
 */
export class GrpcServiceServer implements ServiceServer {
  readonly protocol = 'grpc' as const;
  readonly #options: GrpcServiceServerOptions;
  readonly #implementation: grpc.UntypedServiceImplementation;
  #server: grpc.Server | undefined;
  #port = 0;

  /** @throws Error when a method of the definition has no handler. */
  constructor(options: GrpcServiceServerOptions) {
    this.#options = options;
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const method of Object.keys(options.definition)) {
      const handler = options.handlers[method];
      if (handler === undefined) throw new Error(`no handler for gRPC method ${method}`);
      implementation[method] = this.#wrap(handler);
    }
    this.#implementation = implementation;
  }

  /** @inheritdoc */
  get port(): number {
    return this.#port;
  }

  /** @inheritdoc */
  get listening(): boolean {
    return this.#server !== undefined;
  }

  /** @inheritdoc */
  async start(): Promise<number> {
    if (this.#server !== undefined) return this.#port;
    const deadline = Date.now() + REBIND_TIMEOUT_MS;
    for (;;) {
      const server = new grpc.Server();
      server.addService(this.#options.definition, this.#implementation);
      try {
        this.#port = await bind(server, `${this.#options.host}:${this.#port}`);
        this.#server = server;
        return this.#port;
      } catch (error) {
        server.forceShutdown();
        // The old listener may take a moment to release the port after a halt.
        if (this.#port === 0 || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** @inheritdoc */
  async halt(): Promise<void> {
    this.#server?.forceShutdown();
    this.#server = undefined;
  }

  /** @inheritdoc */
  async stop(graceMs: number): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Counts the call, applies the fault, then runs the handler. */
  #wrap(handler: (request: never) => object): grpc.handleUnaryCall<unknown, object> {
    const { gate, counter } = this.#options;
    return (call, callback) => {
      counter.increment();
      const decision = gate.decide();
      if (decision.kind === 'fail') {
        // `flaky` is a transient failure (UNAVAILABLE, worth a retry); `error` a broken one (INTERNAL).
        callback({ code: gate.state.mode === 'flaky' ? grpc.status.UNAVAILABLE : grpc.status.INTERNAL, details: `injected fault: ${gate.state.mode}` });
        return;
      }
      const run = (): void => {
        if (call.cancelled) return;
        try {
          // proto-loader decoded the request against the service's own proto.
          callback(null, handler(call.request as never));
        } catch (error) {
          callback(
            error instanceof GrpcError
              ? { code: error.code, details: error.message }
              : { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) },
          );
        }
      };
      if (decision.delayMs > 0) setTimeout(run, decision.delayMs);
      else run();
    };
  }
}

function bind(server: grpc.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
}
