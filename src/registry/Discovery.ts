import type { InstancePicker } from './InstancePicker.ts';
import { OutlierDetector, type CallOutcome } from './OutlierDetector.ts';
import { P2CPicker } from './P2CPicker.ts';
import type { FleetSnapshot, InstanceSource, Protocol, ServiceInstance } from './types.ts';

/** Options of {@link Discovery}. */
export interface DiscoveryOptions {
  /** Makes the picker of one service (one per service, so instance ids never clash). Default: a new `P2CPicker`. */
  createPicker?: (service: string) => InstancePicker;
  /** Passive outlier detection shared by every service. Default: one with the default thresholds (5 failures, 30 s × n, 34 %, panic below 50 %). */
  outlierDetector?: OutlierDetector;
  /** The gateway's zone: instances in it are preferred whenever one of them is eligible. Default: none (no preference). */
  zone?: string;
}

/** One service as discovery sees it, for readiness details. */
export interface ServiceView {
  /** Instance ids in the current view. */
  readonly instances: readonly string[];
  /** Ids currently ejected by outlier detection. */
  readonly ejected: readonly string[];
  /** True when ejections are being ignored because too few instances would be left. */
  readonly panic: boolean;
}

/**
 * The gateway's local view of live instances: resolves a service name to its instances from the
 * source's latest pushed snapshot (cached per snapshot, no registry round trip per call), leaves
 * out instances ejected by outlier detection (unless too few would be left), prefers the gateway's
 * zone, and picks one with that service's picker. Callers report each call's outcome with
 * {@link report}.
 */
export class Discovery {
  readonly #source: InstanceSource;
  readonly #createPicker: (service: string) => InstancePicker;
  readonly #pickers = new Map<string, InstancePicker>();
  readonly #outliers: OutlierDetector;
  readonly #zone: string | undefined;
  #cachedFor: FleetSnapshot | undefined;
  readonly #cache = new Map<string, readonly ServiceInstance[]>();

  constructor(source: InstanceSource, options: DiscoveryOptions = {}) {
    this.#source = source;
    this.#createPicker = options.createPicker ?? (() => new P2CPicker());
    this.#outliers = options.outlierDetector ?? new OutlierDetector();
    this.#zone = options.zone === '' ? undefined : options.zone;
    // Instances that left the registry take their outlier state with them.
    source.subscribe((snapshot) => {
      for (const service of Object.keys(this.#outliers.health())) {
        this.#outliers.retain(service, new Set((snapshot.services.get(service) ?? []).map((instance) => instance.id)));
      }
    });
  }

  /** The current snapshot of the underlying source. */
  snapshot(): FleetSnapshot {
    return this.#source.current();
  }

  /** Calls `listener` on every snapshot change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    return this.#source.subscribe(listener);
  }

  /** Live instances of `service` (ejected ones included), only those speaking `protocol` when given. */
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

  /**
   * Picks an instance of `service` not in `exclude`: among the non-ejected ones (all of them in
   * panic mode), in the gateway's zone if any of those is left, with the service's picker
   * (`affinityKey` feeds consistent hashing). `undefined` when none is left.
   */
  pick(service: string, protocol?: Protocol, exclude?: ReadonlySet<string>, affinityKey?: string): ServiceInstance | undefined {
    const all = this.instances(service, protocol);
    let candidates = this.#outliers.eligible(service, all);
    if (candidates !== all && exclude !== undefined && candidates.every((instance) => exclude.has(instance.id))) {
      // Every eligible instance was tried already: an ejected one is better than none.
      candidates = all;
    }
    if (this.#zone !== undefined) {
      const zone = this.#zone;
      const local = candidates.filter((instance) => instance.zone === zone && !exclude?.has(instance.id));
      if (local.length > 0 && local.length < candidates.length) candidates = local;
    }
    return this.picker(service).pick(candidates, exclude, affinityKey);
  }

  /** Records how a call to `instanceId` of `service` went, for outlier detection. */
  report(service: string, instanceId: string, outcome: CallOutcome): void {
    if (outcome === 'neutral') return;
    this.#outliers.record(service, instanceId, outcome, this.instances(service).length);
  }

  /** Every known service's instances, ejections and panic state (for `/readyz` details). */
  view(): Record<string, ServiceView> {
    const result: Record<string, ServiceView> = {};
    for (const [service, instances] of this.#source.current().services) {
      const ejected = instances.filter((instance) => this.#outliers.isEjected(service, instance.id)).map((instance) => instance.id);
      result[service] = {
        instances: instances.map((instance) => instance.id),
        ejected,
        panic: ejected.length > 0 && this.#outliers.panicking(service, instances),
      };
    }
    return result;
  }
}
