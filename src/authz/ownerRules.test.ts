import { describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/index.ts';
import { ownerRules, type OwnerRuleInput } from './ownerRules.ts';
import type { ViewerRelations } from './ViewerRelations.ts';

const relations: ViewerRelations = {
  offerTrips: () => undefined,
  isOffered: (id) => id === 't-offered',
  ridesWith: (driverId) => Promise.resolve(driverId === 'd-1'),
};
const rider = (id: string): Viewer => ({ client: 'web', id, scopes: new Set() });
const driver = (id: string): Viewer => ({ client: 'driver', id, scopes: new Set() });
const input = (typeName: string, parent: Record<string, unknown>, viewer: Viewer): OwnerRuleInput => ({ typeName, parent, viewer, relations });

describe('ownerRules', () => {
  it('SELF: the rider for a Rider, the driver for a Driver, never across roles', () => {
    expect(ownerRules.SELF.allows(input('Rider', { id: 'r-1' }, rider('r-1')))).toBe(true);
    expect(ownerRules.SELF.allows(input('Rider', { id: 'r-1' }, rider('r-2')))).toBe(false);
    expect(ownerRules.SELF.allows(input('Driver', { id: 'd-1' }, driver('d-1')))).toBe(true);
    expect(ownerRules.SELF.allows(input('Driver', { id: 'd-1' }, rider('d-1')))).toBe(false);
  });

  it('TRIP_RIDER: the trip’s rider only', () => {
    expect(ownerRules.TRIP_RIDER.allows(input('Trip', { rider: { id: 'r-1' } }, rider('r-1')))).toBe(true);
    expect(ownerRules.TRIP_RIDER.allows(input('Trip', { rider: { id: 'r-1' } }, rider('r-2')))).toBe(false);
    expect(ownerRules.TRIP_RIDER.allows(input('Trip', { rider: null }, rider('r-1')))).toBe(false);
  });

  it('TRIP_DRIVER: the trip’s driver while it is ACCEPTED, ARRIVING or IN_PROGRESS', () => {
    for (const status of ['ACCEPTED', 'ARRIVING', 'IN_PROGRESS']) {
      expect(ownerRules.TRIP_DRIVER.allows(input('Trip', { status, driver: { id: 'd-1' } }, driver('d-1')))).toBe(true);
    }
    for (const status of ['REQUESTED', 'COMPLETED', 'CANCELLED']) {
      expect(ownerRules.TRIP_DRIVER.allows(input('Trip', { status, driver: { id: 'd-1' } }, driver('d-1')))).toBe(false);
    }
    expect(ownerRules.TRIP_DRIVER.allows(input('Trip', { status: 'ACCEPTED', driver: { id: 'd-1' } }, driver('d-2')))).toBe(false);
    expect(ownerRules.TRIP_DRIVER.allows(input('Trip', { status: 'ACCEPTED', driver: null }, driver('d-1')))).toBe(false);
  });

  it('TRIP_OFFERED_DRIVER and ACTIVE_TRIP_RIDER ask the request’s relations, for the right role only', async () => {
    expect(ownerRules.TRIP_OFFERED_DRIVER.allows(input('Trip', { id: 't-offered' }, driver('d-1')))).toBe(true);
    expect(ownerRules.TRIP_OFFERED_DRIVER.allows(input('Trip', { id: 't-other' }, driver('d-1')))).toBe(false);
    expect(ownerRules.TRIP_OFFERED_DRIVER.allows(input('Trip', { id: 't-offered' }, rider('r-1')))).toBe(false);
    await expect(ownerRules.ACTIVE_TRIP_RIDER.allows(input('Driver', { id: 'd-1' }, rider('r-1')))).resolves.toBe(true);
    await expect(ownerRules.ACTIVE_TRIP_RIDER.allows(input('Driver', { id: 'd-2' }, rider('r-1')))).resolves.toBe(false);
    expect(ownerRules.ACTIVE_TRIP_RIDER.allows(input('Driver', { id: 'd-1' }, driver('d-1')))).toBe(false);
  });
});
