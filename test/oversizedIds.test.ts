/**
 * Oversized ids are the client's fault, never the catalog's: 50 anonymous product lookups with
 * 20 KB ids (refused at the edge with BAD_USER_INPUT, or refused by the catalog with 431, which
 * the error table blames on the client) leave the catalog's breaker closed and no instance
 * ejected, and the product page keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  // Generous deadlines: on two busy cores a slow answer must not read as a failure of what is tested here.
  system = await startSystem({ DEADLINE_MS: '5000', ATTEMPT_TIMEOUT_MS: '4000' });
});
afterAll(() => system?.stop());

/** What `/readyz` says about the catalog. */
interface Readiness {
  breakers: Record<string, string>;
  discovery: { services: Record<string, { instances: string[]; ejected: string[]; panic: boolean }> };
}

const productById = 'query ($id: ID!) { product(id: $id) { id name } }';
const REQUESTS = 50;

describe('oversized ids', () => {
  it('50 lookups with 20 KB ids: each refused or null, the catalog breaker closed, nothing ejected, ProductDetails fine', async () => {
    for (let i = 0; i < REQUESTS; i += 1) {
      const id = `p-${String(i).padStart(2, '0')}-${'x'.repeat(20_000)}`;
      const result: GraphQLResult<{ product: unknown }> = await system.graphql('web', productById, { id }, { token: null });
      const refused = result.errors?.some((error) => error.extensions?.code === 'BAD_USER_INPUT') ?? false;
      expect(refused || result.data?.product === null, JSON.stringify(result.errors)).toBe(true);
    }

    const readiness = (await (await fetch(`${system.url}/readyz`)).json()) as Readiness;
    expect(readiness.breakers.catalog).toBe('closed');
    expect(readiness.discovery.services.catalog?.instances.length).toBeGreaterThan(0);
    expect(readiness.discovery.services.catalog?.ejected).toEqual([]);

    const details = await system.graphql<{ product: { id: string } }>('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null });
    expect(details.errors).toBeUndefined();
    expect(details.data!.product.id).toBe('p-comfort');
  });
});
