import type { Resolvers } from './__generated__/resolvers.ts';

/** Drivers subgraph: driver profiles, vehicles and positions from the drivers service (gRPC). */
export const driversResolvers: Resolvers = {
  Driver: {
    __resolveReference: (driver, context) => context.loaders.drivers.load(driver.id),
    // proto3's zero value means the service never set a status: treat as offline.
    status: (driver) => (driver.status === 'DRIVER_STATUS_UNSPECIFIED' ? 'OFFLINE' : driver.status),
  },
};
