import { buildSchema, type GraphQLSchema } from 'graphql';
import { clientNames, serviceCatalog, type ClientName, type Config } from './config/index.ts';
import { describeError } from './errors/index.ts';
import { ClientSchemas, RemoteFallbacks } from './federation/index.ts';
import { AdminAuth, createAdminHandler, PublishedGraph, Publisher, recentChanges, type Checks, type ClientSchemaChange, type SubgraphVersion } from './publishing/index.ts';
import { appsPrefixBeside, AppVersions, createAppVersionStore, DEFAULT_MAX_MANIFEST_BYTES } from './publishing/apps/index.ts';
import { checkChange, checkPrincipal, createWorkerComposer, loadClientOperations } from './publishing/checks/index.ts';
import { createSchemaStore, LocalSnapshot, openStoreWithSnapshot } from './publishing/store/index.ts';
import type { Discovery } from './registry/index.ts';
import type { GatewayMetrics, SideHandler } from './server/index.ts';

/** How long a starting replica waits for the schema store before it starts on its local snapshot, ms. */
const storeStartTimeoutMs = 3_000;
/** How many published versions the playground's changes panel lists. */
const RECENT_CHANGES = 10;

/** Schema publishing, wired: the graph as published, every client's schema, the admin API. */
export interface StartedPublishing {
  readonly graph: PublishedGraph;
  readonly schemas: ClientSchemas;
  readonly adminApi: SideHandler;
  /** The app versions' trusted documents (the endpoints' `AppDocuments`), following the store. */
  readonly apps: AppVersions;
  /** The latest published versions that touched `client`'s schema, newest first (read once per change of the live set). */
  recentChanges(client: ClientName): Promise<readonly ClientSchemaChange[]>;
  close(): Promise<void>;
}

/**
 * Opens the schema store (etcd with `ETCD_ENDPOINTS`, else files under `DATA_DIR`) and starts on
 * its live versions, or on this replica's local snapshot when the store does not answer (never on
 * older schemas from the repository: a published fix must not be undone by a restart); composes
 * every client's schema; then follows the store's watch: each change is recomposed and swapped
 * (`ClientSchemas.refresh`), and what is served is saved as the new snapshot.
 */
