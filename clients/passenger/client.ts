import { AppClient, operationsOf, type AppClientOptions, type OperationsOf } from '../appClient.ts';
import * as documents from './__generated__/documents.ts';
import operationIds from './__generated__/operation-ids.json' with { type: 'json' };

/** The passenger app's operations, by name, typed by the generated `operations.ts`. */
export type PassengerOperations = OperationsOf<typeof documents>;

/**
 * The passenger app's GraphQL client: sends each of its operations by document id with its app
 * version (`x-app-version: passenger@<semver>`), e.g.
 * `await passengerClient({ gatewayUrl, appVersion: 'passenger@3.2.0', token }).run('<Operation>', variables)`.
 */
export function passengerClient(options: AppClientOptions): AppClient<PassengerOperations> {
  return new AppClient('passenger', operationsOf(documents), operationIds, options);
}
