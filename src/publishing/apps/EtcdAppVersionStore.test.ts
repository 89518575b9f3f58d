import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcd, type RunningEtcd } from '../../../test/harness/startEtcd.ts';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { documentIdOf } from '../../documents/index.ts';
import { createEtcdClient } from '../../registry/index.ts';
import { chunksPrefix } from './etcdAppLayout.ts';
import { EtcdAppVersionStore } from './EtcdAppVersionStore.ts';
import { AppVersionExists, type AppStoreContents, type StoredAppVersion } from './types.ts';

/** A version of `passenger` with `count` documents of about `bytes` each (random, so gzip cannot shrink them). */
function version(semver: string, count: number, bytes = 100): StoredAppVersion {
  const documents: Record<string, string> = {};
  for (let index = 0; index < count; index += 1) {
    const text = `query Q${index} { home } # ${randomBytes(bytes / 2).toString('hex')}`;
    documents[documentIdOf(text)] = text;
  }
  return { app: 'passenger', version: semver, documents, publishedBy: 'admin', publishedAt: '2026-12-01T12:00:00.000Z' };
}

describe('EtcdAppVersionStore (real etcd)', () => {
  let etcd: RunningEtcd;
  const opened: EtcdAppVersionStore[] = [];
  let prefixes = 0;
  const replica = (prefix: string) => {
    const store = new EtcdAppVersionStore({ client: createEtcdClient([etcd.endpoint]), prefix, ownsClient: true });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    for (const store of opened) await store.close();
    await etcd?.stop();
  });

  it('stores a 3 MB manifest in chunks below the request limit, and another replica has it within 2 s', async () => {
    const prefix = `/test/apps-${++prefixes}/`;
    const [a, b] = [replica(prefix), replica(prefix)];
    const seen: AppStoreContents[] = [];
    b.watch((contents) => seen.push(contents));
    await waitFor(() => seen.length > 0, 5_000, 'the first listing');

    const big = version('3.2.0', 15_000, 200);
    expect(JSON.stringify(big.documents).length).toBeGreaterThan(3_000_000);
    await a.publish(big);
    // Within 2 s of the publish: the bound the issue sets for every replica.
    const contents = await waitFor(() => seen.find((entry) => entry.versions.length === 1), 2_000, 'the version on the other replica');
    expect(contents.versions[0]?.documents).toEqual(big.documents);

    // No value in etcd is near the 1.5 MiB request limit.
    const client = createEtcdClient([etcd.endpoint]);
    const chunks = await client.getAll().prefix(chunksPrefix(prefix)).buffers();
    client.close();
    expect(Object.keys(chunks).length).toBeGreaterThanOrEqual(3);
    for (const value of Object.values(chunks)) expect(value.length).toBeLessThan(1_100_000);

    await expect(b.publish(version('3.2.0', 1))).rejects.toBeInstanceOf(AppVersionExists);
    expect((await b.read()).versions[0]?.documents).toEqual(big.documents);
  });

  it('changes states by compare-and-set and keeps the later last use', async () => {
    const prefix = `/test/apps-${++prefixes}/`;
    const [a, b] = [replica(prefix), replica(prefix)];
    await a.publish(version('1.0.0', 2));
    await Promise.all([a.updateState('passenger', (state) => ({ ...state, retired: [...state.retired, '1.0.0'] })), b.updateState('passenger', (state) => ({ ...state, minimumVersion: '0.9.0' }))]);
    expect((await b.read()).states.get('passenger')).toEqual({ retired: ['1.0.0'], minimumVersion: '0.9.0' });

    await a.recordLastUse(new Map([['passenger@1.0.0', '2026-12-01T12:01:00.000Z']]));
    await b.recordLastUse(new Map([['passenger@1.0.0', '2026-12-01T12:00:00.000Z']]));
    expect((await a.read()).lastUse.get('passenger@1.0.0')).toBe('2026-12-01T12:01:00.000Z');
  });
});
