import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcd, type RunningEtcd } from '../../test/harness/startEtcd.ts';
import { waitFor } from '../../test/harness/waitFor.ts';
import { createEtcdClient } from './createEtcdClient.ts';
import { createRegistryHttpHandler } from './createRegistryHttpHandler.ts';
import { EtcdInstanceSource } from './EtcdInstanceSource.ts';
import { EtcdLeaseRegistry } from './EtcdLeaseRegistry.ts';
import { RegistryClient, type RegistryClientEvent } from './RegistryClient.ts';

const prefix = '/http/services/';
const TOKEN = 'etcd-http-registry-token';

describe('the registry HTTP API writing into etcd (EtcdLeaseRegistry)', () => {
  let etcd: RunningEtcd;
  let client: Etcd3;
  let source: EtcdInstanceSource;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    etcd = await startEtcd();
    client = createEtcdClient([etcd.endpoint]);
    source = new EtcdInstanceSource({ client, prefix });
    source.start();
    await source.synced();
    const handle = createRegistryHttpHandler(new EtcdLeaseRegistry({ client, prefix, leaseTtlSec: 3, view: source }), { token: TOKEN });
    server = createServer((req, res) => void handle(req, res).then((handled) => handled || res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await source?.stop();
    client?.close();
    await etcd?.stop();
  });

  it('registers, heartbeats and deregisters through etcd leases; a vanished lease makes the client register again', async () => {
    const events: RegistryClientEvent[] = [];
    const registrar = new RegistryClient({
      registryUrl: url,
      token: TOKEN,
      registration: { service: 'riders', id: 'riders-http', address: '127.0.0.1:7001', protocol: 'http' },
      onEvent: (event) => events.push(event),
    });
    const lease = await registrar.start();
    expect(lease).toMatchObject({ instanceId: 'riders-http', ttlMs: 3_000, heartbeatIntervalMs: 1_000 });
    expect(lease.leaseId).toMatch(/^\d+$/);
    await waitFor(() => (source.current().services.get('riders')?.[0]?.id === 'riders-http' ? true : undefined), 2_000, 'the registration in etcd');
    const answer = await fetch(`${url}/registry/v1/services/riders`);
    expect(await answer.json()).toMatchObject([{ id: 'riders-http', address: '127.0.0.1:7001' }]);

    // A heartbeat is one etcd keep-alive of that lease.
    expect((await fetch(`${url}/registry/v1/leases/${lease.leaseId}`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);

    // The lease disappears behind the client's back (e.g. etcd lost it): the next heartbeat gets 404 and it registers again.
    await client.leaseClient.leaseRevoke({ ID: lease.leaseId });
    await waitFor(() => (events.some((event) => event.type === 're-registered') ? true : undefined), 3_000, 're-registration');
    await waitFor(() => (source.current().services.get('riders')?.[0]?.id === 'riders-http' ? true : undefined), 2_000, 'the new registration');
    const gone = await fetch(`${url}/registry/v1/leases/${lease.leaseId}`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/register again/);

    await registrar.stop();
    await waitFor(() => (source.current().services.has('riders') ? undefined : true), 2_000, 'the deregistration');
    expect((await fetch(`${url}/registry/v1/instances`, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});
