import type { ClientName } from '../config/clientNames.ts';

/** The seeded demo user behind each client's token: a rider with 240 trips, or the demo driver. */
export const demoUserIds: Readonly<Record<ClientName, string>> = {
  passenger: 'r-0001',
  web: 'r-0001',
  driver: 'd-0001',
};
