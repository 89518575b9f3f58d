/**
 * `npm start`: the gateway with its embedded registry and, in demo mode, the demo fleet as separate
 * processes that register themselves. SIGTERM/SIGINT drain requests in flight (bounded) and stop
 * every process started here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demoUserIds, issueToken } from './auth/index.ts';
import { clientEntry, clientNames, ConfigError, loadConfig, type ClientName, type Config } from './config/index.ts';
import { startFleet, type RunningFleet } from './demo/index.ts';
import { formatEtcdUrl } from './registry/index.ts';
import { playgroundPage } from './server/index.ts';
import { startGateway } from './startGateway.ts';

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
  const gateway = await startGateway(config, { playgroundPages: pages });
  console.log(`Gateway listening on ${gateway.url} (${config.mode} mode)`);

  let fleet: RunningFleet | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests in flight (at most ${config.shutdownGraceMs} ms), then stopping.`);
    await gateway.stop();
    await fleet?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (config.mode === 'demo' && config.demo.controlUrl) gateway.setDemoControlUrl(config.demo.controlUrl);
  if (config.demo.fleet) {
    fleet = await startFleet({
      // With etcd the instances register straight into it (etcd://...), else at the registry's HTTP API.
      registryUrl: config.discovery.etcd ? formatEtcdUrl(config.discovery.etcd) : (config.registry.url ?? `http://127.0.0.1:${gateway.port}`),
      registryToken: config.registry.token,
      controlPort: config.demo.controlPort,
      instances: config.demo.instances,
    });
    gateway.setDemoControlUrl(fleet.controlUrl);
    console.log(`Demo fleet fault control on ${fleet.controlUrl} (also ${gateway.url}/demo/faults)`);
  }
  for (const client of clientNames) {
    console.log(`  ${client.padEnd(9)} ${gateway.url}/${client}/graphql`);
  }
  console.log(`  health    ${gateway.url}/healthz  ${gateway.url}/readyz  ${gateway.url}/metrics`);
  if (tokens) {
    console.log('Demo tokens (valid 24 h; `npm run --silent token -- <client>` prints a fresh one):');
    for (const [client, token] of tokens) console.log(`  ${client.padEnd(9)} ${token}`);
  }
}

await main();
