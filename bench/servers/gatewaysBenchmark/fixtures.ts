/**
 * The static data of the public gateways benchmark's four subgraphs, as its Rust subgraphs hold
 * it: graphql-hive/graphql-gateways-benchmark (MIT License, Copyright (c) 2023 The Guild),
 * `federation/subgraphs/<name>/subgraph.rs`. Same records, same texts, so that every answer has
 * the published size and shape.
 */

/** A user of the accounts subgraph. */
export interface AccountRecord {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly birthday: number;
}

/** A product of the products subgraph. */
export interface ProductRecord {
  readonly upc: string;
  readonly name: string;
  readonly price: number;
  readonly weight: number;
}

/** A product's stock, in the inventory subgraph. */
export interface InventoryRecord {
  readonly upc: string;
  readonly inStock: boolean;
}

/** A review of the reviews subgraph, with the product it is about. */
export interface ReviewRecord {
  readonly id: string;
  readonly body: string;
  readonly upc: string;
}

export const accounts: readonly AccountRecord[] = [
  { id: '1', name: 'Uri Goldshtein', username: 'urigo', birthday: 1234567890 },
  { id: '2', name: 'Dotan Simha', username: 'dotansimha', birthday: 1234567890 },
  { id: '3', name: 'Kamil Kisiela', username: 'kamilkisiela', birthday: 1234567890 },
  { id: '4', name: 'Arda Tanrikulu', username: 'ardatan', birthday: 1234567890 },
  { id: '5', name: 'Gil Gardosh', username: 'gilgardosh', birthday: 1234567890 },
  { id: '6', name: 'Laurin Quast', username: 'laurin', birthday: 1234567890 },
];

export const products: readonly ProductRecord[] = [
  { upc: '1', name: 'Table', price: 899, weight: 100 },
  { upc: '2', name: 'Couch', price: 1299, weight: 1000 },
  { upc: '3', name: 'Glass', price: 15, weight: 20 },
  { upc: '4', name: 'Chair', price: 499, weight: 100 },
  { upc: '5', name: 'TV', price: 1299, weight: 1000 },
  { upc: '6', name: 'Lamp', price: 6999, weight: 300 },
  { upc: '7', name: 'Grill', price: 3999, weight: 2000 },
  { upc: '8', name: 'Fridge', price: 100000, weight: 6000 },
  { upc: '9', name: 'Sofa', price: 9999, weight: 800 },
];

export const inventory: readonly InventoryRecord[] = [
  { upc: '1', inStock: true },
  { upc: '2', inStock: false },
  { upc: '3', inStock: false },
  { upc: '4', inStock: false },
  { upc: '5', inStock: true },
  { upc: '6', inStock: true },
  { upc: '7', inStock: true },
  { upc: '8', inStock: false },
  { upc: '9', inStock: true },
];

const loremIpsum =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';
const sedUtPerspiciatis =
  'Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi';
const sedQuiaConsequuntur =
  'sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.';
const utEnimAdMinima = 'Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex ea commodi consequatur? Quis autem';
const atVeroEos =
  'At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores repellat.';

export const reviews: readonly ReviewRecord[] = [
  { id: '1', body: loremIpsum, upc: '1' },
  { id: '2', body: sedUtPerspiciatis, upc: '1' },
  { id: '3', body: sedQuiaConsequuntur, upc: '1' },
  { id: '4', body: utEnimAdMinima, upc: '1' },
  { id: '5', body: loremIpsum, upc: '2' },
  { id: '6', body: sedUtPerspiciatis, upc: '2' },
  { id: '7', body: sedQuiaConsequuntur, upc: '2' },
  { id: '8', body: utEnimAdMinima, upc: '2' },
  { id: '9', body: utEnimAdMinima, upc: '3' },
  { id: '10', body: utEnimAdMinima, upc: '4' },
  { id: '11', body: atVeroEos, upc: '4' },
];
