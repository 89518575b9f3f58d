/**
 * `npm start`: the gateway with its embedded registry and, in demo mode, the demo fleet as separate
 * processes that register themselves. "Gateway listening on <url>" and the endpoints are printed
 * once the gateway is ready (GraphQL answers 503 NOT_READY before). A taken PORT or
 * DEMO_CONTROL_PORT ends the process with one line naming the variable; the default control port
 * (4100) taken, a free one is used. SIGTERM/SIGINT drain requests in flight (bounded) and stop
 * every process started here.
 *
 * `SUPERGRAPH_FILE=<path> npm start`: plain federation mode (src/startPlainGateway.ts), that
 * supergraph at `/graphql`; a file it cannot serve ends the process with one line naming the file
 * and the problem.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { demoUserIds, issueToken } from './auth/index.ts';
import { clientEntry, clientNames, ConfigError, loadConfig, type ClientName, type Config } from './config/index.ts';
import { startFleet, type RunningFleet } from './demo/index.ts';
import { formatEtcdUrl } from './registry/index.ts';
import { SupergraphFileError } from './federation/index.ts';
import { playgroundPage, type RunningGateway } from './server/index.ts';
import { startGateway } from './startGateway.ts';
import { plainGraphQLPath, startPlainGateway } from './startPlainGateway.ts';

/** The operation each client's playground opens with (file under `clients/`) and its variables, from `schemas/clients.json`. */
function playgroundStart(client: ClientName): { file: string; variables: string } {
  const { operation, variables } = clientEntry(client).playground;
  return { file: operation, variables: formatVariables(variables) };
}

/** Variables as the playground shows them: `{}`, or `{ "lat": 38.7223, "lng": -9.1393 }` on one line. */
function formatVariables(variables: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(variables).map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
const clientsDir = fileURLToPath(new URL('../clients/', import.meta.url));

async function demoTokens(config: Config): Promise<Map<ClientName, string> | undefined> {
  if (config.mode !== 'demo' || !config.auth.secret) return undefined;
  const secret = config.auth.secret;
  const entries = await Promise.all(
    clientNames.map(async (client) => [client, await issueToken(secret, { client, subject: demoUserIds[client], issuer: config.auth.issuer })] as const),
  );
  return new Map(entries);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  if (config.plain) return mainPlain(config, config.plain);
  const tokens = await demoTokens(config);
  const pages = new Map(
    clientNames.map((client) => {
      const start = playgroundStart(client);
      return [
        client,
        playgroundPage({
          client,
          demoToken: tokens?.get(client),
          defaultQuery: readFileSync(`${clientsDir}${start.file}`, 'utf8'),
          defaultVariables: start.variables,
        }),
      ] as const;
    }),
  );
  // Ports first, before seconds of start-up: a taken one is one line naming its variable.
  if (config.port !== 0) exitIfCannotListen(await listenProblem(config.port, config.host), 'PORT', config.port, config.host);
  const controlPort = config.demo.fleet ? await freeControlPort(config) : 0;
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, { playgroundPages: pages });
  } catch (error) {
    exitIfCannotListen(error, 'PORT', config.port, config.host);
    throw error;
  }

  let fleet: RunningFleet | undefined;
  stopOnSignals(gateway, config.shutdownGraceMs, async () => fleet?.stop());

  if (config.mode === 'demo' && config.demo.controlUrl) gateway.setDemoControlUrl(config.demo.controlUrl);
  if (config.demo.fleet) {
    try {
      fleet = await startFleet({
        // With etcd the instances register straight into it (etcd://...), else at the registry's HTTP API.
        registryUrl: config.discovery.etcd ? formatEtcdUrl(config.discovery.etcd) : (config.registry.url ?? `http://127.0.0.1:${gateway.port}`),
        registryToken: config.registry.token,
        controlPort,
        instances: config.demo.instances,
        // trips and drivers publish live events to the gateway's broker (`off`: none).
        amqpUrl: config.events.amqpUrl ?? 'off',
        // The fleet's remote subgraph (promotions) verifies the identity tokens the gateway signs:
        // with the shared HS256 secret, or with the gateway's JWKS when it signs with a key file.
        ...(config.identity.secret
          ? { identitySecret: config.identity.secret }
          : { env: { ...process.env, IDENTITY_JWKS_URL: `http://127.0.0.1:${gateway.port}/.well-known/jwks.json` } }),
      });
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)} (DEMO_FLEET=false starts the gateway without it).`);
      await gateway.stop();
      process.exit(1);
    }
    gateway.setDemoControlUrl(fleet.controlUrl);
    console.log(`Demo fleet fault control on ${fleet.controlUrl} (also ${gateway.url}/demo/faults)`);
  }
  await untilReady(gateway);
  console.log(`Gateway listening on ${gateway.url} (${config.mode} mode)`);
  for (const client of clientNames) {
    console.log(`  ${client.padEnd(9)} ${gateway.url}/${client}/graphql`);
  }
  console.log(`  health    ${gateway.url}/healthz  ${gateway.url}/readyz  ${gateway.url}/metrics`);
  if (tokens) {
    console.log('Demo tokens (valid 24 h; `npm run --silent token -- <client>` prints a fresh one):');
    for (const [client, token] of tokens) console.log(`  ${client.padEnd(9)} ${token}`);
  }
}

/** Plain federation mode: the supergraph file at `/graphql`; no client apps, no demo fleet. */
async function mainPlain(config: Config, plain: NonNullable<Config['plain']>): Promise<void> {
  if (config.port !== 0) exitIfCannotListen(await listenProblem(config.port, config.host), 'PORT', config.port, config.host);
  let gateway: RunningGateway;
  try {
    gateway = await startPlainGateway(config, plain);
  } catch (error) {
    if (error instanceof SupergraphFileError) {
      console.error(`${error.message}. Nothing is served (SUPERGRAPH_FILE names the supergraph to serve).`);
      process.exit(1);
    }
    exitIfCannotListen(error, 'PORT', config.port, config.host);
    throw error;
  }
  stopOnSignals(gateway, config.shutdownGraceMs);
  await untilReady(gateway);
  console.log(`Gateway listening on ${gateway.url} (plain federation mode, ${config.mode}: ${plain.supergraphFile}, watched)`);
  console.log(`  graphql   ${gateway.url}${plainGraphQLPath}`);
  console.log(`  health    ${gateway.url}/healthz  ${gateway.url}/readyz  ${gateway.url}/metrics`);
}

/**
 * On SIGTERM or SIGINT (once): drains the requests in flight (at most `graceMs`), stops the gateway,
 * then whatever else this process started (`alsoStop`: the demo fleet), and exits.
 */
function stopOnSignals(gateway: RunningGateway, graceMs: number, alsoStop: () => Promise<void> = async () => undefined): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests in flight (at most ${graceMs} ms), then stopping.`);
    await gateway.stop();
    await alsoStop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Where the fleet's fault control listens (startFleet's default host). */
