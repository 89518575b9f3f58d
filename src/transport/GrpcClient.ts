import { Client, credentials, Metadata, type ChannelOptions, type MethodDefinition, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { GatewayError, type ErrorCode } from '../errors/index.ts';
import { grpcStatusToCode } from './grpcStatusToCode.ts';
import { loadGrpcService } from './loadGrpcService.ts';
import type { AttemptTarget, GrpcRequest, Transport } from './types.ts';

/** Options of {@link GrpcClient}. */
export interface GrpcClientOptions {
  /** Registry service name, e.g. `drivers`. */
  service: string;
  /** Path of the .proto file, e.g. `schemas/proto/drivers.proto`. */
  protoPath: string;
  /** Fully qualified gRPC service, e.g. `ride.drivers.v1.DriversService`. */
  serviceName: string;
  /**
   * grpc-js channel options, merged over ours: reconnect backoff 200 ms initial, 2 000 ms max (so a
   * restarted instance is used again within ~2 s; grpc-js's own default grows to 120 s).
   */
  channelOptions?: Partial<ChannelOptions>;
}

const DEFAULT_CHANNEL_OPTIONS: Partial<ChannelOptions> = Object.freeze({
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2_000,
});

/**
 * A gRPC service over @grpc/grpc-js: ONE unary call on the instance address it is given, with the
 * attempt's deadline as the gRPC deadline, cancelled on the signal it is given. No retry, no
 * picking: `src/resilience` does those. One channel per address, created lazily and closed when
 * {@link retain} no longer lists it. Calls never wait for a channel to become ready (grpc-js's
 * default, `waitForReady` false), so a refused address fails at once with UNAVAILABLE. Failures
 * reject with a `GatewayError` naming the service: UNAVAILABLE → `SERVICE_UNAVAILABLE`,
 * DEADLINE_EXCEEDED → `DEADLINE_EXCEEDED`, NOT_FOUND → `NOT_FOUND`, INVALID_ARGUMENT →
 * `BAD_REQUEST`, others → `UPSTREAM_ERROR` (see `grpcStatusToCode.ts`); an aborted attempt rejects
 * with the signal's reason.
 */
export class GrpcClient implements Transport<GrpcRequest> {
  readonly service: string;
  readonly protocol = 'grpc' as const;
  readonly #definition: ServiceDefinition;
  readonly #serviceName: string;
  readonly #channelOptions: Partial<ChannelOptions>;
  readonly #channels = new Map<string, Client>();
  #closed = false;

  constructor(options: GrpcClientOptions) {
    if (typeof options.service !== 'string' || options.service === '') {
      throw new TypeError('GrpcClient: service must be a non-empty string.');
    }
    this.service = options.service;
    this.#serviceName = options.serviceName;
    this.#definition = loadGrpcService(options.protoPath, options.serviceName);
    this.#channelOptions = { ...DEFAULT_CHANNEL_OPTIONS, ...options.channelOptions };
  }

  /** Calls the unary method `request.method` once on `target.address` and resolves with the decoded response message. */
  async attempt<Res>(request: GrpcRequest, target: AttemptTarget): Promise<Res> {
    const method = this.#definition[request.method];
    if (method === undefined || method.requestStream || method.responseStream) {
      throw new GatewayError('INTERNAL_SERVER_ERROR', `${this.#serviceName} has no unary method ${request.method}.`, {
        service: this.service,
      });
    }
    if (this.#closed) {
      throw new GatewayError('SERVICE_UNAVAILABLE', `The ${this.service} client is closed.`, { service: this.service });
    }
    return this.#unary<Res>(method, request.message, target);
  }

  /** Number of open channels (one per instance address in use). */
  get channelCount(): number {
    return this.#channels.size;
  }

  /** Closes the channels of addresses not in `addresses` (instances that left the fleet). */
  retain(addresses: ReadonlySet<string>): void {
    for (const [address, client] of this.#channels) {
      if (addresses.has(address)) continue;
      client.close();
      this.#channels.delete(address);
    }
  }

  /** Closes every channel; later attempts fail with `SERVICE_UNAVAILABLE`. */
  close(): void {
    this.#closed = true;
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
  }

  #unary<Res>(method: MethodDefinition<object, unknown>, message: object, target: AttemptTarget): Promise<Res> {
    const { signal } = target;
    const client = this.#channel(target.address);
    return new Promise<Res>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const call = client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        message,
        new Metadata(),
        { deadline: target.deadline },
        (error: ServiceError | null, value?: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (error === null) resolve(value as Res);
          else if (signal.aborted) reject(signal.reason);
          else reject(this.#mapError(error));
        },
      );
      const onAbort = (): void => call.cancel();
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #channel(address: string): Client {
    let client = this.#channels.get(address);
    if (client === undefined) {
      client = new Client(address, credentials.createInsecure(), this.#channelOptions);
      this.#channels.set(address, client);
    }
    return client;
  }

  #mapError(error: ServiceError): GatewayError {
    const code: ErrorCode = grpcStatusToCode(error.code);
    return new GatewayError(code, this.#message(code, error), { service: this.service, cause: error });
  }

  #message(code: ErrorCode, error: ServiceError): string {
    switch (code) {
      case 'SERVICE_UNAVAILABLE':
        return `${this.service} is unavailable.`;
      case 'DEADLINE_EXCEEDED':
        return `${this.service} did not answer within the deadline.`;
      case 'NOT_FOUND':
      case 'BAD_REQUEST':
      case 'CONFLICT':
        // The service's own detail describes the caller's request: useful and safe.
        return error.details ? `${this.service}: ${truncate(error.details)}` : `${this.service} answered ${code}.`;
      default:
        return `${this.service} answered with an error (gRPC status ${error.code}).`;
    }
  }
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
