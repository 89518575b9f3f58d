import type { Protocol } from '../../registry/types.ts';

/**
 * A service's listener, with the transitions fault control needs. The first `start()` picks a
 * free port; later ones listen again on that same port (the registered address stays valid).
 */
export interface ServiceServer {
  readonly protocol: Protocol;
  /** The bound port; 0 before the first start. */
  readonly port: number;
  /** True while accepting connections. */
  readonly listening: boolean;
  /** Listens (again); resolves with the port. */
  start(): Promise<number>;
  /** Crashes the listener: stops accepting and resets open connections and calls at once. */
  halt(): Promise<void>;
  /** Graceful stop: stops accepting and lets calls in flight finish, within `graceMs`. */
  stop(graceMs: number): Promise<void>;
}
