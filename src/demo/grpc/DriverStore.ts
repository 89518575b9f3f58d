import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { bearingDegrees, distanceMeters } from '../seed/geo.ts';
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

/** A driver's position as live events publish it: heading and a per-driver revision. */
export interface DriverPosition {
  location: LatLng;
  /** Degrees clockwise from north, 0..359 (0 until the driver first moves). */
  heading: number;
  /** +1 per position applied (0: the seeded one). */
  revision: number;
  atMs: number;
}

/** Drivers of one instance with their live positions. Takes ownership of the drivers it is given. */
export class DriverStore {
  readonly #byId: Map<string, Driver>;
  readonly #stamps = new Map<string, Stamp>();
  readonly #revisions = new Map<string, number>();

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
   * `revision` (the origin's count) and `heading` travel with relayed writes; absent, they follow
   * from this store (+1, the bearing from the last position).
   */
  locate(driverId: string, location: LatLng, atMs: number, by: string, revision?: number, heading?: number): boolean {
    const driver = this.#byId.get(driverId);
    if (driver === undefined) return false;
    const last = this.#stamps.get(driverId);
    if (last === undefined || atMs > last.atMs || (atMs === last.atMs && by >= last.by)) {
      const moved = driver.location.lat !== location.lat || driver.location.lng !== location.lng;
      const nextHeading = heading ?? (moved ? bearingDegrees(driver.location, location) : (driver.heading ?? 0));
      driver.location = { lat: location.lat, lng: location.lng };
      driver.heading = nextHeading;
      driver.locationAt = new Date(atMs).toISOString();
      this.#stamps.set(driverId, { atMs, by });
      this.#revisions.set(driverId, Math.max(revision ?? 0, (this.#revisions.get(driverId) ?? 0) + (revision === undefined ? 1 : 0)));
    }
    return true;
  }

  /** The driver's live position with heading and revision; undefined for an unknown driver. */
  position(driverId: string): DriverPosition | undefined {
    const driver = this.#byId.get(driverId);
    if (driver === undefined) return undefined;
    return {
      location: { ...driver.location },
      heading: driver.heading ?? 0,
      revision: this.#revisions.get(driverId) ?? 0,
      atMs: this.#stamps.get(driverId)?.atMs ?? 0,
    };
  }

  /** Applies a write relayed from another instance. */
  apply(write: DemoWrite): void {
    if (write.kind === 'driver.located') this.locate(write.driverId, write.location, write.atMs, write.by, write.revision, write.heading);
  }
}
