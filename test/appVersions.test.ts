/**
 * App versions end to end on one gateway with the file store: a passenger version whose document
 * selects a published field keeps that field from being removed (the schema publish is refused
 * naming the version and the document) until the version is retired; `list` shows both versions.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPublishingTokens } from '../src/config/index.ts';
import { documentIdOf } from '../src/documents/index.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

const promotionsSdl = readFileSync(new URL('../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
const withHeadline = promotionsSdl.replace('  validUntil: String!\n}', '  validUntil: String!\n  "A line for the product page."\n  headline: String\n}');
const oldHeadline = 'query OldHeadline { products { id promotion { code headline } } }';
const home = 'query Prices { products { id name } }';
const manifest = (...texts: string[]) => JSON.stringify(Object.fromEntries(texts.map((text) => [documentIdOf(text), text])));

let system: RunningSystem;
beforeAll(async () => {
  // Last uses written every 200 ms instead of every minute, so `list` shows them within the test.
  system = await startSystem({ ...loadTolerantEnv, APP_USE_FLUSH_MS: '200' });
});
afterAll(() => system?.stop());

async function adminApi(method: 'GET' | 'POST' | 'PUT', path: string, body?: string): Promise<{ status: number; json: Record<string, any> }> {
  const response = await fetch(`${system.url}/admin/v1${path}`, { method, headers: { authorization: `Bearer ${demoPublishingTokens.admin}` }, ...(body === undefined ? {} : { body }) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}
const publishPromotions = (sdl: string) => adminApi('POST', '/subgraphs/promotions/publish', JSON.stringify({ sdl, location: 'promotions', clients: ['passenger', 'web'] }));

describe('app versions on a running gateway', () => {
  it("refuses a schema change that breaks an active version's document, naming both, and takes it once the version is retired", async () => {
    expect((await publishPromotions(withHeadline)).status).toBe(201);
    expect((await adminApi('PUT', '/apps/passenger/versions/3.1.0', manifest(oldHeadline, home))).status).toBe(201);
    expect((await adminApi('PUT', '/apps/passenger/versions/3.2.0', manifest(home))).status).toBe(201);
    const listed = await adminApi('GET', '/apps/passenger/versions');
    expect(listed.json.versions.map((version: { appVersion: string; status: string }) => `${version.appVersion} ${version.status}`)).toEqual(['passenger@3.2.0 active', 'passenger@3.1.0 active']);

    const refused = await publishPromotions(promotionsSdl);
    expect(refused.status).toBe(422);
    expect(refused.json.report.brokenOperations).toContainEqual(
      expect.objectContaining({ client: 'passenger', operation: `OldHeadline (passenger@3.1.0 ${documentIdOf(oldHeadline)})`, field: 'Promotion.headline' }),
    );

    expect((await adminApi('POST', '/apps/passenger/versions/3.1.0/retire')).status).toBe(200);
    expect((await publishPromotions(promotionsSdl)).status).toBe(201);
  });

  it("runs a document only an older version has, refuses it once that version is retired naming it, and lists each version's last use", async () => {
    const onlyOld = 'query OnlyOld { products { id name } }';
    const shared = 'query Shared { products { id } }';
    expect((await adminApi('PUT', '/apps/passenger/versions/4.0.0', manifest(onlyOld, shared))).status).toBe(201);
    expect((await adminApi('PUT', '/apps/passenger/versions/4.1.0', manifest(shared))).status).toBe(201);
    const token = await system.token('passenger');
    const byId = async (text: string, appVersion?: string) => {
      const response = await fetch(`${system.url}/passenger/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(appVersion ? { 'x-app-version': appVersion } : {}) },
        body: JSON.stringify({ documentId: documentIdOf(text) }),
      });
      return { status: response.status, json: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
    };
    const ran = await byId(onlyOld, 'passenger@4.0.0');
    expect(ran.status).toBe(200);
    expect(ran.json.data.products.length).toBeGreaterThan(0);
    expect((await byId(shared)).status).toBe(200);

    expect((await adminApi('POST', '/apps/passenger/versions/4.0.0/retire')).status).toBe(200);
    const retired = await byId(onlyOld);
    expect(retired.status).toBe(400);
    expect(retired.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_RETIRED');
    expect(retired.json.errors?.[0]?.message).toContain('passenger@4.0.0');

    // Last use per version, as written by the periodic flush.
    const lastUse = async () => {
      const listed = await adminApi('GET', '/apps/passenger/versions');
      return Object.fromEntries(listed.json.versions.map((version: { appVersion: string; lastUse?: string }) => [version.appVersion, version.lastUse]));
    };
    const uses = await waitFor(async () => {
      const seen = await lastUse();
      return seen['passenger@4.0.0'] && seen['passenger@4.1.0'] ? seen : undefined;
    }, 10_000, 'last uses in the list');
    expect(Date.parse(uses['passenger@4.0.0'] as string)).toBeGreaterThan(Date.now() - 60_000);
  });
});
