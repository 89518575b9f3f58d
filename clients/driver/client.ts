import { AppClient, operationsOf, type AppClientOptions, type OperationsOf } from '../appClient.ts';
import * as documents from './__generated__/documents.ts';
import operationIds from './__generated__/operation-ids.json' with { type: 'json' };

/** The driver app's operations, by name, typed by the generated `operations.ts`. */
export type DriverOperations = OperationsOf<typeof documents>;

/**
 * The driver app's GraphQL client: sends each of its operations by document id with its app
 * version (`x-app-version: driver@<semver>`), e.g.
 * `await driverClient({ gatewayUrl, appVersion: 'driver@3.2.0', token }).run('<Operation>', variables)`.
 */
export function driverClient(options: AppClientOptions): AppClient<DriverOperations> {
  return new AppClient('driver', operationsOf(documents), operationIds, options);
}
