/**
 * Runs the registry as its own process (`npm run registry`), as Eureka does. The only file of
 * `src/registry/` that reads `process.env`:
 * - `REGISTRY_TOKEN` (required): bearer token for writes;
 * - `REGISTRY_PORT` (default 4200, `0` picks a free port);
 * - `REGISTRY_HOST` (default `127.0.0.1`; `0.0.0.0` to serve other machines or containers);
 * - `REGISTRY_TTL_MS` (default 15 000) and `REGISTRY_HEARTBEAT_MS` (default 5 000).
 */
import { createServer } from 'node:http';
import { sendJson } from '../http/sendJson.ts';
import { createRegistryHttpHandler, REGISTRY_API_PREFIX } from './createRegistryHttpHandler.ts';
import { InstanceStore } from './InstanceStore.ts';

/** Reads an optional non-negative integer variable, failing with its name and value. */
function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    fail(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}.`);
  }
  return value;
}

function fail(message: string): never {
  process.stderr.write(`registry: ${message}\n`);
  process.exit(1);
}

const token = process.env['REGISTRY_TOKEN'];
if (token === undefined || token.trim() === '') fail('REGISTRY_TOKEN is required (the bearer token services register with).');
const port = intFromEnv('REGISTRY_PORT', 4200, 0);
const host = process.env['REGISTRY_HOST']?.trim() || '127.0.0.1';
const ttlMs = intFromEnv('REGISTRY_TTL_MS', 15_000, 1);
const heartbeatIntervalMs = intFromEnv('REGISTRY_HEARTBEAT_MS', 5_000, 1);

let store: InstanceStore;
try {
  store = new InstanceStore({ ttlMs, heartbeatIntervalMs });
} catch (error) {
  fail(`REGISTRY_TTL_MS / REGISTRY_HEARTBEAT_MS: ${(error as Error).message}`);
}
const stopSweeping = store.start();
const handle = createRegistryHttpHandler(store, { token });

const server = createServer((req, res) => {
  handle(req, res).then(
    (handled) => {
      if (handled) return;
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `Not found; the API is under ${REGISTRY_API_PREFIX}.` } });
    },
    () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    },
  );
});
server.keepAliveTimeout = 65_000;

server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen(port, host, () => {
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  process.stdout.write(
    `registry listening on http://${shownHost}:${boundPort}${REGISTRY_API_PREFIX} (ttl ${ttlMs} ms, heartbeat ${heartbeatIntervalMs} ms)\n`,
  );
});

function shutdown(): void {
  stopSweeping();
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
