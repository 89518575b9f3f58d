/**
 * The playground with production settings: off unless `PLAYGROUND=true`; when on, no demo tokens,
 * no fault panel, introspection on with it, and a client that requires trusted documents gets its
 * schema from `/playground/<client>/schema.json` (raw text stays refused). Two real gateways in
 * this process, without the demo fleet.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/auth/index.ts';
import { loadConfig } from '../src/config/index.ts';
import type { PlaygroundModel } from '../src/server/playground/PlaygroundModel.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';

const browserHeaders = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function production(extra: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'ride-bff-playground-'));
  const keyFile = join(dir, 'identity.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: 'x'.repeat(32),
    REGISTRY_TOKEN: 'y'.repeat(16),
    IDENTITY_SIGNING_KEY_FILE: keyFile,
    DATA_DIR: dir,
    ...generousAdmissionEnv,
    ...extra,
  });
}

let off: RunningGateway;
let on: RunningGateway;
beforeAll(async () => {
  // No service registers here: the gateway never becomes ready, and the playground needs none.
  [off, on] = await Promise.all([startGateway(production({}), { serveBeforeReady: true }), startGateway(production({ PLAYGROUND: 'true' }), { serveBeforeReady: true })]);
}, 90_000);
afterAll(async () => {
  await Promise.all([off?.stop(), on?.stop()]);
});

/** The page's model, from its JSON block. */
async function modelOf(gateway: RunningGateway, client: string): Promise<{ page: string; model: PlaygroundModel }> {
  const response = await fetch(`${gateway.url}/${client}/graphql`, { headers: browserHeaders });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const page = await response.text();
  const json = /<script id="playground-model" type="application\/json">(.*?)<\/script>/s.exec(page)?.[1];
  return { page, model: JSON.parse(json ?? 'null') as PlaygroundModel };
}

describe('the playground in production', () => {
  it('is off by default: a browser gets no page, no assets, and introspection is refused', async () => {
    const page = await fetch(`${off.url}/passenger/graphql`, { headers: browserHeaders });
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await page.text()).not.toContain('<html');
    // The asset that gateway with the playground on serves is not here.
    const asset = /src="(\/playground\/assets\/graphiql\.[^"]+)"/.exec((await modelOf(on, 'web')).page)?.[1];
    expect((await fetch(`${on.url}${asset}`)).status).toBe(200);
    expect((await fetch(`${off.url}${asset}`)).status).toBe(404);
    expect((await fetch(`${off.url}/playground/web/schema.json`)).status).toBe(404);
    const introspection = await fetch(`${off.url}/web/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    expect(JSON.stringify(await introspection.json())).toMatch(/introspection/i);
  });

  it('with PLAYGROUND=true: no demo token, no fault panel; trusted-documents clients run their documents by id', async () => {
    const passenger = await modelOf(on, 'passenger');
    expect(passenger.model).toMatchObject({ identities: [], faults: false, documentsOnly: true, changes: [] });
    expect(passenger.model.tabs.map((tab) => tab.name)).toEqual(['PassengerHome', 'DriverLocation', 'RequestRide', 'TripLive']);
    expect(passenger.page).not.toMatch(/Bearer|eyJ/);
    expect((await modelOf(on, 'web')).model.documentsOnly).toBe(false);
    expect((await fetch(`${on.url}/demo/faults`)).status).toBe(404);

    // The passenger schema for the docs explorer, by version; raw introspection text stays refused.
    const schema = await fetch(`${on.url}/playground/passenger/schema.json`);
    expect(schema.status).toBe(200);
    const types = ((await schema.json()) as { data: { __schema: { types: { name: string }[] } } }).data.__schema.types.map((type) => type.name);
    expect(types).toContain('Rider');
    const again = await fetch(`${on.url}/playground/passenger/schema.json`, { headers: { 'if-none-match': schema.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    const token = await issueToken('x'.repeat(32), { client: 'passenger', subject: 'r-0001', issuer: 'ride-bff' });
    const raw = await fetch(`${on.url}/passenger/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    expect(JSON.stringify(await raw.json())).toContain('PERSISTED_QUERY_REQUIRED');
    // Introspection follows the playground: the web client answers it.
    const web = await fetch(`${on.url}/web/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
    expect(await web.json()).toMatchObject({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
