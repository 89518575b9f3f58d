import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { activeTripStatuses } from '../authz/index.ts';
import type { ClientName } from '../config/index.ts';
import { cellsNear } from '../events/cells.ts';
import type { DomainEvent } from '../events/DomainEvent.ts';
import { driverLocationKey, offersKey, tripStatusKey } from '../events/routingKeys.ts';
import { GatewayError } from '../errors/index.ts';
import type { RequestContext } from '../subgraphs/RequestContext.ts';
import type { TripRecord } from '../upstreams/index.ts';
import { LiveRefusal, type LiveMessage, type LiveRead, type LiveSource } from './LiveSource.ts';
import { intValue, rewriteAsQuery, variableValue, type SubscriptionRoot } from './rewriteSubscription.ts';

/** Runs a query with a fresh request context (its own DataLoaders and deadline), the event being resolved in it. */
export interface LiveReader {
  run(query: string, variables: Readonly<Record<string, unknown>>, trigger: DomainEvent | undefined): Promise<{ message: LiveMessage; context: RequestContext }>;
}

/** What a source is built from: the subscription's root field, its variables, the subscriber, the reader. */
export interface LiveSourceInput {
  readonly root: SubscriptionRoot;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly viewerId: string;
  readonly reader: LiveReader;
}

/** The live root fields of each client app, by name (as in schemas/bff/<client>.graphql's Subscription). */
export const liveSources: Readonly<Record<ClientName, Readonly<Record<string, (input: LiveSourceInput) => LiveSource>>>> = {
  passenger: { tripUpdated: tripUpdatedSource, driverLocation: driverLocationSource },
  driver: { tripUpdated: tripUpdatedSource, rideOffers: rideOffersSource },
  web: {},
};

/** How many waiting offers a new rideOffers subscription gets first. */
const initialOffers = 10;

/** The variable the gateway binds an offered trip's id to when it re-reads an offer. */
const offeredTripVariable = 'gatewayOfferedTripId';

const endedStatuses: ReadonlySet<string> = new Set(['COMPLETED', 'CANCELLED']);

/** `tripUpdated(tripId)`: re-read through `trip(id)` (the rider's or driver's own trip) on each status change; completes when the trip ends. */
function tripUpdatedSource({ root, variables, reader }: LiveSourceInput): LiveSource {
  const tripArgument = requiredArgument(root, 'tripId');
  const tripId = idOf(tripArgument, variables, 'tripId');
  const query = rewriteAsQuery(root, { field: 'trip', arguments: new Map([['id', tripArgument]]) });
  const key = tripStatusKey(tripId);
  let delivered: number | undefined;
  return {
    initialKeys: [key],
    streamOf: (routingKey) => routingKey,
    async read(trigger, initial): Promise<LiveRead> {
      const { message, context } = await reader.run(query, variables, trigger);
      if (initial) refuseRootErrors(message, root.responseKey);
      const trip = await loadedTrip(context, tripId);
      const revision = trip?.revision;
      // Not newer than what was delivered (an event that raced the first read, a refresh that found nothing new): not sent.
      const fresh = initial || revision === undefined || delivered === undefined || revision > delivered;
      if (fresh && revision !== undefined) delivered = revision;
      return {
        messages: fresh ? [message] : [],
        keys: [key],
        ...(revision !== undefined ? { revisions: new Map([[key, revision]]) } : {}),
        done: trip !== null && endedStatuses.has(trip.status),
      };
    },
  };
}

/**
 * `driverLocation(tripId)`: the trip's driver's position through `driverPosition(tripId)`, while
 * the trip is active (null before a driver is assigned); positions conflated (the latest wins);
 * completes when the trip ends, so a driver's position is the rider's only during the trip.
 */
function driverLocationSource({ root, variables, reader }: LiveSourceInput): LiveSource {
  const tripArgument = requiredArgument(root, 'tripId');
  const tripId = idOf(tripArgument, variables, 'tripId');
  const query = rewriteAsQuery(root, { field: 'driverPosition', arguments: new Map([['tripId', tripArgument]]) });
  const tripKey = tripStatusKey(tripId);
  let lastSent: string | undefined;
  return {
    initialKeys: [tripKey],
    streamOf: (routingKey) => routingKey,
    async read(trigger, initial): Promise<LiveRead> {
      const { message, context } = await reader.run(query, variables, trigger);
      if (initial) refuseRootErrors(message, root.responseKey);
      const trip = await loadedTrip(context, tripId);
      if (trip && endedStatuses.has(trip.status)) return { messages: [], keys: [], done: true };
      const active = trip?.driverId && activeTripStatuses.has(trip.status) ? trip.driverId : undefined;
      const keys = active ? [tripKey, driverLocationKey(active)] : [tripKey];
      const position = message.data?.[root.responseKey] ?? null;
      const text = JSON.stringify(message);
      // The first message is the current state (null before a driver is assigned); later, a position only when it changed.
      const send = initial || (position !== null && text !== lastSent);
      if (send) lastSent = text;
      // A position event is read once: older or repeated ones of this driver are dropped unread.
      const revisions = trigger?.type === 'driver.location' ? new Map([[driverLocationKey(trigger.driverId), trigger.revision]]) : undefined;
      return { messages: send ? [message] : [], keys, ...(revisions ? { revisions } : {}), done: false };
    },
  };
}

