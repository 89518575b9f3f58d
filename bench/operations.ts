import { readFileSync } from 'node:fs';
import type { ClientName } from '../src/config/index.ts';
import { packageRoot } from './processes/BenchProcess.ts';

/** Where the demo rider stands (the seeded city centre). */
const centre = { lat: 38.7223, lng: -9.1393 };
/** A product with reviews and recommendations. */
const productId = 'p-comfort';

/** One operation the bench sends: as GraphQL (systems A, B, C) and as the hand-written screen endpoint (D). */
export interface BenchOperation {
  /** Row label, e.g. `PassengerHome` or `PassengerHome first:50`. */
  readonly label: string;
  readonly client: ClientName;
  readonly operationName: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** D's path and query string for the same screen. */
  readonly handwrittenPath: string;
  /** How many recent trips (PassengerHome only), to compare cost with result size. */
  readonly trips?: number;
  /** Measured only when `--operations` names it. */
  readonly optIn?: boolean;
  /** Sent by document id instead of text (this gateway only: `--systems A`). */
  readonly documentId?: string;
}

function operationText(path: string): string {
  return readFileSync(`${packageRoot}clients/${path}`, 'utf8');
}

/** `&promotions=1` when the operation selects `field` (the promotions subgraph's part of the screen), so that D does that work too. */
function promotionsParam(query: string, field: 'vouchers' | 'promotion'): string {
  return new RegExp(`\\b${field}\\s*\\{`).test(query) ? '&promotions=1' : '';
}

/** PassengerHome as the app sends it, with `recentTrips(first: <trips>)`. */
function passengerHome(trips: number): BenchOperation {
  const text = operationText('passenger/PassengerHome.graphql');
  const query = text.replace(/recentTrips\(first:\s*\d+\)/, `recentTrips(first: ${trips})`);
  if (!query.includes(`recentTrips(first: ${trips})`)) throw new Error('PassengerHome.graphql no longer has recentTrips(first: N)');
  return {
    label: trips === 10 ? 'PassengerHome' : `PassengerHome first:${trips}`,
    client: 'passenger',
    operationName: 'PassengerHome',
    query,
    variables: centre,
    handwrittenPath: `/passenger/home?lat=${centre.lat}&lng=${centre.lng}&first=${trips}${promotionsParam(query, 'vouchers')}`,
    trips,
  };
}

/**
 * The bench's operations: the two screens of the issue, and PassengerHome with 50 and 200 trips,
 * as the apps send them (`clients/`): where a screen shows the promotions subgraph's part
 * (PassengerHome's `me.vouchers`, ProductDetails' `product.promotion`), every system does that work.
 */
export function benchOperations(): BenchOperation[] {
  const productDetails = operationText('web/ProductDetails.graphql');
  return [
    passengerHome(10),
    {
      label: 'ProductDetails',
      client: 'web',
      operationName: 'ProductDetails',
      query: productDetails,
      variables: { id: productId },
      handwrittenPath: `/web/product?id=${productId}${promotionsParam(productDetails, 'promotion')}`,
    },
    passengerHome(50),
    passengerHome(200),
    passengerHomeInProcess(),
    passengerHomeById(),
  ];
}

/**
 * PassengerHome sent by its trusted document id (`--systems A --operations 'PassengerHome,PassengerHome by id'`):
 * the same screen as the app's build sends it, for the CPU per request of ids against raw text.
 */
function passengerHomeById(): BenchOperation {
  const ids = JSON.parse(readFileSync(`${packageRoot}clients/passenger/__generated__/operation-ids.json`, 'utf8')) as Record<string, string>;
  const manifest = JSON.parse(readFileSync(`${packageRoot}clients/passenger/__generated__/persisted-documents.json`, 'utf8')) as Record<string, string>;
  const documentId = ids.PassengerHome;
  const text = documentId ? manifest[documentId] : undefined;
  if (!documentId || !text) throw new Error('clients/passenger/__generated__: no PassengerHome document (npm run codegen)');
  return { ...passengerHome(10), label: 'PassengerHome by id', query: text, documentId, optIn: true };
}

/**
 * PassengerHome without the vouchers (`--operations 'PassengerHome,PassengerHome in-process'`): the
 * same screen with no remote subgraph in its plan, so the difference to PassengerHome is what the
 * remote hop (one `_entities` fetch to promotions) costs per request.
 */
function passengerHomeInProcess(): BenchOperation {
  const home = passengerHome(10);
  const query = home.query.replace(/\n\s*vouchers\s*\{[^}]*\{[^}]*\}\s*\}/, '');
  if (query.includes('vouchers')) throw new Error('PassengerHome.graphql: its vouchers selection is no longer on one line');
  return { ...home, label: 'PassengerHome in-process', query, handwrittenPath: home.handwrittenPath.replace('&promotions=1', ''), optIn: true };
}
