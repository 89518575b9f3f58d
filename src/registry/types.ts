/** How an instance is spoken to. */
/** `graphql`: a remote subgraph, GraphQL over HTTP at the instance's `metadata.path` (default `/graphql`). */
export type Protocol = 'http' | 'grpc' | 'graphql';

/** One live instance of a service, as the registry knows it. */
export interface ServiceInstance {
  /** Service name, e.g. `pricing`. */
  readonly service: string;
  /** Unique per service, e.g. `pricing-1`. */
  readonly id: string;
  /** `host:port`, e.g. `127.0.0.1:50051`. */
  readonly address: string;
  readonly protocol: Protocol;
  readonly zone?: string;
  readonly version?: string;
  /** Relative share of traffic; default 1. */
  readonly weight: number;
  readonly metadata: Readonly<Record<string, string>>;
}

/** What a service sends to register itself. */
export interface RegistrationRequest {
  service: string;
  /** Default: `<service>-<random>`. */
  id?: string;
  address: string;
  protocol: Protocol;
  zone?: string;
  version?: string;
  weight?: number;
  metadata?: Record<string, string>;
}

/** What the registry answers to a registration. */
export interface Lease {
  leaseId: string;
  instanceId: string;
  /** Milliseconds of silence after which the instance is evicted. */
  ttlMs: number;
  /** How often the instance should heartbeat, in milliseconds. */
  heartbeatIntervalMs: number;
}

/** Every service's live instances at one revision. */
export interface FleetSnapshot {
  /** Grows by one with every change. */
  readonly revision: number;
  readonly services: ReadonlyMap<string, readonly ServiceInstance[]>;
}

/** Where the gateway learns instances from: pushes snapshots, never polled per request. */
export interface InstanceSource {
  /** The latest snapshot (possibly the last known one if the source is unreachable). */
  current(): FleetSnapshot;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void;
  /** Whether the registry behind the source answers (absent: a local source, always reachable). */
  status?(): InstanceSourceStatus;
}

/** Whether a remote registry answers, and since when. */
export interface InstanceSourceStatus {
  reachable: boolean;
  /** Why the last attempt failed, if it did. */
  lastError?: string;
  /** When the registry last answered, in milliseconds since the epoch. */
  lastSuccessAt?: number;
}
