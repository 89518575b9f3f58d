import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { distanceMeters } from '../seed/geo.ts';
import type { Driver, LatLng } from '../seed/types.ts';

/** A driver and how far they are from a point, in metres. */
export interface DriverDistance {
  driver: Driver;
  meters: number;
}

/** When a driver's position was last set, to settle concurrent updates (latest wins). */
interface Stamp {
  atMs: number;
  by: string;
}

/** Drivers of one instance with their live positions. Takes ownership of the drivers it is given. */
export class DriverStore {
  readonly #byId: Map<string, Driver>;
  readonly #stamps = new Map<string, Stamp>();

  constructor(drivers: Driver[]) {
    this.#byId = new Map(drivers.map((d) => [d.id, d]));
  }

  /** One driver by id. */
  get(id: string): Driver | undefined {
    return this.#byId.get(id);
  }

  /** The `first` AVAILABLE drivers nearest to `near`, closest first. */
  nearestAvailable(near: LatLng, first: number): DriverDistance[] {
    const found: DriverDistance[] = [];
    for (const driver of this.#byId.values()) {
      if (driver.status === 'AVAILABLE') found.push({ driver, meters: distanceMeters(near, driver.location) });
    }
    found.sort((a, b) => a.meters - b.meters || (a.driver.id < b.driver.id ? -1 : 1));
    return found.slice(0, first);
  }

  /**
   * Moves a driver if this update is newer than the last one applied (ties: higher instance id),
   * so instances converge whatever order relayed updates arrive in. False for an unknown driver.
   */
  locate(driverId: string, location: LatLng, atMs: number, by: string): boolean {
    const driver = this.#byId.get(driverId);
    if (driver === undefined) return false;
    const last = this.#stamps.get(driverId);
    if (last === undefined || atMs > last.atMs || (atMs === last.atMs && by >= last.by)) {
      driver.location = { lat: location.lat, lng: location.lng };
      this.#stamps.set(driverId, { atMs, by });
    }
    return true;
  }

  /** Applies a write relayed from another instance. */
  apply(write: DemoWrite): void {
    if (write.kind === 'driver.located') this.locate(write.driverId, write.location, write.atMs, write.by);
  }
}
