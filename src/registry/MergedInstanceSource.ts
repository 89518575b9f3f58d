import type { FleetSnapshot, InstanceSource, InstanceSourceStatus, ServiceInstance } from './types.ts';
import { SnapshotListeners } from './SnapshotListeners.ts';

/**
 * Third-party registration: a dynamic source (embedded registry, remote registry or etcd) plus
 * static instances declared in configuration for services that cannot register themselves. The
 * static ones are always in the view and never evicted; a dynamic registration with the same
 * service and id replaces its static twin. Has its own revision (one per change of the merge).
 */
export class MergedInstanceSource implements InstanceSource {
  readonly #dynamic: InstanceSource;
  readonly #static: ReadonlyMap<string, readonly ServiceInstance[]>;
  readonly #listeners = new SnapshotListeners();
  #snapshot: FleetSnapshot;
  #basedOn: FleetSnapshot;

  constructor(dynamic: InstanceSource, staticInstances: readonly ServiceInstance[]) {
    this.#dynamic = dynamic;
    const byService = new Map<string, ServiceInstance[]>();
    for (const instance of staticInstances) {
      const list = byService.get(instance.service);
      if (list === undefined) byService.set(instance.service, [instance]);
      else list.push(instance);
    }
    this.#static = byService;
    this.#basedOn = dynamic.current();
    this.#snapshot = this.#merge(this.#basedOn, 1);
    dynamic.subscribe((snapshot) => {
      this.#basedOn = snapshot;
      this.#snapshot = this.#merge(snapshot, this.#snapshot.revision + 1);
      this.#listeners.publish(this.#snapshot);
    });
  }

  /** The merged snapshot. */
  current(): FleetSnapshot {
    const latest = this.#dynamic.current();
    // A source that changed without telling (none should) is still merged correctly.
    if (latest !== this.#basedOn) {
      this.#basedOn = latest;
      this.#snapshot = this.#merge(latest, this.#snapshot.revision + 1);
    }
    return this.#snapshot;
  }

  /** Calls `listener` after every change of the dynamic source; returns the unsubscribe function. */
  subscribe(listener: (snapshot: FleetSnapshot) => void): () => void {
    return this.#listeners.subscribe(listener);
  }

  /** The dynamic source's status (static instances need no registry). */
  status(): InstanceSourceStatus {
    return this.#dynamic.status?.() ?? { reachable: true };
  }

  #merge(dynamic: FleetSnapshot, revision: number): FleetSnapshot {
    if (this.#static.size === 0) return Object.freeze({ revision, services: dynamic.services });
    const names = [...new Set([...dynamic.services.keys(), ...this.#static.keys()])].sort();
    const services = new Map<string, readonly ServiceInstance[]>();
    for (const name of names) {
      const live = dynamic.services.get(name) ?? [];
      const liveIds = new Set(live.map((instance) => instance.id));
      const pinned = (this.#static.get(name) ?? []).filter((instance) => !liveIds.has(instance.id));
      const merged = [...live, ...pinned].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      services.set(name, Object.freeze(merged));
    }
    return Object.freeze({ revision, services });
  }
}
