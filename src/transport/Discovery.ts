import { P2CPicker, type FleetSnapshot, type InstancePicker, type InstanceSource, type Protocol, type ServiceInstance } from '../registry/index.ts';

/** Options of {@link Discovery}. */
export interface DiscoveryOptions {
  /** Makes the picker of one service (one per service, so instance ids never clash). Default: a new `P2CPicker`. */
  createPicker?: (service: string) => InstancePicker;
}

/**
 * The gateway's local view of live instances: resolves a service name to its instances from the
 * source's latest pushed snapshot (cached per snapshot, no registry round trip per call) and picks
 * one with that service's picker.
 */
export class Discovery {
  readonly #source: InstanceSource;
  readonly #createPicker: (service: string) => InstancePicker;
  readonly #pickers = new Map<string, InstancePicker>();
  #cachedFor: FleetSnapshot | undefined;
  readonly #cache = new Map<string, readonly ServiceInstance[]>();

  constructor(source: InstanceSource, options: DiscoveryOptions = {}) {
    this.#source = source;
    this.#createPicker = options.createPicker ?? (() => new P2CPicker());
  }

  /** The current snapshot of the underlying source. */
  snapshot(): FleetSnapshot {
    return this.#source.current();
  }

  /** Calls `listener` on every snapshot change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    return this.#source.subscribe(listener);
  }

  /** Live instances of `service`, only those speaking `protocol` when given. */
  instances(service: string, protocol?: Protocol): readonly ServiceInstance[] {
    const snapshot = this.#source.current();
    if (snapshot !== this.#cachedFor) {
      this.#cachedFor = snapshot;
      this.#cache.clear();
    }
    const key = `${service}\u0000${protocol ?? ''}`;
    let list = this.#cache.get(key);
    if (list === undefined) {
      const all = snapshot.services.get(service) ?? [];
      list = protocol === undefined ? all : Object.freeze(all.filter((item) => item.protocol === protocol));
      this.#cache.set(key, list);
    }
    return list;
  }

  /** The picker (and in-flight counter) of `service`, created on first use. */
  picker(service: string): InstancePicker {
    let picker = this.#pickers.get(service);
    if (picker === undefined) {
      picker = this.#createPicker(service);
      this.#pickers.set(service, picker);
    }
    return picker;
  }

  /** Picks a live instance of `service` not in `exclude`; `undefined` when there is none. */
  pick(service: string, protocol?: Protocol, exclude?: ReadonlySet<string>): ServiceInstance | undefined {
    return this.picker(service).pick(this.instances(service, protocol), exclude);
  }
}
