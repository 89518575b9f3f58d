import { Client, credentials, Metadata, type ChannelOptions, type MethodDefinition, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { GatewayError, type ErrorCode } from '../errors/index.ts';
import type { FleetSnapshot } from '../registry/index.ts';
import { callWithFailover, type AttemptContext } from './callWithFailover.ts';
import type { Discovery } from './Discovery.ts';
import { grpcStatusToCode } from './grpcStatusToCode.ts';
import { loadGrpcService } from './loadGrpcService.ts';
import type { CallOptions, GrpcRequest, ServiceClient } from './types.ts';

/** Options of {@link GrpcClient}. */
export interface GrpcClientOptions {
  /** Registry service name, e.g. `drivers`. */
  service: string;
  /** Path of the .proto file, e.g. `schemas/proto/drivers.proto`. */
  protoPath: string;
  /** Fully qualified gRPC service, e.g. `ride.drivers.v1.DriversService`. */
  serviceName: string;
  /** Where instances come from (only `grpc` instances are used). */
  discovery: Discovery;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Least time left, in milliseconds, to start a retry on another instance. Default 100. */
  minRetryBudgetMs?: number;
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
 * A gRPC service over @grpc/grpc-js: one channel per instance address, created lazily and closed
 * when the instance leaves the snapshot. Calls carry the deadline as the gRPC deadline and are
 * cancelled on the caller's signal. Calls never wait for a channel to become ready (grpc-js's
 * default, `waitForReady` false), so a refused address fails at once with UNAVAILABLE. Failures
 * reject with a `GatewayError` naming the service: UNAVAILABLE → `SERVICE_UNAVAILABLE`
 * (idempotent calls retried once on another instance), DEADLINE_EXCEEDED → `DEADLINE_EXCEEDED`,
 * NOT_FOUND → `NOT_FOUND`, INVALID_ARGUMENT → `BAD_REQUEST`, others → `UPSTREAM_ERROR` (see
 * `grpcStatusToCode.ts`), no instance → `NO_INSTANCES`.
 */
export class GrpcClient implements ServiceClient<GrpcRequest> {
  readonly service: string;
  readonly #definition: ServiceDefinition;
  readonly #serviceName: string;
  readonly #discovery: Discovery;
  readonly #now: () => number;
  readonly #minRetryBudgetMs: number;
  readonly #channelOptions: Partial<ChannelOptions>;
  readonly #channels = new Map<string, Client>();
  readonly #unsubscribe: () => void;
  #closed = false;

  constructor(options: GrpcClientOptions) {
    if (typeof options.service !== 'string' || options.service === '') {
      throw new TypeError('GrpcClient: service must be a non-empty string.');
    }
    this.service = options.service;
    this.#serviceName = options.serviceName;
    this.#definition = loadGrpcService(options.protoPath, options.serviceName);
    this.#discovery = options.discovery;
    this.#now = options.now ?? Date.now;
    this.#minRetryBudgetMs = options.minRetryBudgetMs ?? 100;
    this.#channelOptions = { ...DEFAULT_CHANNEL_OPTIONS, ...options.channelOptions };
    this.#unsubscribe = this.#discovery.subscribe((snapshot) => this.#prune(snapshot));
  }

  /** Calls the unary method `request.method` and resolves with the decoded response message. */
  async call<Res>(request: GrpcRequest, options: CallOptions): Promise<Res> {
    const method = this.#definition[request.method];
    if (method === undefined || method.requestStream || method.responseStream) {
      throw new GatewayError('INTERNAL_SERVER_ERROR', `${this.#serviceName} has no unary method ${request.method}.`, {
        service: this.service,
      });
    }
    if (this.#closed) {
      throw new GatewayError('SERVICE_UNAVAILABLE', `The ${this.service} client is closed.`, { service: this.service });
    }
    return callWithFailover<Res>({
      service: this.service,
      protocol: 'grpc',
      discovery: this.#discovery,
      options,
      now: this.#now,
      minRetryBudgetMs: this.#minRetryBudgetMs,
      attempt: (context) => this.#attempt<Res>(method, request.message, context),
    });
  }

  /** Number of open channels (one per instance address in use). */
  get channelCount(): number {
    return this.#channels.size;
  }

  /** Closes every channel and stops following the snapshot. */
  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
  }

  #attempt<Res>(method: MethodDefinition<object, unknown>, message: object, context: AttemptContext): Promise<Res> {
    const client = this.#channel(context.instance.address);
    return new Promise<Res>((resolve, reject) => {
      if (context.signal.aborted) {
        reject(context.signal.reason);
        return;
      }
      const call = client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        message,
        new Metadata(),
        { deadline: context.deadline },
        (error: ServiceError | null, value?: unknown) => {
          context.signal.removeEventListener('abort', onAbort);
          if (error === null) resolve(value as Res);
          else reject(this.#mapError(error));
        },
      );
      const onAbort = (): void => call.cancel();
      context.signal.addEventListener('abort', onAbort, { once: true });
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

  /** Closes the channels of addresses no longer in the snapshot. */
  #prune(snapshot: FleetSnapshot): void {
    const live = new Set((snapshot.services.get(this.service) ?? []).map((instance) => instance.address));
    for (const [address, client] of this.#channels) {
      if (live.has(address)) continue;
      client.close();
      this.#channels.delete(address);
    }
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