/**
 * `rideOffers`: the waiting trips near the driver first (`rideOffers(first: 10)`), then each trip
 * requested in the cells around the driver's position (`offers.<cell>`), re-read through
 * `trip(id)`, which offers a waiting trip near the driver only.
 */
function rideOffersSource({ root, variables, viewerId, reader }: LiveSourceInput): LiveSource {
  const listQuery = rewriteAsQuery(root, { field: 'rideOffers', arguments: new Map([['first', intValue(initialOffers)]]) });
  const offerQuery = rewriteAsQuery(root, {
    field: 'trip',
    arguments: new Map([['id', variableValue(offeredTripVariable)]]),
    addedVariables: [{ name: offeredTripVariable, type: 'ID!' }],
  });
  const delivered = new Set<string>();
  let keys: string[] = [];
  const readList = async (initial: boolean): Promise<LiveRead> => {
    const { message, context } = await reader.run(listQuery, variables, undefined);
    if (initial) refuseRootErrors(message, root.responseKey);
    const driver = await context.loaders.drivers.load(viewerId).catch(() => null);
    // Offers follow the driver's position when the subscription starts (and after the broker came back).
    if (driver?.location) keys = cellsNear(driver.location.lat, driver.location.lng).map(offersKey);
    const list = message.data?.[root.responseKey];
    const messages: LiveMessage[] = [];
    if (Array.isArray(list)) {
      for (const trip of list as Array<{ id?: unknown } | null>) {
        const id = typeof trip?.id === 'string' ? trip.id : undefined;
        if (id !== undefined && delivered.has(id)) continue;
        if (id !== undefined) delivered.add(id);
        messages.push({ data: { [root.responseKey]: trip }, ...(messages.length === 0 && message.extensions ? { extensions: message.extensions } : {}) });
      }
    }
    // Offers are one-off events: one more read once the cells are bound catches a ride requested meanwhile.
    return { messages, keys, done: false, rereadWhenBound: true };
  };
  return {
    initialKeys: [],
    streamOf: (routingKey, event) => (event.type === 'ride.offer' ? `offer:${event.tripId}` : routingKey),
    async read(trigger, initial): Promise<LiveRead> {
      if (trigger?.type !== 'ride.offer') return readList(initial);
      // A withdrawn offer (taken or cancelled) is no longer the driver's to see: nothing to send.
      if (trigger.withdrawn) return { messages: [], keys, done: false };
      if (delivered.has(trigger.tripId)) return { messages: [], keys, done: false };
      const { message } = await reader.run(offerQuery, { ...variables, [offeredTripVariable]: trigger.tripId }, trigger);
      const offer = message.data?.[root.responseKey];
      // Taken already, or not near enough: trip(id) refuses it, and nothing is sent.
      if (offer === null || offer === undefined || rootErrors(message, root.responseKey).length > 0) return { messages: [], keys, done: false };
      delivered.add(trigger.tripId);
      return { messages: [message], keys, done: false };
    },
  };
}

/** The trip as this read's DataLoader fetched it (no second call); null when unknown or failed. */
async function loadedTrip(context: RequestContext, tripId: string): Promise<TripRecord | null> {
  return context.loaders.trips.load(tripId).catch(() => null);
}

function requiredArgument(root: SubscriptionRoot, name: string): ValueNode {
  const value = root.arguments.get(name);
  if (!value) throw new GatewayError('BAD_REQUEST', `${root.field} needs its ${name} argument.`);
  return value;
}

/** An ID argument's value, from a literal or a variable. */
function idOf(value: ValueNode, variables: Readonly<Record<string, unknown>>, name: string): string {
  const id = value.kind === Kind.VARIABLE ? variables[value.name.value] : value.kind === Kind.STRING || value.kind === Kind.INT ? value.value : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') throw new GatewayError('BAD_USER_INPUT', `${name} must be an ID.`);
  return String(id);
}

/** Errors of the root field itself (or of the whole operation). */
function rootErrors(message: LiveMessage, responseKey: string): readonly NonNullable<LiveMessage['errors']>[number][] {
  return (message.errors ?? []).filter((error) => !error.path || error.path.length === 0 || (error.path.length === 1 && error.path[0] === responseKey));
}

/**
 * The first read decides whether the subscription may start: an error of the root field (another
 * rider's trip, or an unknown one: FORBIDDEN) or of the whole operation refuses it, sent as
 * the subscription's error with its code; the connection stays open.
 */
function refuseRootErrors(message: LiveMessage, responseKey: string): void {
  const errors = rootErrors(message, responseKey);
  if (errors.length === 0 && message.data !== null && message.data !== undefined) return;
  const refusal = errors.length > 0 ? errors : (message.errors ?? [{ message: 'The subscription could not be started.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  throw new LiveRefusal(refusal.map((error) => new GraphQLError(error.message, { ...(error.extensions ? { extensions: error.extensions } : {}) })));
}
