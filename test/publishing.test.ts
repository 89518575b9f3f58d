/**
 * Schema publishing end to end on one gateway with the file store: a team publishes its remote
 * subgraph while apps query, and the new field is served without a restart and without a failed
 * query; changes that would break an app are refused naming it; credentials are scoped; bad input
 * is a 4xx with the reason; a rollback restores the earlier schema; SIGKILLed during a stream of
 * publishes, the gateway restarts on the latest stored version, every version whole.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPublishingTokens } from '../src/config/index.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { operation } from './harness/operations.ts';
import { startQueryStream } from './harness/queryStream.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

const promotionsSdl = readFileSync(new URL('../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
/** The published SDL with the field the running service already serves (src/demo/graphql/promotionsSchema.ts). */
const withHeadline = promotionsSdl.replace('  validUntil: String!\n}', '  validUntil: String!\n  "A line for the product page."\n  headline: String\n}');
const admin = demoPublishingTokens.admin;
const team = demoPublishingTokens.marketing;
const at = { lat: 38.7223, lng: -9.1393 };

let system: RunningSystem;
const dataDir = mkdtempSync(join(tmpdir(), 'ride-bff-publishing-'));
beforeAll(async () => {
  system = await startSystem({ ...loadTolerantEnv, DATA_DIR: dataDir });
});
afterAll(() => system?.stop());

