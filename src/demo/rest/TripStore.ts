import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { distanceMeters } from '../seed/geo.ts';
import type { LatLng, Trip, TripStatus } from '../seed/types.ts';

/** Who accepted a trip and when; the earliest acceptance wins a race between instances. */
interface Acceptance {
  atMs: number;
  by: string;
}

/** Outcome of a local accept. */
export type AcceptOutcome = { kind: 'accepted'; trip: Trip } | { kind: 'not-found' } | { kind: 'conflict'; status: Trip['status'] };

/**
 * The trips of one instance, indexed for the trips service's reads, with the writes that keep
 * instances in agreement. Takes ownership of the trips it is given (mutates them on accept).
 */
export class TripStore {
  readonly #byId = new Map<string, Trip>();
  /** Newest first. */
  readonly #byRider = new Map<string, Trip[]>();
  /** REQUESTED trips, waiting for a driver. */
  readonly #open = new Map<string, Trip>();
  readonly #acceptances = new Map<string, Acceptance>();
  /** `<riderId>\0<Idempotency-Key>` → trip id, for bookings made on this instance. */
  readonly #byIdempotencyKey = new Map<string, string>();

  /** @param trips oldest first, as seeded. */
  constructor(trips: Trip[]) {
    for (let i = trips.length - 1; i >= 0; i--) {
      const trip = trips[i];
      if (trip === undefined) continue;
      this.#byId.set(trip.id, trip);
      const list = this.#byRider.get(trip.riderId);
      if (list) list.push(trip);
      else this.#byRider.set(trip.riderId, [trip]);
      if (trip.status === 'REQUESTED') this.#open.set(trip.id, trip);
    }
  }

  /** One trip by id. */
  get(id: string): Trip | undefined {
    return this.#byId.get(id);
  }

  /** A rider's newest `first` trips; `undefined` for a rider without any. */
  byRider(riderId: string, first: number): Trip[] | undefined {
    return this.#byRider.get(riderId)?.slice(0, first);
  }

  /** REQUESTED trips whose pickup is within `radiusMeters` of `near`, nearest first. */
  open(near: LatLng, radiusMeters: number, first: number): Trip[] {
    const found: { trip: Trip; meters: number }[] = [];
    for (const trip of this.#open.values()) {
      const meters = distanceMeters(near, trip.pickup);
      if (meters <= radiusMeters) found.push({ trip, meters });
    }
    found.sort((a, b) => a.meters - b.meters || (a.trip.id < b.trip.id ? -1 : 1));
    return found.slice(0, first).map((f) => f.trip);
  }

  /** Adds a new trip; adding a known id again changes nothing (relayed writes may repeat). */
  add(trip: Trip): void {
    if (this.#byId.has(trip.id)) return;
    this.#byId.set(trip.id, trip);
    const list = this.#byRider.get(trip.riderId) ?? [];
    list.splice(insertionIndex(list, trip), 0, trip);
    this.#byRider.set(trip.riderId, list);
    if (trip.status === 'REQUESTED') this.#open.set(trip.id, trip);
  }

  /** The trip this rider booked on this instance with this idempotency key, if any. */
  byIdempotencyKey(riderId: string, key: string): Trip | undefined {
    const id = this.#byIdempotencyKey.get(`${riderId}\u0000${key}`);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  /** Remembers which trip a rider's idempotency key booked (kept for the instance's lifetime). */
  rememberIdempotencyKey(riderId: string, key: string, tripId: string): void {
    this.#byIdempotencyKey.set(`${riderId}\u0000${key}`, tripId);
  }

  /** A driver takes a trip on this instance: only a REQUESTED trip can be accepted. */
  accept(tripId: string, driverId: string, atMs: number, by: string): AcceptOutcome {
    const trip = this.#byId.get(tripId);
    if (trip === undefined) return { kind: 'not-found' };
    if (trip.status !== 'REQUESTED') return { kind: 'conflict', status: trip.status };
    this.#markAccepted(trip, driverId, { atMs, by });
    return { kind: 'accepted', trip };
  }

  /** The instance whose acceptance of the trip holds (it runs the ride's timer). */
  acceptedBy(tripId: string): string | undefined {
    return this.#acceptances.get(tripId)?.by;
  }

  /** A local status change (the ride's timer, a cancellation): the revision goes up by one. */
  advance(tripId: string, status: TripStatus, etaSeconds: number | null): Trip | undefined {
    const trip = this.#byId.get(tripId);
    if (trip === undefined) return undefined;
    this.#setStatus(trip, status, trip.revision + 1, etaSeconds);
    return trip;
  }

  /** The ride's ETA, for the trip's current revision only (an older one is stale). */
  setEta(tripId: string, revision: number, etaSeconds: number | null): void {
    const trip = this.#byId.get(tripId);
    if (trip !== undefined && trip.revision === revision) trip.etaSeconds = etaSeconds;
  }

  /**
   * Applies a write relayed from another instance. Two instances may accept the same trip before
   * hearing of each other; every instance then keeps the earliest acceptance (ties: lower
   * instance id), so they converge. Later status changes apply when their revision is newer.
   */
  apply(write: DemoWrite): void {
    switch (write.kind) {
      case 'trip.created':
        this.add({ ...write.trip, pickup: { ...write.trip.pickup }, dropoff: { ...write.trip.dropoff } });
        return;
      case 'trip.status': {
        const trip = this.#byId.get(write.tripId);
        if (trip !== undefined && write.revision > trip.revision) this.#setStatus(trip, write.status, write.revision, write.etaSeconds);
        return;
      }
      case 'trip.eta':
        this.setEta(write.tripId, write.revision, write.etaSeconds);
        return;
      case 'trip.accepted': {
        const trip = this.#byId.get(write.tripId);
        if (trip === undefined) return;
        const incoming: Acceptance = { atMs: write.atMs, by: write.by };
        const current = this.#acceptances.get(trip.id);
        if (trip.status === 'REQUESTED' || (trip.status === 'ACCEPTED' && current !== undefined && earlier(incoming, current))) {
          this.#markAccepted(trip, write.driverId, incoming);
        }
        return;
      }
      default:
        return;
    }
  }

  #setStatus(trip: Trip, status: TripStatus, revision: number, etaSeconds: number | null): void {
    trip.status = status;
    trip.revision = revision;
    trip.etaSeconds = etaSeconds;
    if (status !== 'REQUESTED') this.#open.delete(trip.id);
  }

  #markAccepted(trip: Trip, driverId: string, acceptance: Acceptance): void {
    trip.status = 'ACCEPTED';
    trip.driverId = driverId;
    // 2 on every instance, whichever of two racing acceptances wins.
    trip.revision = Math.max(trip.revision, 2);
    this.#acceptances.set(trip.id, acceptance);
    this.#open.delete(trip.id);
  }
}

function earlier(a: Acceptance, b: Acceptance): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.by < b.by);
}

/** Where `trip` goes in a newest-first list (binary search on requestedAt, then id). */
function insertionIndex(list: readonly Trip[], trip: Trip): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = list[mid];
    if (other !== undefined && (other.requestedAt > trip.requestedAt || (other.requestedAt === trip.requestedAt && other.id > trip.id))) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}
