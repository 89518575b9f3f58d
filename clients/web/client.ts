import { AppClient, operationsOf, type AppClientOptions, type OperationsOf } from '../appClient.ts';
import * as documents from './__generated__/documents.ts';
import operationIds from './__generated__/operation-ids.json' with { type: 'json' };

/** The web app's operations, by name, typed by the generated `operations.ts`. */
export type WebOperations = OperationsOf<typeof documents>;

/**
 * The web app's GraphQL client: sends each of its operations by document id with its app
 * version (`x-app-version: web@<semver>`), e.g.
 * `await webClient({ gatewayUrl, appVersion: 'web@3.2.0', token }).run('<Operation>', variables)`.
 */
export function webClient(options: AppClientOptions): AppClient<WebOperations> {
  return new AppClient('web', operationsOf(documents), operationIds, options);
}
