import { clientCatalog, type ClientName } from '../config/clientCatalog.ts';

/** The seeded demo user behind each client's token (`schemas/clients.json`): a rider with 240 trips, or the demo driver. */
export const demoUserIds: Readonly<Record<ClientName, string>> = Object.freeze(
  Object.fromEntries(clientCatalog.map((client) => [client.name, client.demo.user])) as Record<ClientName, string>,
);