export async function startPublishing(config: Config, discovery: Discovery, metrics: GatewayMetrics, log: (line: string) => void = (line) => console.warn(line)): Promise<StartedPublishing> {
  const settings = config.publishing;
  const etcd = config.discovery.etcd;
  const store = await createSchemaStore({
    dataDir: settings.dataDir,
    ...(etcd ? { etcd: { endpoints: etcd.endpoints, prefix: settings.etcdSchemaPrefix } } : {}),
    onStatusChange: (status) => log(`schema store: ${status.reachable ? 'reachable again' : `unreachable (${status.lastError ?? 'no answer'}); serving what this replica has`}`),
  });
  const snapshot = new LocalSnapshot({ dir: settings.dataDir });
  const starting = await openStoreWithSnapshot(store, snapshot, { timeoutMs: storeStartTimeoutMs });
  if (starting.source !== 'store') log(`schema store: ${starting.storeError}; starting on ${starting.source === 'snapshot' ? `the local snapshot saved ${starting.savedAt}` : "the repository's schemas (no local snapshot yet)"}.`);

  const graph = new PublishedGraph();
  graph.setPublished(starting.live);
  const schemasOptions = { clients: clientNames, subgraphsFor: graph.forClient.bind(graph), versionOf: graph.versionOf.bind(graph), limits: config.limits, log };
  let schemas: ClientSchemas;
  try {
    schemas = new ClientSchemas(schemasOptions);
  } catch (error) {
    // Published versions this replica cannot compose: it serves the repository's schemas and says why.
    log(`schema: the published versions do not compose here (${describeError(error)}); serving the repository's schemas until the store has versions that do.`);
    graph.setPublished(new Map());
    schemas = new ClientSchemas(schemasOptions);
  }
  const showSchemas = () => {
    for (const [client, status] of Object.entries(schemas.status())) metrics.setSchema(client, status.version, status.hash);
  };
  showSchemas();

  /** Takes the store's live versions: recompose, swap, show, and remember what is served. */
  const apply = async (live: ReadonlyMap<string, SubgraphVersion>): Promise<void> => {
    const before = graph.subgraphs();
    const changed = new Set(graph.setPublished(live));
    if (changed.size === 0) return;
    // Only the apps that include a changed subgraph, before or after, are recomposed.
    const affected = new Set([...before, ...graph.subgraphs()].filter((subgraph) => changed.has(subgraph.name)).flatMap((subgraph) => subgraph.clients));
    schemas.refresh(clientNames.filter((client) => affected.has(client)));
    showSchemas();
    await snapshot.save(live).catch((error: unknown) => log(`schema: could not save the local snapshot (${describeError(error)})`));
  };
  const unwatch = store.watch((live) => void apply(live));
  // Per client, for the live set it was read for: a page load reads the store once per change, not once per load.
  const changesRead = new Map<ClientName, { live: ReadonlyMap<string, SubgraphVersion>; changes: Promise<readonly ClientSchemaChange[]> }>();
  const changesOf = (client: ClientName): Promise<readonly ClientSchemaChange[]> => {
    const live = graph.published();
    const read = changesRead.get(client);
    if (read?.live === live) return read.changes;
    const changes = recentChanges(store, live, client, RECENT_CHANGES).catch((error: unknown) => {
      changesRead.delete(client);
      throw error;
    });
    changesRead.set(client, { live, changes });
    return changes;
  };

  // App versions live beside the schemas (files under DATA_DIR/apps, or etcd under /ride/apps/).
  const appStore = await createAppVersionStore({
    dataDir: settings.dataDir,
    ...(etcd ? { etcd: { endpoints: etcd.endpoints, prefix: appsPrefixBeside(settings.etcdSchemaPrefix) } } : {}),
    onError: log,
  });
  const apiSchemas = new Map<ClientName, { sdl: string; schema: GraphQLSchema }>();
  const apps = await AppVersions.start({
    store: appStore,
    log,
    flushIntervalMs: settings.appUseFlushMs,
    // The live API schema, built once per version served.
    schemaOf: (client) => {
      const sdl = schemas.current(client).supergraph.apiSchemaSdl;
      const cached = apiSchemas.get(client);
      if (cached?.sdl === sdl) return cached.schema;
      const schema = buildSchema(sdl);
      apiSchemas.set(client, { sdl, schema });
      return schema;
    },
  });

  // Checks compose in a worker thread, bounded in time: a huge or pathological SDL never blocks serving.
  const composer = createWorkerComposer();
  const checks: Checks = {
    checkChange: async (change) => {
      const liveSupergraphs = Object.fromEntries(clientNames.map((client) => [client, schemas.current(client).supergraph]));
      // The repository's operations and every active app version's documents must keep working.
      const operations = [...loadClientOperations(), ...apps.activeOperationFiles()];
      const { report } = await checkChange(graph.checksView(), change, { compose: composer.compose, liveSupergraphs, operations });
      // A remote subgraph's fallbacks are answered by the gateway, which has no cache or default of its own for them.
      try {
        RemoteFallbacks.fromSdl(change.subgraph, change.sdl);
        return report;
      } catch (error) {
        return { ...report, ok: false, errors: [...report.errors, (error as Error).message] };
      }
    },
    checkPrincipal: (change, principal) => checkPrincipal(graph.checksView(), change, principal, change.location),
  };
  const publisher = new Publisher({
    graph,
    store,
    checks,
    knownService: (service) => serviceCatalog.some((entry) => entry.name === service && entry.protocol === 'graphql') || discovery.instances(service, 'graphql').length > 0,
    maxSdlBytes: settings.maxSdlBytes,
    sync: async () => apply(await store.live()),
  });
  const auth = new AdminAuth(settings);
  // The JSON body carries the SDL escaped: room for twice its bound.
  const adminApi = createAdminHandler(publisher, auth, { maxBodyBytes: settings.maxSdlBytes * 2 + 65_536, apps: { versions: apps, maxManifestBytes: DEFAULT_MAX_MANIFEST_BYTES } });
  return {
    graph,
    schemas,
    adminApi,
    apps,
    recentChanges: changesOf,
    async close() {
      unwatch();
      await apps.close();
      await appStore.close();
      await composer.close();
      await store.close();
    },
  };
}
