import type { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcd, type RunningEtcd } from '../../test/harness/startEtcd.ts';
import { startTcpProxy } from '../../test/harness/tcpProxy.ts';
import { waitFor } from '../../test/harness/waitFor.ts';
import { createEtcdClient } from './createEtcdClient.ts';
import { createRegistrar } from './createRegistrar.ts';
import { EtcdInstanceSource } from './EtcdInstanceSource.ts';
import { formatEtcdUrl, instanceKey } from './etcdLayout.ts';
import type { InstanceSourceStatus } from './types.ts';

const prefix = '/test/services/';
const registration = (id: string, port: number) => ({ service: 'drivers', id, address: `127.0.0.1:${port}`, protocol: 'grpc' as const, zone: 'a' });
const ids = (source: EtcdInstanceSource): string[] => (source.current().services.get('drivers') ?? []).map((instance) => instance.id);

describe('EtcdInstanceSource and EtcdRegistrar (real etcd)', () => {
  let etcd: RunningEtcd;
  let admin: Etcd3;

  beforeAll(async () => {
    etcd = await startEtcd();
    admin = createEtcdClient([etcd.endpoint]);
  });
  afterAll(async () => {
    admin?.close();
    await etcd?.stop();
  });

  it('pushes registrations and deregistrations as they happen, and drops an instance whose lease expires', async () => {
    const client = createEtcdClient([etcd.endpoint]);
    const source = new EtcdInstanceSource({ client, prefix });
    const stop = source.start();
    await source.synced();
    const url = formatEtcdUrl({ endpoints: [etcd.endpoint], prefix, leaseTtlSec: 2 });
    const one = createRegistrar({ registryUrl: url, token: 'unused', registration: registration('drivers-1', 5001) });
    const two = createRegistrar({ registryUrl: url, token: 'unused', registration: registration('drivers-2', 5002) });
    await Promise.all([one.start(), two.start()]);
    await waitFor(() => (ids(source).join() === 'drivers-1,drivers-2' ? true : undefined), 2_000, 'both instances');
    expect(source.current().services.get('drivers')?.[0]).toMatchObject({ address: '127.0.0.1:5001', protocol: 'grpc', zone: 'a', weight: 1 });

    // Deregistration revokes the lease: the key goes at once.
    const before = Date.now();
    await one.stop();
    await waitFor(() => (ids(source).join() === 'drivers-2' ? true : undefined), 1_000, 'drivers-1 to leave');
    expect(Date.now() - before).toBeLessThan(1_000);

    // A crashed instance: a lease nobody keeps alive expires after its TTL (2 s), and its key with it.
    const lease = admin.lease(2, { autoKeepAlive: false });
    await lease.put(instanceKey(prefix, 'drivers', 'drivers-9')).value(JSON.stringify(registration('drivers-9', 5009))).exec();
    await waitFor(() => (ids(source).includes('drivers-9') ? true : undefined), 1_000, 'drivers-9');
    const crashedAt = Date.now();
    await waitFor(() => (ids(source).includes('drivers-9') ? undefined : true), 6_000, 'drivers-9 to expire');
    expect(Date.now() - crashedAt).toBeLessThan(2_000 + 1_500);

    await two.stop();
    await stop();
    client.close();
  });

  it('keeps the last known view while etcd is down, says so, and follows changes again once it is back', async () => {
    const client = createEtcdClient([etcd.endpoint]);
    const statuses: InstanceSourceStatus[] = [];
    const source = new EtcdInstanceSource({ client, prefix, onStatusChange: (status) => statuses.push(status) });
    const stop = source.start();
    await source.synced();
    const url = formatEtcdUrl({ endpoints: [etcd.endpoint], prefix, leaseTtlSec: 3 });
    const kept = createRegistrar({ registryUrl: url, token: 'unused', registration: registration('drivers-3', 5003) });
    await kept.start();
    await waitFor(() => (ids(source).includes('drivers-3') ? true : undefined), 2_000, 'drivers-3');

    await etcd.kill('SIGKILL');
    await waitFor(() => (source.status().reachable ? undefined : true), 5_000, 'the source to notice');
    expect(ids(source)).toEqual(['drivers-3']);
    expect(statuses.at(-1)).toMatchObject({ reachable: false });

    await etcd.restart();
    await waitFor(() => (source.status().reachable ? true : undefined), 5_000, 'the source to reconnect');
    // The registrar kept (or re-made) its registration; a new one made now is seen at once.
    const added = createRegistrar({ registryUrl: url, token: 'unused', registration: registration('drivers-4', 5004) });
    await added.start();
    await waitFor(() => (ids(source).join() === 'drivers-3,drivers-4' ? true : undefined), 3_000, 'drivers-3 and drivers-4');

    await Promise.all([kept.stop(), added.stop()]);
    await waitFor(() => (ids(source).length === 0 || !source.current().services.has('drivers') ? true : undefined), 2_000, 'both to leave');
    await stop();
    client.close();
  });

  it('lists again when the revision it would resume from was compacted while it was cut off', async () => {
    const proxy = await startTcpProxy(Number(new URL(etcd.endpoint).port));
    const client = createEtcdClient([proxy.endpoint]);
    const source = new EtcdInstanceSource({ client, prefix });
    const stop = source.start();
    await source.synced();
    const put = (id: string, port: number) => admin.put(instanceKey(prefix, 'drivers', id)).value(JSON.stringify(registration(id, port))).exec();
    await put('drivers-5', 5005);
    await put('drivers-6', 5006);
    await waitFor(() => (ids(source).join() === 'drivers-5,drivers-6' ? true : undefined), 2_000, 'drivers-5 and drivers-6');
    expect(source.listings).toBe(1);

    await proxy.cut();
    await waitFor(() => (source.status().reachable ? undefined : true), 5_000, 'the source to notice the cut');
    // Meanwhile: one instance leaves, one arrives, and etcd compacts its history.
    await admin.delete().key(instanceKey(prefix, 'drivers', 'drivers-5')).exec();
    const last = await put('drivers-7', 5007);
    await admin.kv.compact({ revision: last.header.revision, physical: true });
    expect(ids(source)).toEqual(['drivers-5', 'drivers-6']);

    await proxy.heal();
    await waitFor(() => (ids(source).join() === 'drivers-6,drivers-7' ? true : undefined), 5_000, 'the re-listed view');
    expect(source.listings).toBe(2);
    expect(source.status().reachable).toBe(true);

    await admin.delete().prefix(prefix).exec();
    await stop();
    client.close();
    await proxy.close();
  });
});
