/**
 * Trusted documents at the endpoints, on the real gateway (its HTTP server and handler) in this
 * process, without the demo fleet: every answer checked here is the edge's, before any service.
 * One gateway with production's policy (TRUSTED_DOCUMENTS=required, the web's own `allowed`), one
 * with demo mode's (everything allowed). The whole path with services: test/typedClients.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverClient } from '../clients/driver/client.ts';
import { passengerClient } from '../clients/passenger/client.ts';
import { webClient } from '../clients/web/client.ts';
import { demoUserIds, issueToken } from '../src/auth/index.ts';
import { demoSecrets, loadConfig, type ClientName } from '../src/config/index.ts';
import { documentIdOf } from '../src/documents/index.ts';
import { repositoryAppVersion } from '../src/publishing/apps/repositoryAppDocuments.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { operation } from './harness/operations.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';

let required: RunningGateway;
let demo: RunningGateway;
const env = (extra: Record<string, string>) =>
  loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DEMO_FLEET: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), 'ride-bff-trusted-')), ...generousAdmissionEnv, ...extra });
beforeAll(async () => {
  // No service registers here, so neither gateway becomes ready: what is checked needs none.
  [required, demo] = await Promise.all([
    startGateway(env({ TRUSTED_DOCUMENTS: 'required', TRUSTED_DOCUMENTS_WEB: 'allowed' }), { serveBeforeReady: true }),
    startGateway(env({}), { serveBeforeReady: true }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([required?.stop(), demo?.stop()]);
});

const url = (gateway: RunningGateway) => `http://127.0.0.1:${gateway.port}`;
const token = (client: ClientName) => issueToken(demoSecrets.jwtSecret, { client, subject: demoUserIds[client], issuer: 'ride-bff' });
const ids = {
  passenger: passengerClient({ gatewayUrl: 'http://unused', appVersion: repositoryAppVersion('passenger') }),
  driver: driverClient({ gatewayUrl: 'http://unused', appVersion: repositoryAppVersion('driver') }),
};

interface Answer {
  status: number;
  headers: Headers;
  errors?: { message: string; extensions?: { code?: string } }[];
  data?: unknown;
}

async function send(gateway: RunningGateway, client: ClientName, init: { method?: 'GET' | 'POST'; body?: unknown; search?: string; headers?: Record<string, string>; anonymous?: boolean }): Promise<Answer> {
  const headers: Record<string, string> = { ...(init.anonymous ? {} : { authorization: `Bearer ${await token(client)}` }), ...init.headers };
  const method = init.method ?? 'POST';
  const response = await fetch(`${url(gateway)}/${client}/graphql${init.search ?? ''}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers,
    ...(method === 'POST' ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const unknownId = documentIdOf('query Unknown { products { id } }');

describe('production policy (TRUSTED_DOCUMENTS=required)', () => {
  it('a raw query to the passenger endpoint is PERSISTED_QUERY_REQUIRED over POST and GET, before any parsing (even of a document that does not parse)', async () => {
    const post = await send(required, 'passenger', { body: { query: operation('passenger/PassengerHome'), variables: { lat: 1, lng: 2 } } });
    expect(post.status).toBe(400);
    expect(post.errors?.[0]).toMatchObject({ message: expect.stringContaining('documentId'), extensions: { code: 'PERSISTED_QUERY_REQUIRED' } });
    const broken = await send(required, 'passenger', { body: { query: '{ { {' } });
    expect(codeOf(broken)).toBe('PERSISTED_QUERY_REQUIRED');
    const get = await send(required, 'driver', { method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}` });
    expect([get.status, codeOf(get)]).toEqual([400, 'PERSISTED_QUERY_REQUIRED']);
  });

  it('Apollo’s automatic persisted queries do not get around it: a hash, or a hash with its query, is PERSISTED_QUERY_REQUIRED', async () => {
    const query = '{ __typename }';
    const sha256Hash = documentIdOf(query).slice('sha256:'.length);
    const register = await send(required, 'passenger', { body: { query, extensions: { persistedQuery: { version: 1, sha256Hash } } } });
    expect(codeOf(register)).toBe('PERSISTED_QUERY_REQUIRED');
    const byHash = await send(required, 'passenger', { body: { extensions: { persistedQuery: { version: 1, sha256Hash } } } });
    expect(codeOf(byHash)).toBe('PERSISTED_QUERY_REQUIRED');
    const getByHash = await send(required, 'passenger', { method: 'GET', search: `?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }))}` });
    expect(codeOf(getByHash)).toBe('PERSISTED_QUERY_REQUIRED');
  });

  it('an unknown id is PERSISTED_QUERY_NOT_FOUND; a known one gets past the edge (here to the services, which are absent)', async () => {
    const unknown = await send(required, 'passenger', { body: { documentId: unknownId }, headers: { 'x-app-version': repositoryAppVersion('passenger') } });
    expect([unknown.status, codeOf(unknown)]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(unknown.errors?.[0]?.message).toContain(unknownId);
    // Another app's document is unknown here.
    const othersDocument = await send(required, 'passenger', { body: { documentId: ids.driver.documentId('DriverDashboard') } });
    expect(codeOf(othersDocument)).toBe('PERSISTED_QUERY_NOT_FOUND');
    // A version the gateway does not hold has no documents.
    const otherVersion = await send(required, 'passenger', { body: { documentId: ids.passenger.documentId('PassengerHome') }, headers: { 'x-app-version': 'passenger@3.2.0' } });
    expect(codeOf(otherVersion)).toBe('PERSISTED_QUERY_NOT_FOUND');

    const home = await passengerClient({ gatewayUrl: url(required), appVersion: repositoryAppVersion('passenger'), token: () => token('passenger') }).run('PassengerHome', { lat: 38.72, lng: -9.14 });
    expect(home.status).toBe(200);
    const codes = (home.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code !== undefined && !code.startsWith('PERSISTED_QUERY') && code !== 'BAD_REQUEST')).toBe(true);
  });

  it('a documentId of the wrong form, or an x-app-version that is not <app>@<semver> (or names another app), is 400 BAD_REQUEST', async () => {
    for (const documentId of ['sha256:1234', ids.passenger.documentId('PassengerHome').toUpperCase(), 'PassengerHome']) {
      const answer = await send(required, 'passenger', { body: { documentId } });
      expect([answer.status, codeOf(answer)], documentId).toEqual([400, 'BAD_REQUEST']);
    }
    const getWrong = await send(required, 'passenger', { method: 'GET', search: '?documentId=md5:abc' });
    expect([getWrong.status, codeOf(getWrong)]).toEqual([400, 'BAD_REQUEST']);
    for (const version of ['3.2.0', 'passenger@3.2', 'passenger-3.2.0', 'driver@3.2.0']) {
      const answer = await send(required, 'passenger', { body: { documentId: ids.passenger.documentId('PassengerHome') }, headers: { 'x-app-version': version } });
      expect([answer.status, codeOf(answer)], version).toEqual([400, 'BAD_REQUEST']);
      expect(answer.errors?.[0]?.message).toContain('x-app-version');
    }
  });

  it('a GET naming a mutation is 405 with Allow: POST, by id or by text, preflight header or not', async () => {
    const byId = await send(required, 'driver', { method: 'GET', search: `?documentId=${ids.driver.documentId('UpdateLocation')}&variables=${encodeURIComponent('{"lat":1,"lng":2}')}` });
    expect([byId.status, codeOf(byId), byId.headers.get('allow')]).toEqual([405, 'METHOD_NOT_ALLOWED', 'POST']);
    expect(byId.errors?.[0]?.message).toMatch(/mutation.*POST/);
    const byText = await send(demo, 'driver', { method: 'GET', search: `?query=${encodeURIComponent(operation('driver/UpdateLocation'))}&variables=${encodeURIComponent('{"lat":1,"lng":2}')}`, headers: { 'apollo-require-preflight': 'true' } });
    expect([byText.status, codeOf(byText), byText.headers.get('allow')]).toEqual([405, 'METHOD_NOT_ALLOWED', 'POST']);
  });

  it('a GET by document id needs no CSRF preflight header; a GET with text still does', async () => {
    const web = webClient({ gatewayUrl: url(required), appVersion: repositoryAppVersion('web') });
    const products = await web.run('Products', {}, { method: 'GET' });
    expect(products.status).toBe(200);
    expect(products.errors?.some((error) => /CSRF/.test(error.message))).toBeFalsy();
    expect(products.data).toHaveProperty('products');
    const byText = await send(required, 'web', { method: 'GET', search: `?query=${encodeURIComponent('{ products { id } }')}`, anonymous: true });
    expect(byText.status).toBe(400);
    expect(byText.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('demo mode (allowed)', () => {
  it('a raw query to the passenger endpoint is accepted; a document id works too; an unknown id is still PERSISTED_QUERY_NOT_FOUND', async () => {
    const raw = await send(demo, 'passenger', { body: { query: '{ __typename }' } });
    expect([raw.status, raw.data]).toEqual([200, { __typename: 'Query' }]);
    const byId = await passengerClient({ gatewayUrl: url(demo), appVersion: repositoryAppVersion('passenger'), token: () => token('passenger') }).run('PassengerHome', { lat: 38.72, lng: -9.14 });
    expect(byId.status).toBe(200);
    expect(byId.errors?.map((error) => error.extensions?.code)).not.toContain('PERSISTED_QUERY_REQUIRED');
    const unknown = await send(demo, 'passenger', { body: { documentId: unknownId } });
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
