import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf } from '../../documents/index.ts';
import { AdminAuth } from '../AdminAuth.ts';
import { createAdminHandler } from '../createAdminHandler.ts';
import type { Publisher } from '../Publisher.ts';
import { AppVersions } from './AppVersions.ts';
import { FileAppVersionStore } from './FileAppVersionStore.ts';
import { repositoryAppDocuments } from './repositoryAppDocuments.ts';

const schema = buildSchema('type Query { home: String  vouchers: [String]  legacy: String }');
const home = 'query Home { home }';
const legacy = 'query Legacy { legacy }';
const vouchers = 'query Vouchers { vouchers }';
const manifestOf = (...texts: string[]): string => JSON.stringify(Object.fromEntries(texts.map((text) => [documentIdOf(text), text])));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-versions-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function started(dir = tempDir(), now = () => Date.parse('2026-12-01T12:00:00Z')): Promise<{ apps: AppVersions; store: FileAppVersionStore }> {
  const store = await FileAppVersionStore.open({ dir });
  const apps = await AppVersions.start({ store, schemaOf: () => schema, now, flushIntervalMs: 3_600_000 });
  return { apps, store };
}

describe('AppVersions over the file store', () => {
  it('serves a document only the old version has until that version is retired, then names the version', async () => {
    const dir = tempDir();
    const { apps, store } = await started(dir);
    await apps.publish('passenger@3.1.0', manifestOf(home, legacy), 'admin');
    await apps.publish('passenger@3.2.0', manifestOf(home, vouchers), 'admin');

    expect(apps.lookup('passenger', documentIdOf(legacy))).toEqual({ kind: 'found', text: legacy, appVersion: 'passenger@3.1.0' });
    expect(apps.lookup('passenger', documentIdOf(home))).toEqual({ kind: 'found', text: home, appVersion: 'passenger@3.2.0' });
    expect(apps.lookup('passenger', documentIdOf(home), 'passenger@3.1.0')).toEqual({ kind: 'found', text: home, appVersion: 'passenger@3.1.0' });
    // The named version lacks it: any active version that has it.
    expect(apps.lookup('passenger', documentIdOf(vouchers), 'passenger@3.1.0')).toMatchObject({ kind: 'found', appVersion: 'passenger@3.2.0' });
    expect(apps.lookup('driver', documentIdOf(legacy))).toEqual({ kind: 'unknown' });
    expect(apps.lookup('passenger', documentIdOf('query Nope { home }'))).toEqual({ kind: 'unknown' });

    await apps.retire('passenger@3.1.0', 'admin');
    expect(apps.lookup('passenger', documentIdOf(legacy))).toEqual({ kind: 'retired', appVersion: 'passenger@3.1.0' });
    expect(apps.lookup('passenger', documentIdOf(home), 'passenger@3.1.0')).toEqual({ kind: 'retired', appVersion: 'passenger@3.1.0' });
    expect(apps.lookup('passenger', documentIdOf(home))).toMatchObject({ kind: 'found', appVersion: 'passenger@3.2.0' });
    expect(apps.list('passenger').versions.map((version) => [version.appVersion, version.status, version.documentCount])).toEqual([
      ['passenger@3.2.0', 'active', 2],
      ['passenger@3.1.0', 'retired', 2],
    ]);
    await apps.close();
    await store.close();

    // A restart reads it all back.
    const again = await started(dir);
    expect(again.apps.lookup('passenger', documentIdOf(legacy))).toEqual({ kind: 'retired', appVersion: 'passenger@3.1.0' });
    await again.apps.close();
    await again.store.close();
  });

  it('records uses in memory and shows them in list only after a flush', async () => {
    const { apps, store } = await started();
    await apps.publish('passenger@3.2.0', manifestOf(home), 'admin');
    apps.recordUse('passenger@3.2.0');
    apps.recordUse('passenger@9.9.9'); // not published: ignored
    expect(apps.list('passenger').versions[0]?.lastUse).toBeUndefined();
    await apps.flush();
    expect(apps.list('passenger').versions[0]?.lastUse).toBe('2026-12-01T12:00:00.000Z');
    expect((await store.read()).lastUse).toEqual(new Map([['passenger@3.2.0', '2026-12-01T12:00:00.000Z']]));
    await apps.close();
    await store.close();
  });

  it('retires every version older than the minimum supported version', async () => {
    const { apps, store } = await started();
    for (const version of ['2.9.0', '3.0.0-beta.1', '3.0.0', '3.1.0']) await apps.publish(`passenger@${version}`, manifestOf(home), 'admin');
    const result = await apps.setMinimum('passenger', '3.0.0', 'admin');
    expect(result.retired).toEqual(['passenger@3.0.0-beta.1', 'passenger@2.9.0']);
    expect(apps.lookup('passenger', documentIdOf(home), 'passenger@2.9.0')).toEqual({ kind: 'retired', appVersion: 'passenger@2.9.0' });
    expect(apps.lookup('passenger', documentIdOf(home), 'passenger@3.0.0')).toMatchObject({ kind: 'found', appVersion: 'passenger@3.0.0' });
    expect(apps.activeOperationFiles().map((file) => file.file)).toEqual([`passenger@3.1.0 ${documentIdOf(home)}`, `passenger@3.0.0 ${documentIdOf(home)}`]);
    await apps.close();
    await store.close();
  });
});

