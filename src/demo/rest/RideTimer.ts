import type { EventPublisher } from '../../events/EventPublisher.ts';
import type { DriverStore } from '../grpc/DriverStore.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { distanceMeters, pointBetween, ROAD_FACTOR } from '../seed/geo.ts';
import type { LatLng, Trip, TripStatus } from '../seed/types.ts';
import { publishTripStatus } from './tripEvents.ts';
import type { TripStore } from './TripStore.ts';

/** What a ride's timer needs. */
export interface RideTimerOptions {
  store: TripStore;
  /** Drivers' live positions as this instance knows them (relayed from the drivers service). */
  drivers: DriverStore;
  instanceId: string;
  /** Sends a locally applied write to the other instances (trips and drivers). */
  publish: (write: DemoWrite) => void;
  events: EventPublisher | undefined;
  /** One status step (ACCEPTED → ARRIVING → IN_PROGRESS → COMPLETED), ms (`DEMO_RIDE_STEP_MS`, default 5 000). */
  stepMs: number;
  now: () => number;
}

/** Driver positions per status step: a moving dot on the map without flooding the broker. */
export const MOVES_PER_STEP = 4;
/** Average city speed for ETAs: 30 km/h, in metres per second (the drivers service's figure). */
const CITY_SPEED_MPS = 30_000 / 3_600;

/** Seconds to cover the road between two points at city speed. */
function etaSeconds(from: LatLng, to: LatLng): number {
  return Math.round((distanceMeters(from, to) * ROAD_FACTOR) / CITY_SPEED_MPS);
}

/**
 * Drives accepted rides in demo mode: one step after the acceptance the trip is ARRIVING, one more
 * and it is IN_PROGRESS (the driver at the pickup), one more and it is COMPLETED (at the drop-off).
 * The driver moves {@link MOVES_PER_STEP} times per step, toward the pickup, then the drop-off;
 * each move is stored, relayed to the drivers service and published. A ride runs only in the
 * instance whose acceptance holds, and stops when the trip is cancelled or another instance's
 * acceptance wins.
 */
export class RideTimer {
  readonly #options: RideTimerOptions;
  readonly #rides = new Map<string, NodeJS.Timeout>();

  constructor(options: RideTimerOptions) {
    this.#options = options;
  }

  /** Starts the ride of an accepted trip. */
  start(trip: Trip): void {
    const { drivers, store } = this.#options;
    if (trip.driverId === null || this.#rides.has(trip.id)) return;
    const driverId = trip.driverId;
    const from = drivers.position(driverId)?.location ?? trip.pickup;
    this.#setEta(trip, etaSeconds(from, trip.pickup));
    const pickup = { ...trip.pickup };
    const dropoff = { ...trip.dropoff };
    const totalMoves = 3 * MOVES_PER_STEP;
    let move = 0;
    const tick = (): void => {
      const current = store.get(trip.id);
      if (!current || current.driverId !== driverId || store.acceptedBy(trip.id) !== this.#options.instanceId || !isRiding(current.status)) {
        this.#rides.delete(trip.id);
        return;
      }
      move += 1;
      const approaching = move <= 2 * MOVES_PER_STEP;
      const position = approaching ? pointBetween(from, pickup, move / (2 * MOVES_PER_STEP)) : pointBetween(pickup, dropoff, (move - 2 * MOVES_PER_STEP) / MOVES_PER_STEP);
      this.#moveDriver(driverId, position);
      const next: TripStatus | undefined = move === MOVES_PER_STEP ? 'ARRIVING' : move === 2 * MOVES_PER_STEP ? 'IN_PROGRESS' : move === totalMoves ? 'COMPLETED' : undefined;
      const eta = move === totalMoves ? null : approaching && move < 2 * MOVES_PER_STEP ? etaSeconds(position, pickup) : etaSeconds(position, dropoff);
      if (next !== undefined) {
        this.#advance(current, next, eta);
      } else {
        this.#setEta(current, eta);
      }
      if (move >= totalMoves) {
        this.#rides.delete(trip.id);
        return;
      }
      this.#schedule(trip.id, tick);
    };
    this.#schedule(trip.id, tick);
  }

  /** Stops every ride (the instance is shutting down). */
  stopAll(): void {
    for (const timer of this.#rides.values()) clearTimeout(timer);
    this.#rides.clear();
  }

  #schedule(tripId: string, tick: () => void): void {
    const timer = setTimeout(tick, this.#options.stepMs / MOVES_PER_STEP);
    // A ride in progress must not keep a stopping process alive.
    timer.unref();
    this.#rides.set(tripId, timer);
  }

  #moveDriver(driverId: string, location: LatLng): void {
    const { drivers, instanceId } = this.#options;
    const atMs = this.#options.now();
    drivers.locate(driverId, location, atMs, instanceId);
    const position = drivers.position(driverId);
    if (position === undefined) return;
    this.#options.publish({ kind: 'driver.located', driverId, location, atMs, by: instanceId, revision: position.revision, heading: position.heading });
    this.#options.events?.publish({
      type: 'driver.location',
      driverId,
      revision: position.revision,
      lat: location.lat,
      lng: location.lng,
      heading: position.heading,
      at: new Date(atMs).toISOString(),
    });
  }

  #advance(trip: Trip, status: TripStatus, eta: number | null): void {
    const atMs = this.#options.now();
    const changed = this.#options.store.advance(trip.id, status, eta);
    if (changed === undefined) return;
    this.#options.publish({ kind: 'trip.status', tripId: trip.id, status, revision: changed.revision, etaSeconds: eta, atMs, by: this.#options.instanceId });
    publishTripStatus(this.#options.events, changed, atMs);
  }

  #setEta(trip: Trip, eta: number | null): void {
    if (trip.etaSeconds === eta) return;
    this.#options.store.setEta(trip.id, trip.revision, eta);
    this.#options.publish({ kind: 'trip.eta', tripId: trip.id, revision: trip.revision, etaSeconds: eta });
  }
}

/** Statuses a ride's timer moves on from. */
function isRiding(status: TripStatus): boolean {
  return status === 'ACCEPTED' || status === 'ARRIVING' || status === 'IN_PROGRESS';
}
