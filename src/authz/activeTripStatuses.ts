/**
 * Trip statuses during which the trip's driver and rider may see each other's precise data
 * (pickup and drop-off; the driver's position). `ARRIVING` is listed ahead of its introduction so
 * that adding the status needs no change to the rules.
 */
export const activeTripStatuses: ReadonlySet<string> = new Set(['ACCEPTED', 'ARRIVING', 'IN_PROGRESS']);