describe('the admin API for app versions', () => {
  const adminToken = 'test-admin-token';
  const teamToken = 'test-team-token';
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  let server: Server;
  let base: string;
  let apps: AppVersions;
  let store: FileAppVersionStore;

  beforeAll(async () => {
    ({ apps, store } = await started());
    const auth = new AdminAuth({ adminTokenSha256: sha(adminToken), teams: [{ team: 'marketing', tokenSha256: sha(teamToken), subgraphs: ['promotions'], hosts: [], services: [] }] });
    // The app routes never reach the subgraph publisher.
    const handler = createAdminHandler({} as Publisher, auth, { maxBodyBytes: 65_536, apps: { versions: apps, maxManifestBytes: 4_096 } });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/v1`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await apps.close();
    await store.close();
  });

  const call = async (method: string, path: string, body?: string, token = adminToken) => {
    const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body }) });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  it('publishes, lists, retires and sets the minimum version', async () => {
    expect((await call('PUT', '/apps/passenger/versions/1.0.0', manifestOf(home, legacy))).status).toBe(201);
    const published = await call('PUT', '/apps/passenger/versions/1.1.0', manifestOf(home));
    expect(published).toMatchObject({ status: 201, json: { published: { appVersion: 'passenger@1.1.0', status: 'active', documentCount: 1 } } });
    expect((await call('PUT', '/apps/passenger/versions/1.1.0', manifestOf(home))).status).toBe(409);
    const listed = await call('GET', '/apps/passenger/versions');
    expect(listed.json.versions.map((version: { appVersion: string }) => version.appVersion)).toEqual(['passenger@1.1.0', 'passenger@1.0.0']);
    expect(await call('POST', '/apps/passenger/versions/1.0.0/retire')).toMatchObject({ status: 200, json: { retired: { status: 'retired' } } });
    expect((await call('POST', '/apps/passenger/versions/7.0.0/retire')).status).toBe(404);
    expect(await call('PUT', '/apps/passenger/minimum-version', JSON.stringify({ version: '1.1.0' }))).toMatchObject({ status: 200, json: { minimumVersion: '1.1.0' } });
    expect((await call('GET', '/apps/passenger/versions/1.1.0')).json.documents).toEqual(JSON.parse(manifestOf(home)));
  });

  it('refuses bad manifests with 400 naming each entry, a bad version with 400, an oversized manifest with 413', async () => {
    const notJson = await call('PUT', '/apps/passenger/versions/2.0.0', '{"sha256:');
    expect(notJson).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } });
    expect(notJson.json.error.message).toMatch(/not JSON/);

    const wrongId = documentIdOf('something else');
    const wrongHash = await call('PUT', '/apps/passenger/versions/2.0.0', JSON.stringify({ [wrongId]: home, [documentIdOf(legacy)]: legacy }));
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.json.error.message).toContain(`entry "${wrongId}"`);
    expect(wrongHash.json.error.problems).toEqual([expect.objectContaining({ entry: wrongId })]);

    const invalid = 'query Broken { home nowhere }';
    const broken = await call('PUT', '/apps/passenger/versions/2.0.0', manifestOf(home, invalid, 'query Syntax {'));
    expect(broken.status).toBe(400);
    expect(broken.json.error.problems.map((problem: { entry: string }) => problem.entry).sort()).toEqual([documentIdOf(invalid), documentIdOf('query Syntax {')].sort());
    expect(broken.json.error.message).toMatch(/\(Broken\): does not validate .*nowhere/);
    const checked = await call('POST', '/apps/passenger/versions/2.0.0/check', manifestOf(home, invalid));
    expect(checked).toMatchObject({ status: 200, json: { ok: false, problems: [{ entry: documentIdOf(invalid), operations: ['Broken'] }] } });
    expect(await call('POST', '/apps/passenger/versions/2.0.0/check', manifestOf(home))).toMatchObject({ status: 200, json: { ok: true, documentCount: 1 } });

    for (const path of ['/apps/passenger/versions/2.0', '/apps/nobody/versions/1.0.0', '/apps/passenger/versions/v2.0.0']) {
      const answer = await call('PUT', path, manifestOf(home));
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.message).toMatch(/<app>@<semver>/);
    }
    expect((await call('PUT', '/apps/passenger/versions/2.0.0', manifestOf(...Array.from({ length: 200 }, (_, index) => `query Q${index} { home }`)))).status).toBe(413);
    expect(apps.catalog.get('passenger@2.0.0')).toBeUndefined();
  });

  it('is what npm run app calls: publish, check, list, retire, min', async () => {
    const cli = (...args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'src/publishing/cli/appCli.ts', ...args], { env: { ...process.env, GATEWAY_URL: base.replace(/\/admin\/v1$/, ''), PUBLISH_TOKEN: adminToken } }, (error, out, err) =>
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, out, err }),
        );
      });
    const file = join(tempDir(), 'persisted-documents.json');
    writeFileSync(file, manifestOf(home, vouchers));
    expect(await cli('check', 'driver@5.0.0', '--manifest', file)).toMatchObject({ code: 0, out: expect.stringMatching(/all 2 documents validate/) });
    expect(await cli('publish', 'driver@5.0.0', '--manifest', file)).toMatchObject({ code: 0, out: 'published driver@5.0.0 (2 documents)\n' });
    expect(await cli('publish', 'driver@5.0.0', '--manifest', file)).toMatchObject({ code: 1, err: expect.stringMatching(/409 CONFLICT/) });
    writeFileSync(file, manifestOf(home, 'query Broken { nowhere }'));
    expect(await cli('check', 'driver@5.1.0', '--manifest', file)).toMatchObject({ code: 1, err: expect.stringMatching(/entry "sha256:[0-9a-f]{64}" \(Broken\)/) });
    expect(await cli('retire', 'driver@5.0.0')).toMatchObject({ code: 0, out: 'retired driver@5.0.0\n' });
    expect(await cli('min', 'driver', '6.0.0')).toMatchObject({ code: 0 });
    const listed = await cli('list', 'driver');
    expect(listed.out).toMatch(/minimum supported version: 6\.0\.0\ndriver@5\.0\.0 +retired +2 documents +last use never/);
    expect((await cli('publish', 'driver@5.0')).code).toBe(2);
  }, 60_000);

  it('takes the admin token only', async () => {
    expect((await call('GET', '/apps/passenger/versions', undefined, teamToken)).status).toBe(403);
    expect((await call('GET', '/apps/passenger/versions', undefined, 'nobody')).status).toBe(401);
  });
});

describe('repositoryAppDocuments', () => {
  it("finds each client's committed documents as <client>@0.0.0-repository", () => {
    const documents = repositoryAppDocuments();
    const text = 'query Nope { x }';
    expect(documents.lookup('passenger', documentIdOf(text))).toEqual({ kind: 'unknown' });
    const manifest = JSON.parse(readFileSync(new URL('../../../clients/passenger/__generated__/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
    const [id, document] = Object.entries(manifest)[0] as [string, string];
    expect(documents.lookup('passenger', id)).toEqual({ kind: 'found', text: document, appVersion: 'passenger@0.0.0-repository' });
    expect(documents.lookup('driver', id)).toEqual({ kind: 'unknown' });
  });
});