async function adminApi(method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = admin): Promise<{ status: number; json: Record<string, any> }> {
  const response = await fetch(`${system.url}/admin/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const publish = (sdl: string, extra: Record<string, unknown> = {}, token: string = admin) =>
  adminApi('POST', '/subgraphs/promotions/publish', { sdl, location: 'promotions', clients: ['passenger', 'web'], ...extra }, token);
const hasField = async (client: 'passenger' | 'web' | 'driver', type: string, field: string): Promise<boolean> => {
  const result = await system.graphql(client, `{ __type(name: "${type}") { fields { name } } }`, undefined, client === 'web' ? { token: null } : {});
  return ((result.data as { __type: { fields: { name: string }[] } | null } | undefined)?.__type?.fields ?? []).some((candidate) => candidate.name === field);
};

describe('publishing a remote subgraph', () => {
  it('serves a published field without a restart while apps query, with no failed query', async () => {
    const streams = [
      startQueryStream(() => system.graphql('passenger', operation('passenger/PassengerHome'), at), 3),
      startQueryStream(() => system.graphql('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null }), 2),
    ];
    await waitFor(() => (streams.every((stream) => stream.done() >= 10) ? true : undefined), 20_000, 'the streams to run');
    expect(await hasField('web', 'Promotion', 'headline')).toBe(false);

    const published = await publish(withHeadline);
    expect(published.status).toBe(201);
    expect(published.json.version).toMatchObject({ subgraph: 'promotions', version: 1, publishedBy: 'admin' });
    expect(published.json.report.changes).toEqual(expect.arrayContaining([expect.objectContaining({ criticality: 'NON_BREAKING', path: 'Promotion.headline' })]));

    await waitFor(async () => ((await hasField('web', 'Promotion', 'headline')) ? true : undefined), 15_000, 'the new field in the web schema');
    expect(await hasField('passenger', 'Promotion', 'headline')).toBe(true);
    const answer = await system.graphql('web', '{ product(id: "p-comfort") { promotion { code headline } } }', undefined, { token: null });
    expect(answer.errors).toBeUndefined();
    expect((answer.data as any).product.promotion.headline).toMatch(/% off with /);

    const done = streams.map((stream) => stream.done());
    await waitFor(() => (streams.every((stream, index) => stream.done() >= (done[index] ?? 0) + 10) ? true : undefined), 20_000, 'more queries after the swap');
    const results = await Promise.all(streams.map((stream) => stream.stop()));
    expect(results.flatMap((result) => result.failures)).toEqual([]);

    const ready = (await (await fetch(`${system.url}/readyz`)).json()) as { clients: Record<string, { version: string; hash: string }> };
    expect(ready.clients.web?.version).toBe('promotions@1');
    expect(ready.clients.driver?.version).toBe('repository');
    // Two query streams, a publish checked in a worker and a swap: room for a busy machine.
  }, 90_000);

  it('refuses a change that breaks an app, naming the operation, the app and the field; the running schema is unchanged', async () => {
    const withoutVouchers = withHeadline.replace(/\n\s*"Unused vouchers[^\n]*\n\s*vouchers: [^\n]*\n/, '\n');
    expect(withoutVouchers).not.toContain('vouchers:');
    const refused = await publish(withoutVouchers);
    expect(refused.status).toBe(422);
    expect(refused.json.report.brokenOperations).toEqual(expect.arrayContaining([expect.objectContaining({ client: 'passenger', operation: expect.stringContaining('PassengerHome'), field: 'Rider.vouchers' })]));
    expect(await hasField('passenger', 'Rider', 'vouchers')).toBe(true);
  });

  it('accepts with a warning a breaking change no operation uses, and refuses it with strict', async () => {
    const withoutHeadline = withHeadline;
    const removesUnused = withoutHeadline.replace('  "A line for the product page."\n  headline: String\n', '');
    const strict = await publish(removesUnused, { strict: true });
    expect(strict.status).toBe(422);
    const relaxed = await adminApi('POST', '/subgraphs/promotions/check', { sdl: removesUnused });
    expect(relaxed.status).toBe(200);
    expect(relaxed.json.report.ok).toBe(true);
    expect(relaxed.json.report.warnings.join(' ')).toContain('headline');
  });

  it('refuses SDL that does not compose, and a fallback on a non-null field, naming Type.field', async () => {
    const broken = await publish(`${withHeadline}\ntype Product @key(fields: "nope") { id: ID! }`);
    expect(broken.status).toBe(422);
    expect(broken.json.report.ok).toBe(false);
    expect(broken.json.report.composition.length + broken.json.report.errors.length).toBeGreaterThan(0);
    const fallback = await publish(withHeadline.replace('  code: String!\n', '  code: String! @fallback(kind: NULL)\n'));
    expect(fallback.status).toBe(422);
    expect(JSON.stringify(fallback.json.report)).toContain('Promotion.code');
  });

  it('scopes credentials: a team publishes its own subgraph, gets 403 for another, and app tokens or none get 401', async () => {
    const own = await adminApi('POST', '/subgraphs/promotions/check', { sdl: withHeadline }, team);
    expect(own.status).toBe(200);
    const other = await adminApi('POST', '/subgraphs/offers/publish', { sdl: withHeadline, location: 'promotions', clients: ['web'] }, team);
    expect(other.status).toBe(403);
    const elsewhere = await adminApi('POST', '/subgraphs/promotions/check', { sdl: withHeadline, location: 'http://evil.example:80/graphql' }, team);
    expect(elsewhere.status).toBe(403);
    expect((await adminApi('GET', '/subgraphs', undefined, await system.token('passenger'))).status).toBe(401);
    expect((await adminApi('GET', '/subgraphs', undefined, null)).status).toBe(401);
  });

  it('answers bad input with 400 and the reason, unknown subgraphs with 404', async () => {
    const empty = await publish('');
    expect(empty.status).toBe(400);
    const syntax = await publish('type Query {');
    expect(syntax.status).toBe(400);
    expect(syntax.json.error.message).toMatch(/line 1, column/);
    const huge = await publish(`# ${'x'.repeat(1_100_000)}\n${withHeadline}`);
    expect([400, 413]).toContain(huge.status);
    const location = await publish(withHeadline, { location: 'not a location' });
    expect(location.status).toBe(400);
    expect((await adminApi('GET', '/subgraphs/nope/versions')).status).toBe(404);
    expect((await adminApi('POST', '/subgraphs/nope/rollback', { version: 1 })).status).toBe(404);
    const inProcess = await adminApi('POST', '/subgraphs/catalog/publish', { sdl: 'type Query { a: Int }', location: 'catalog', clients: ['web'] });
    expect(inProcess.status).toBe(400);
  });

  it('rolls back to an earlier version through the same checks', async () => {
    const history = await adminApi('GET', '/subgraphs/promotions/versions');
    expect(history.json.versions.map((version: { version: number }) => version.version)).toEqual([1]);
    // Version 2 drops headline again; rolling back to 1 brings it back.
    const second = await publish(withHeadline.replace('  "A line for the product page."\n  headline: String\n', ''));
    expect(second.status).toBe(201);
    await waitFor(async () => ((await hasField('web', 'Promotion', 'headline')) ? undefined : true), 15_000, 'headline to leave');
    const rolledBack = await adminApi('POST', '/subgraphs/promotions/rollback', { version: 1 });
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.json.version).toMatchObject({ version: 3, rollbackOf: 1 });
    await waitFor(async () => ((await hasField('web', 'Promotion', 'headline')) ? true : undefined), 15_000, 'headline to return');
  });

  it('restarts on the latest stored version after a SIGKILL during a stream of publishes, every version whole', async () => {
    const crashed = system;
    let accepted = 0;
    const stream = (async () => {
      for (let n = 1; n < 1_000; n += 1) {
        const answer = await publish(withHeadline.replace('A line for the product page.', `A line, take ${n}.`)).catch(() => undefined);
        if (answer?.status !== 201) return;
        accepted = answer.json.version.version as number;
      }
    })();
    await waitFor(() => (accepted >= 6 ? true : undefined), 30_000, 'three more accepted publishes');
    crashed.process.kill('SIGKILL');
    await stream;
    await crashed.stop();

    system = await startSystem({ ...loadTolerantEnv, DATA_DIR: dataDir });
    const history = await adminApi('GET', '/subgraphs/promotions/versions');
    const versions = (history.json.versions as { version: number }[]).map((version) => version.version);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    const latest = versions.at(-1) ?? 0;
    expect(latest).toBeGreaterThanOrEqual(accepted);
    const ready = (await (await fetch(`${system.url}/readyz`)).json()) as { clients: Record<string, { version: string }> };
    expect(ready.clients.web?.version).toBe(`promotions@${latest}`);
    // Restarts the system in the test (up to 55 s on a busy machine).
  }, 90_000);
});
