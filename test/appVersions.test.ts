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

const promotionsSdl = readFileSync(new URL('../schemas/remote/promotions.graphql', import.meta.url), 'utf8');
const withHeadline = promotionsSdl.replace('  validUntil: String!\n}', '  validUntil: String!\n  "A line for the product page."\n  headline: String\n}');
const oldHeadline = 'query OldHeadline { products { id promotion { code headline } } }';
const home = 'query Prices { products { id name } }';
const manifest = (...texts: string[]) => JSON.stringify(Object.fromEntries(texts.map((text) => [documentIdOf(text), text])));

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem({ ...loadTolerantEnv });
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
});
