/**
 * What a newcomer meets on a first run (issue 9, point 9): the endpoints are printed only once the
 * gateway answers (GraphQL is 503 NOT_READY with Retry-After before); a taken PORT or
 * DEMO_CONTROL_PORT is one line naming the variable, and the default control port taken, a free
 * one is used; a token for a user who does not exist is a NOT_FOUND error on `me`; the `/demo/`
 * proxy keeps the method; the playground's favicon is served.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecrets, loadConfig } from '../src/config/index.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
/** `npm start`'s default fault control port. */
const DEFAULT_CONTROL_PORT = 4100;

/** Listens on `port` (0: any free one) on 127.0.0.1; resolves undefined when it is taken already. */
function hold(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return address.port;
}

/** Runs `src/main.ts` with `env` until it exits; its exit code and everything it printed. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', PORT: '0', DEMO_CONTROL_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`src/main.ts did not exit:\n${output}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('a taken port', () => {
  let taken: Server;
  beforeAll(async () => {
    taken = (await hold(0))!;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('PORT: one line naming PORT, exit 1, no stack trace', async () => {
    const port = portOf(taken);
    const { code, output } = await runMain({ PORT: String(port), DEMO_FLEET: 'false' });
    expect(code).toBe(1);
    expect(output.trim()).toBe(`PORT=${port}: port ${port} on 127.0.0.1 is already in use; set PORT to a free port (0 picks one).`);
  }, 120_000);

  it('DEMO_CONTROL_PORT set: one line naming DEMO_CONTROL_PORT, exit 1', async () => {
    const port = portOf(taken);
    const { code, output } = await runMain({ DEMO_CONTROL_PORT: String(port) });
    expect(code).toBe(1);
    expect(output.trim()).toBe(`DEMO_CONTROL_PORT=${port}: port ${port} on 127.0.0.1 is already in use; set DEMO_CONTROL_PORT to a free port (0 picks one).`);
  }, 120_000);
});

describe('before the gateway is ready', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    // No fleet: nothing registers until the test does.
    gateway = await startGateway(loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DEMO_FLEET: 'false', ...generousAdmissionEnv }));
  }, 60_000);
  afterAll(() => gateway?.stop());

  it('GraphQL is 503 NOT_READY with Retry-After; once every service has an instance, it answers', async () => {
    const ask = () => fetch(`${gateway.url}/web/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const early = await ask();
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await early.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_READY' } }] });

    const readyz = await fetch(`${gateway.url}/readyz`);
    expect(readyz.status).toBe(503);
    const { missingServices } = (await readyz.json()) as { missingServices: string[] };
    expect(missingServices.length).toBeGreaterThan(0);
    for (const service of missingServices) {
      const registered = await fetch(`${gateway.url}/registry/v1/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${demoSecrets.registryToken}` },
        // Nothing listens there: `{ __typename }` calls no service.
        body: JSON.stringify({ service, address: '127.0.0.1:9', protocol: 'http' }),
      });
      expect(registered.status).toBe(201);
    }
    await gateway.whenReady();
    const later = await ask();
    expect(later.status).toBe(200);
    expect(await later.json()).toMatchObject({ data: { __typename: 'Query' } });
  }, 60_000);
});

describe('a first run', () => {
  let system: RunningSystem;
  let holder: Server | undefined;
  beforeAll(async () => {
    // The default control port taken (by this test, or by another `npm start` on this machine).
    holder = await hold(DEFAULT_CONTROL_PORT);
    system = await startSystem({ ...loadTolerantEnv, DEMO_CONTROL_PORT: undefined });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
  });

  it('prints the fleet, then "Gateway listening" and the endpoints once ready; the default control port taken, a free one', () => {
    const output = system.output();
    expect(output).toContain(`The demo fleet's default fault control port ${DEFAULT_CONTROL_PORT} is in use (another npm start?): using a free one`);
    expect(new URL(system.controlUrl).port).not.toBe(String(DEFAULT_CONTROL_PORT));
    const fleetLine = output.indexOf('Demo fleet fault control on');
    const listening = output.indexOf('Gateway listening on');
    expect(fleetLine).toBeGreaterThanOrEqual(0);
    expect(listening).toBeGreaterThan(fleetLine);
    expect(output.indexOf('/passenger/graphql')).toBeGreaterThan(listening);
  });

  it.each([
    ['passenger', 'r-9999', 'rider'],
    ['web', 'r-9999', 'rider'],
    ['driver', 'd-9999', 'driver'],
  ] as const)('%s: a token for a user who does not exist is `me: null` with NOT_FOUND in errors', async (client, subject, kind) => {
    const result = await system.graphql(client, '{ me { id } }', {}, { token: await system.token(client, subject) });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ me: null });
    expect(result.errors).toEqual([
      { message: `No ${kind} "${subject}" exists: the token's subject (sub) is not a known ${kind}.`, path: ['me'], extensions: { code: 'NOT_FOUND' } },
    ]);
    expect(result.extensions?.valueCompletion).toBeUndefined();

    const known = await system.graphql(client, '{ me { id } }');
    expect(known.errors).toBeUndefined();
    expect(known.data).toEqual({ me: { id: expect.stringMatching(/^[rd]-0001$/) } });
  });

  it('the /demo/ proxy keeps the method: a DELETE is not answered as a GET', async () => {
    const deleted = await fetch(`${system.url}/demo/faults`, { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    const put = await fetch(`${system.url}/demo/faults/pricing`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"mode":"ok"}' });
    expect(put.status).toBe(200);
    const faults = await waitFor(async () => {
      const response = await fetch(`${system.url}/demo/faults`);
      return response.status === 200 ? ((await response.json()) as Record<string, { mode: string }>) : undefined;
    });
    expect(faults.pricing?.mode).toBe('ok');
  });

  it('the playground has a favicon, served by the gateway itself', async () => {
    for (const path of ['/favicon.ico', '/playground/assets/favicon.svg']) {
      const icon = await fetch(`${system.url}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg /);
    }
    const page = await (await fetch(`${system.url}/passenger/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('href="/playground/assets/favicon.svg"');
  });
});
