import { createGatewayCaches, type IdempotencyStore, type PriceCache } from '../../src/cache/index.ts';
import { loadConfig, serviceNames, type Config } from '../../src/config/index.ts';
import { startDiscovery } from '../../src/startDiscovery.ts';
import { createUpstreams, type Upstreams } from '../../src/upstreams/index.ts';

/** Every service the subgraphs and the hand-written endpoints call (`schemas/services.json`). */
const services = serviceNames;

/** What a bench server needs to call the fleet as the gateway does. */
export interface BenchServiceStack {
  readonly config: Config;
  readonly upstreams: Upstreams;
  readonly priceCache: PriceCache;
  readonly idempotency: IdempotencyStore;
}

/**
 * The gateway's own service stack, wired as `src/startGateway.ts` wires it and from the same
 * environment (REGISTRY_URL pointing at the bench's registry): discovery with its balancing and
 * outlier detection, the REST/gRPC clients with their call policies, the price cache and the
 * idempotency store. Resolves once every service has an instance.
 */
export async function createBenchServiceStack(): Promise<BenchServiceStack> {
  const config = loadConfig();
  const { discovery } = startDiscovery(config, (line) => process.stderr.write(`${line}\n`));
  const { upstreams } = createUpstreams(discovery, config.resilience);
  const { prices: priceCache, idempotency } = createGatewayCaches(config.cache);
  const until = Date.now() + 30_000;
  for (;;) {
    const missing = services.filter((service) => discovery.instances(service).length === 0);
    if (missing.length === 0) break;
    if (Date.now() > until) throw new Error(`no instances of ${missing.join(', ')} in the registry`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { config, upstreams, priceCache, idempotency };
}

/** Reads a required environment variable of a bench server. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    process.stderr.write(`${name} is required\n`);
    process.exit(1);
  }
  return value;
}
