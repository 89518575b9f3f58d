import type { Config } from './config/index.ts';
import {
  createEtcdClient,
  createPicker,
  createRegistryHttpHandler,
  Discovery,
  EtcdInstanceSource,
  EtcdLeaseRegistry,
  HttpInstanceSource,
  InstanceStore,
  MergedInstanceSource,
  OutlierDetector,
  type InstanceSource,
  type InstanceSourceStatus,
  type RegistryHttpHandler,
} from './registry/index.ts';

/** The gateway's discovery, wired from configuration. */
export interface StartedDiscovery {
  readonly discovery: Discovery;
  /** The registry HTTP API (`/registry/v1`): over the embedded registry, or writing into etcd; none with a remote registry. */
  readonly registryApi: RegistryHttpHandler | undefined;
  /** The registry's kind and reachability, and every service's instances and ejections, for `/readyz`. */
  details(): Record<string, unknown>;
  /** Stops watching / polling / sweeping and closes the etcd client. */
  stop(): Promise<void>;
}

/**
 * Wires discovery from `config`: the instance source (etcd when `ETCD_ENDPOINTS` is set, a remote
 * registry at `REGISTRY_URL`, else the embedded registry with its HTTP API), merged with the static
 * third-party instances; per-service pickers (`LB_POLICY`, `LB_POLICY_<SERVICE>`); outlier
 * detection (`OUTLIER_*`); zone preference (`GATEWAY_ZONE`). Registry outages and ejections are
 * logged with `log`.
 */
export function startDiscovery(config: Config, log: (line: string) => void = (line) => console.warn(line)): StartedDiscovery {
  const settings = config.discovery;
  let dynamic: InstanceSource;
  let registryApi: RegistryHttpHandler | undefined;
  let stopSource: () => Promise<void> | void;
  let kind: Record<string, unknown>;
  let source: InstanceSource | undefined;

  const onStatusChange = (name: string) => (status: InstanceSourceStatus) => {
    const known = [...(source ?? dynamic).current().services.values()].reduce((sum, list) => sum + list.length, 0);
    if (status.reachable) log(`discovery: ${name} reachable; the view follows it again (${known} instances).`);
    else log(`discovery: ${name} unreachable (${status.lastError ?? 'no answer'}); routing on the last known ${known} instances.`);
  };

  if (settings.etcd) {
    const etcd = settings.etcd;
    const client = createEtcdClient(etcd.endpoints);
    const watched = new EtcdInstanceSource({ client, prefix: etcd.prefix, onStatusChange: onStatusChange('etcd') });
    const stop = watched.start();
    dynamic = watched;
    // Services using the HTTP API (or RegistryClient) land in etcd too, with etcd's lease ids.
    registryApi = createRegistryHttpHandler(new EtcdLeaseRegistry({ client, prefix: etcd.prefix, leaseTtlSec: etcd.leaseTtlSec, view: watched }), {
      token: config.registry.token,
    });
    kind = { kind: 'etcd', endpoints: etcd.endpoints, prefix: etcd.prefix };
    stopSource = async () => {
      await stop();
      client.close();
    };
  } else if (config.registry.url) {
    const remote = new HttpInstanceSource({ registryUrl: config.registry.url, onStatusChange: onStatusChange('registry') });
    stopSource = remote.start();
    dynamic = remote;
    kind = { kind: 'remote', url: config.registry.url };
  } else {
    const store = new InstanceStore({
      ttlMs: config.registry.ttlMs,
      heartbeatIntervalMs: config.registry.heartbeatIntervalMs,
      // Sweep often enough that eviction lands close to the TTL (at most 1 s, a tenth of the TTL).
      sweepIntervalMs: Math.max(50, Math.min(1_000, Math.floor(config.registry.ttlMs / 10))),
    });
    stopSource = store.start();
    dynamic = store;
    registryApi = createRegistryHttpHandler(store, { token: config.registry.token });
    kind = { kind: 'embedded' };
  }
  source = settings.staticInstances.length > 0 ? new MergedInstanceSource(dynamic, settings.staticInstances) : dynamic;

  const outliers = new OutlierDetector({
    ...settings.outlier,
    onEject: (event) =>
      log(
        `discovery: ejected ${event.service} instance ${event.instanceId} for ${event.durationMs} ms after ` +
          `${event.consecutiveFailures} consecutive failures (ejection #${event.ejections}).`,
      ),
  });
  const discovery = new Discovery(source, {
    createPicker: (service) => createPicker(settings.lbPolicies[service] ?? settings.lbPolicy),
    outlierDetector: outliers,
    ...(settings.zone === undefined ? {} : { zone: settings.zone }),
  });

  const finalSource = source;
  return {
    discovery,
    registryApi,
    details() {
      const status = finalSource.status?.() ?? { reachable: true };
      return {
        registry: {
          ...kind,
          ...status,
          ...(status.reachable ? {} : { servingLastKnown: true }),
          ...(settings.staticInstances.length > 0 ? { staticInstances: settings.staticInstances.length } : {}),
        },
        discovery: {
          ...(settings.zone === undefined ? {} : { zone: settings.zone }),
          lbPolicy: settings.lbPolicy,
          ...(Object.keys(settings.lbPolicies).length > 0 ? { lbPolicies: settings.lbPolicies } : {}),
          services: discovery.view(),
        },
      };
    },
    async stop() {
      await stopSource();
    },
  };
}
