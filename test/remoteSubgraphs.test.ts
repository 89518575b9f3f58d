/**
 * A remote subgraph in the default mode, end to end: the demo fleet's `promotions` (two instances,
 * each its own process, registered with protocol graphql) joins in-process subgraphs in one plan,
 * both ways; it gets one batched fetch per plan step; it receives the deadline, a request id and a
 * gateway-signed identity token, never the client's Authorization; when it dies, fails or is slow,
 * only its fields do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { degradedOf, timed } from './harness/degraded.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { operation } from './harness/operations.ts';
import { startQueryStream } from './harness/queryStream.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

interface FleetInstance {
  service: string;
  id: string;
  pid: number;
  address: string;
}
interface RecordedRequest {
  headers: Record<string, string>;
  identity: { kind: 'signed-in'; viewerId: string; client: string } | { kind: 'anonymous' } | { kind: 'invalid'; reason: string };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Result = GraphQLResult<Record<string, any>>;

const DEADLINE_MS = 2_500;
const at = { lat: 38.7223, lng: -9.1393 };
const home = operation('passenger/PassengerHome');
let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem({ ...loadTolerantEnv, DEADLINE_MS: String(DEADLINE_MS), ATTEMPT_TIMEOUT_MS_PROMOTIONS: '800' });
});
afterAll(() => system?.stop());

const promotionsInstances = async (): Promise<FleetInstance[]> =>
  ((await system.control('GET', '/instances')) as FleetInstance[]).filter((instance) => instance.service === 'promotions');

describe('a plan across in-process and remote subgraphs', () => {
  it("answers the rider's vouchers (riders → promotions → catalog) and products' promotions in one batched fetch each", async () => {
    await system.resetStats();
    const result: Result = await system.graphql('passenger', home, at);
    expect(result.errors).toBeUndefined();
    const vouchers = result.data?.me?.vouchers as { code: string; discountPercent: number; product: { id: string; name: string } }[];
    expect(vouchers.length).toBeGreaterThanOrEqual(2);
    for (const voucher of vouchers) {
      expect(voucher.code).toMatch(/\S/);
      expect(voucher.product.name).toMatch(/\S/);
    }
    expect((await system.stats()).promotions).toBe(1);

    // Eight products, one _entities fetch; a list twice as long costs the same.
    await system.resetStats();
    const products: Result = await system.graphql('passenger', '{ products { id promotion { code discountPercent } } }');
    expect(products.errors).toBeUndefined();
    const promoted = (products.data?.products as { promotion: unknown }[]).filter((product) => product.promotion !== null);
    expect(promoted.length).toBeGreaterThan(0);
    expect((await system.stats()).promotions).toBe(1);
  });

  it('sends the remote subgraph the deadline, a request id and a verifiable identity token, never the Authorization', async () => {
    const instances = await promotionsInstances();
    await Promise.all(instances.map((instance) => fetch(`http://${instance.address}/debug/last-requests`, { method: 'DELETE' })));
    const result: Result = await system.graphql('passenger', home, at, { headers: { 'x-request-id': 'trace-0123456789' } });
    expect(result.errors).toBeUndefined();
    const recorded = (
      await Promise.all(instances.map(async (instance) => ((await (await fetch(`http://${instance.address}/debug/last-requests`)).json()) as { requests: RecordedRequest[] }).requests))
    ).flat();
    expect(recorded).toHaveLength(1);
    const [request] = recorded as [RecordedRequest];
    const budget = Number(request.headers['x-request-deadline-ms']);
    expect(budget).toBeGreaterThan(0);
    expect(budget).toBeLessThanOrEqual(DEADLINE_MS);
    expect(request.headers['x-request-id']).toBe('trace-0123456789');
    expect(request.identity).toMatchObject({ kind: 'signed-in', viewerId: 'r-0001', client: 'passenger' });
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.headers).not.toHaveProperty('cookie');
  });

  it('keeps answering while one of the two promotions instances is killed under a steady stream', async () => {
    const [victim] = await promotionsInstances();
    const stream = startQueryStream(() => system.graphql('passenger', home, at), 4);
    await waitFor(() => (stream.done() >= 20 ? true : undefined), 20_000, '20 queries before the kill');
    process.kill((victim as FleetInstance).pid, 'SIGKILL');
    const doneAtKill = stream.done();
    await waitFor(() => (stream.done() >= doneAtKill + 40 ? true : undefined), 30_000, '40 queries after the kill');
    const { done, failures } = await stream.stop();
    expect(done).toBeGreaterThanOrEqual(60);
    expect(failures).toEqual([]);
  });
});

describe('promotions failing', () => {
  it.each(['down', 'error', 'slow'] as const)('in %s mode costs only its fields: null, listed as degraded, the rest intact, within the deadline', async (mode) => {
    await system.control('PUT', '/faults/promotions', { mode, ...(mode === 'slow' ? { latencyMs: 5_000 } : {}) });
    try {
      const { result, ms } = await timed(() => system.graphql('passenger', home, at) as Promise<Result>);
      expect(result.status).toBe(200);
      expect(ms).toBeLessThan(DEADLINE_MS + 1_000);
      expect(result.data?.me?.vouchers).toBeNull();
      expect(result.data?.me?.name).toBe('Ana Silva');
      expect(result.data?.me?.recentTrips).toHaveLength(10);
      expect(result.data?.products.length).toBeGreaterThan(0);
      expect(result.errors?.map((error) => [error.path?.join('.'), error.extensions?.service])).toEqual([['me.vouchers', 'promotions']]);
      expect(degradedOf(result)).toEqual([{ path: ['me', 'vouchers'], service: 'promotions', reason: result.errors?.[0]?.extensions?.code, fallback: 'null' }]);

      const product: Result = await system.graphql('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null });
      expect(product.data?.product?.promotion).toBeNull();
      expect(product.data?.product?.name).toMatch(/\S/);
      expect(degradedOf(product).map((entry) => entry.path.join('.'))).toEqual(['product.promotion']);
    } finally {
      await system.control('PUT', '/faults/promotions', { mode: 'ok' });
    }
  });
});
