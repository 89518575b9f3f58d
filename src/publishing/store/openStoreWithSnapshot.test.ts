import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { draftVersion } from '../../../test/harness/draftVersion.ts';
import { freePort, startEtcd, type RunningEtcd } from '../../../test/harness/startEtcd.ts';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { createEtcdClient } from '../../registry/index.ts';
import type { SchemaStore, SubgraphVersion } from '../types.ts';
import { EtcdSchemaStore } from './EtcdSchemaStore.ts';
import { FileSchemaStore } from './FileSchemaStore.ts';
import type { LiveSet } from './LiveSetListeners.ts';
import { LocalSnapshot } from './LocalSnapshot.ts';
import { openStoreWithSnapshot } from './openStoreWithSnapshot.ts';

const directories: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-start-'));
  directories.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sdl = (field: string): string => `type Promotion @key(fields: "id") { id: ID! ${field}: String }`;
const version = (subgraph: string, number: number, field: string): SubgraphVersion => ({ ...draftVersion(subgraph, sdl(field)), version: number });

/** An etcd store on a port nothing listens on. */
async function unreachableStore(): Promise<EtcdSchemaStore> {
  return new EtcdSchemaStore({ client: createEtcdClient([`http://127.0.0.1:${await freePort()}`]), prefix: '/test/schemas/', ownsClient: true });
}

/** A store whose calls never answer (a black-holed etcd). */
const silentStore: SchemaStore = {
  live: () => new Promise(() => {}),
  history: () => new Promise(() => {}),
  publish: () => new Promise(() => {}),
  watch: () => () => {},
  close: async () => {},
};

describe('openStoreWithSnapshot', () => {
  it('starts on the store when it answers', async () => {
    const dir = dataDir();
    const store = await FileSchemaStore.open({ dir });
    const published = await store.publish(draftVersion('promotions', sdl('a')), 0);
    const snapshot = new LocalSnapshot({ dir });
    await snapshot.save(new Map([['promotions', version('promotions', 9, 'stale')]]));
    const start = await openStoreWithSnapshot(store, snapshot, { timeoutMs: 1_000 });
    expect(start).toMatchObject({ source: 'store', fromSnapshot: false });
    expect(start.live.get('promotions')).toEqual(published);
    await store.close();
  });

  it('starts on the snapshot, within its timeout, when the store is unreachable or silent', async () => {
    const snapshot = new LocalSnapshot({ dir: dataDir() });
    const served = version('promotions', 4, 'privacyFix');
    await snapshot.save(new Map([['promotions', served]]));
    for (const store of [await unreachableStore(), silentStore]) {
      const started = Date.now();
      const start = await openStoreWithSnapshot(store, snapshot, { timeoutMs: 1_000 });
      expect(Date.now() - started).toBeLessThan(1_000 + 500);
      expect(start).toMatchObject({ source: 'snapshot', fromSnapshot: true, storeError: expect.any(String) });
      expect(start.live.get('promotions')).toEqual(served);
      await store.close();
    }
  });

  it('starts on nothing, saying why, when there is no usable snapshot either', async () => {
    const dir = dataDir();
    const store = await unreachableStore();
    const snapshot = new LocalSnapshot({ dir });
    expect(await openStoreWithSnapshot(store, snapshot, { timeoutMs: 1_000 })).toMatchObject({ source: 'none', fromSnapshot: false, live: new Map() });
    writeFileSync(snapshot.path, 'not json');
    const damaged = await openStoreWithSnapshot(store, snapshot, { timeoutMs: 1_000 });
    expect(damaged).toMatchObject({ source: 'none', snapshotError: expect.stringMatching(/live-snapshot\.json is damaged/) });
    await store.close();
  });

  describe('with etcd down at start, then back', () => {
    let etcd: RunningEtcd;
    beforeAll(async () => {
      etcd = await startEtcd();
    });
    afterAll(async () => {
      await etcd?.stop();
    });

    it('serves the snapshot, then follows the store once it answers; the store wins', async () => {
      const prefix = '/test/follow/';
      const publisher = new EtcdSchemaStore({ client: createEtcdClient([etcd.endpoint]), prefix, ownsClient: true });
      const first = await publisher.publish(draftVersion('promotions', sdl('a')), 0);
      const second = await publisher.publish(draftVersion('promotions', sdl('b')), 1);
      // What this replica served before it went down: version 2, and a subgraph the store no longer has.
      const snapshot = new LocalSnapshot({ dir: dataDir() });
      await snapshot.save(new Map([['promotions', second], ['vouchers', version('vouchers', 1, 'code')]]));
      await etcd.kill();

      const replica = new EtcdSchemaStore({ client: createEtcdClient([etcd.endpoint]), prefix, ownsClient: true, callTimeoutMs: 1_000 });
      const start = await openStoreWithSnapshot(replica, snapshot, { timeoutMs: 1_500 });
      expect(start.source).toBe('snapshot');
      expect(start.live.get('promotions')?.version).toBe(2);
      const followed: LiveSet[] = [];
      replica.watch((live) => followed.push(live));

      await etcd.restart();
      await waitFor(() => followed.length >= 1, 20_000, "the store's live set once etcd is back");
      expect([...(followed[0]?.keys() ?? [])]).toEqual(['promotions']);
      expect(followed[0]?.get('promotions')).toEqual(second);
      // And later publishes arrive as they happen.
      await waitFor(() => publisher.publish(draftVersion('promotions', sdl('a'), { rollbackOf: 1 }), 2), 20_000, 'a publish after the restart');
      await waitFor(() => followed.at(-1)?.get('promotions')?.version === 3, 5_000, 'the rollback');
      expect(followed.at(-1)?.get('promotions')?.sdl).toBe(first.sdl);
      await Promise.all([publisher.close(), replica.close()]);
    });
  });
});
