import { z } from 'zod';
import type { DomainEvent } from './DomainEvent.ts';

const id = z.string().min(1).max(200);
const revision = z.number().int().min(1);
const at = z.string().min(1).max(64);

const tripStatus = z.object({
  type: z.literal('trip.status'),
  tripId: id,
  revision,
  status: z.enum(['REQUESTED', 'ACCEPTED', 'ARRIVING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED']),
  driverId: id.optional(),
  riderId: id,
  at,
});

const driverLocation = z.object({
  type: z.literal('driver.location'),
  driverId: id,
  revision,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  heading: z.number().min(0).lt(360),
  at,
});

const rideOffer = z.object({
  type: z.literal('ride.offer'),
  tripId: id,
  revision,
  cell: z.string().min(1).max(64),
  withdrawn: z.boolean().optional(),
  at,
});

const domainEvent = z.discriminatedUnion('type', [tripStatus, driverLocation, rideOffer]);

/** An event read off the wire, or why it is not one (for one log line; the message is dropped). */
export type ParsedEvent = { readonly ok: true; readonly event: DomainEvent } | { readonly ok: false; readonly problem: string };

/** Parses and validates a message body (JSON). Unknown extra fields are dropped, so publishers may add fields. */
export function parseDomainEvent(body: Buffer | string): ParsedEvent {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const result = domainEvent.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, event: result.data as DomainEvent };
}
