import type { EventPublisher } from '../../events/EventPublisher.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { roadDistanceMeters } from '../seed/geo.ts';
import type { Trip } from '../seed/types.ts';
import { badRequest, conflict, methodNotAllowed, notFound } from './HttpError.ts';
import { idList, intParam, latLngField, numberParam, objectBody, stringField } from './params.ts';
import { ok } from './RestService.ts';
import type { RestCall, RestReply, RestService } from './RestService.ts';
import type { RideTimer } from './RideTimer.ts';
import { publishRideOffer, publishTripStatus } from './tripEvents.ts';
import type { TripStore } from './TripStore.ts';

/** What the trips service needs besides its store. */
export interface TripsServiceOptions {
  store: TripStore;
  /** Ids that may book, be booked and accept (validated on writes). */
  riderIds: ReadonlySet<string>;
  productIds: ReadonlySet<string>;
  driverIds: ReadonlySet<string>;
  /** This instance's id: new trip ids embed it, so instances never hand out the same id. */
  instanceId: string;
  /** Sends an applied write to the other instances. */
  publish: (write: DemoWrite) => void;
  /** Clock, ms since the epoch. */
  now: () => number;
  /** Live events (`trip.<id>.status`, `offers.<cell>`); absent: none published. */
  events?: EventPublisher;
  /** Moves accepted rides on to COMPLETED; absent: accepted trips stay ACCEPTED. */
  rides?: RideTimer;
}

const ACCEPT_PATH = /^\/trips\/([^/]+)\/accept$/;
const CANCEL_PATH = /^\/trips\/([^/]+)\/cancel$/;
/** Statuses a trip can be cancelled from. */
const CANCELLABLE: ReadonlySet<Trip['status']> = new Set(['REQUESTED', 'ACCEPTED', 'ARRIVING']);

/**
 * trips: batch reads by id and by rider, open trips near a point, booking and accepting (see
 * the README for the routes). New trips get ids `t-<instanceId>-<n>`.
 */
export function createTripsService(options: TripsServiceOptions): RestService {
  const { store } = options;
  let sequence = 0;

  const create = (call: RestCall): RestReply => {
    const body = objectBody(call.body);
    const riderId = stringField(body, 'riderId');
    const productId = stringField(body, 'productId');
    const pickup = latLngField(body, 'pickup');
    const dropoff = latLngField(body, 'dropoff');
    if (!options.riderIds.has(riderId)) throw badRequest(`unknown rider ${riderId}`);
    if (!options.productIds.has(productId)) throw badRequest(`unknown product ${productId}`);
    // Optional: the same rider and key answer the trip booked first (200) instead of a second one.
    const idempotencyKey = body.idempotencyKey === undefined ? undefined : stringField(body, 'idempotencyKey');
    if (idempotencyKey !== undefined) {
      const booked = store.byIdempotencyKey(riderId, idempotencyKey);
      if (booked !== undefined) return ok(booked);
    }
    let id: string;
    do {
      sequence += 1;
      id = `t-${options.instanceId}-${String(sequence).padStart(6, '0')}`;
    } while (store.get(id) !== undefined);
    const trip: Trip = {
      id,
      riderId,
      driverId: null,
      productId,
      status: 'REQUESTED',
      requestedAt: new Date(options.now()).toISOString(),
      pickup,
      dropoff,
      distanceMeters: roadDistanceMeters(pickup, dropoff),
      revision: 1,
      etaSeconds: null,
    };
    store.add(trip);
    if (idempotencyKey !== undefined) store.rememberIdempotencyKey(riderId, idempotencyKey, trip.id);
    options.publish({ kind: 'trip.created', trip });
    publishTripStatus(options.events, trip, options.now());
    publishRideOffer(options.events, trip, options.now());
    return { status: 201, body: trip };
  };

  const accept = (call: RestCall, tripId: string): RestReply => {
    const driverId = stringField(objectBody(call.body), 'driverId');
    if (!options.driverIds.has(driverId)) throw badRequest(`unknown driver ${driverId}`);
    const atMs = options.now();
    const outcome = store.accept(tripId, driverId, atMs, options.instanceId);
    switch (outcome.kind) {
      case 'not-found':
        throw notFound(`no trip ${tripId}`);
      case 'conflict':
        throw conflict(`trip ${tripId} is ${outcome.status}, not REQUESTED`);
      case 'accepted':
        options.publish({ kind: 'trip.accepted', tripId, driverId, atMs, by: options.instanceId });
        publishTripStatus(options.events, outcome.trip, atMs);
        publishRideOffer(options.events, outcome.trip, atMs, true);
        options.rides?.start(outcome.trip);
        return ok(outcome.trip);
    }
  };

  /** The rider (or the demo) calls the trip off before the pickup. */
  const cancel = (tripId: string): RestReply => {
    const trip = store.get(tripId);
    if (trip === undefined) throw notFound(`no trip ${tripId}`);
    if (!CANCELLABLE.has(trip.status)) throw conflict(`trip ${tripId} is ${trip.status}; only a trip before its pickup can be cancelled`);
    const atMs = options.now();
    const wasOffered = trip.status === 'REQUESTED';
    const cancelled = store.advance(tripId, 'CANCELLED', null);
    if (cancelled === undefined) throw notFound(`no trip ${tripId}`);
    options.publish({ kind: 'trip.status', tripId, status: 'CANCELLED', revision: cancelled.revision, etaSeconds: null, atMs, by: options.instanceId });
    publishTripStatus(options.events, cancelled, atMs);
    if (wasOffered) publishRideOffer(options.events, cancelled, atMs, true);
    return ok(cancelled);
  };

  return {
    handle(call) {
      const acceptMatch = ACCEPT_PATH.exec(call.path);
      if (acceptMatch?.[1] !== undefined) {
        if (call.method !== 'POST') throw methodNotAllowed(call.method, call.path);
        return accept(call, decodeURIComponent(acceptMatch[1]));
      }
      const cancelMatch = CANCEL_PATH.exec(call.path);
      if (cancelMatch?.[1] !== undefined) {
        if (call.method !== 'POST') throw methodNotAllowed(call.method, call.path);
        return cancel(decodeURIComponent(cancelMatch[1]));
      }
      switch (call.path) {
        case '/trips':
          if (call.method === 'POST') return create(call);
          if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
          return ok(idList(call.query, 'ids').flatMap((id) => store.get(id) ?? []));
        case '/trips/by-rider': {
          if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
          const riderIds = idList(call.query, 'riderIds');
          const first = intParam(call.query, 'first', 1, 500, 10);
          const answer: Record<string, Trip[]> = {};
          for (const riderId of riderIds) {
            const trips = store.byRider(riderId, first);
            if (trips !== undefined) answer[riderId] = trips;
            else if (options.riderIds.has(riderId)) answer[riderId] = [];
          }
          return ok(answer);
        }
        case '/trips/open': {
          if (call.method !== 'GET') throw methodNotAllowed(call.method, call.path);
          const near = { lat: numberParam(call.query, 'lat', -90, 90), lng: numberParam(call.query, 'lng', -180, 180) };
          const radius = intParam(call.query, 'radiusMeters', 1, 50_000, 5_000);
          return ok(store.open(near, radius, intParam(call.query, 'first', 1, 100, 10)));
        }
        default:
          throw notFound(`no route ${call.path}`);
      }
    },
  };
}