const fleetHost = '127.0.0.1';

/** After this long without readiness, say what the gateway waits for, ms. */
const READY_NOTE_AFTER_MS = 10_000;

/** Waits until the gateway is ready; says once what it waits for if that takes long. */
async function untilReady(gateway: RunningGateway): Promise<void> {
  const note = setTimeout(() => {
    const missing = gateway.readiness().details.missingServices;
    const what = Array.isArray(missing) && missing.length > 0 ? `an instance of ${missing.join(', ')}` : 'readiness';
    console.log(`Waiting for ${what} before answering GraphQL (503 NOT_READY until then; ${gateway.url}/readyz tells more).`);
  }, READY_NOTE_AFTER_MS);
  await gateway.whenReady();
  clearTimeout(note);
}

/**
 * The fault control port the fleet gets: DEMO_CONTROL_PORT when free; when taken, one clear line
 * and exit 1 if it was set, else (the default 4100, e.g. a second `npm start`) a free port, said so.
 */
async function freeControlPort(config: Config): Promise<number> {
  const { controlPort } = config.demo;
  if (controlPort === 0) return 0;
  const problem = await listenProblem(controlPort, fleetHost);
  if (!problem) return controlPort;
  if (!config.demo.controlPortSet && problem.code === 'EADDRINUSE') {
    console.log(`The demo fleet's default fault control port ${controlPort} is in use (another npm start?): using a free one (set DEMO_CONTROL_PORT to choose).`);
    return 0;
  }
  exitIfCannotListen(problem, 'DEMO_CONTROL_PORT', controlPort, fleetHost);
  throw problem;
}

/** Why nothing can listen on `port` at `host` now (tried and released at once); undefined when it can. */
function listenProblem(port: number, host: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

/** For a port that cannot be listened on: one line naming the variable to change, and exit 1. Returns for other errors. */
function exitIfCannotListen(error: unknown, variable: 'PORT' | 'DEMO_CONTROL_PORT', port: number, host: string): void {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    EADDRINUSE: `${variable}=${port}: port ${port} on ${host} is already in use; set ${variable} to a free port (0 picks one).`,
    EACCES: `${variable}=${port}: this process may not listen on port ${port} on ${host}; set ${variable} to a port above 1023.`,
    EADDRNOTAVAIL: `HOST=${host} is not an address of this machine; set HOST (default 127.0.0.1).`,
  };
  const line = code ? why[code] : undefined;
  if (!line) return;
  console.error(line);
  process.exit(1);
}

await main();
