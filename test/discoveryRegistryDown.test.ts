import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { gatewayView, startQueryStream } from './harness/queryStream.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const home = operation('passenger/PassengerHome');
const at = { lat: 38.7223, lng: -9.1393 };
const TOKEN = 'registry-down-test-token-0123456789';

interface FleetInstance {
  service: string;
  id: string;
  pid: number;
}

/** `npm run registry` as its own process on `port` (0: a free one); resolves with its port once it listens. */
async function startRegistry(port: number): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/registry/registryMain.ts'], {
    cwd: root,
    env: { ...process.env, REGISTRY_TOKEN: TOKEN, REGISTRY_PORT: String(port), REGISTRY_TTL_MS: '3000', REGISTRY_HEARTBEAT_MS: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const bound = await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`registry exited:\n${output}`);
    const match = /registry listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    return match ? Number(match[1]) : undefined;
  }, 20_000, 'the registry to listen');
  return { port: bound, process: child };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('registry down: the gateway routes on its last known view and catches up when the registry returns', () => {
  let registry: { port: number; process: ChildProcess };
  let system: RunningSystem;

  beforeAll(async () => {
    registry = await startRegistry(0);
    system = await startSystem({
      ...loadTolerantEnv,
      REGISTRY_URL: `http://127.0.0.1:${registry.port}`,
      REGISTRY_TOKEN: TOKEN,
      FLEET_INSTANCES: 'drivers=3',
    });
  });
  afterAll(async () => {
    await system?.stop();
    if (registry) await kill(registry.process);
  });

  it('keeps answering while the registry process is gone, stays ready, and picks up what changed meanwhile', async () => {
    // Ready means one instance per service; the remote view catches up with the others within a poll (1 s).
    const before = await waitFor(async () => {
      const view = await gatewayView(system);
      return view.services['drivers']?.instances.length === 3 ? view : undefined;
    }, 5_000, 'three drivers in the view');
    expect(before.registry).toMatchObject({ kind: 'remote', reachable: true });
    expect(before.services['drivers']?.instances).toEqual(['drivers-1', 'drivers-2', 'drivers-3']);
    const stream = startQueryStream(() => system.graphql('passenger', home, at), 4);

    await kill(registry.process);
    const down = await waitFor(async () => {
      const view = await gatewayView(system);
      return view.registry.reachable ? undefined : view;
    }, 5_000, 'the gateway to notice the registry is gone');
    expect(down.status).toBe(200);
    expect(down.services['drivers']?.instances).toEqual(['drivers-1', 'drivers-2', 'drivers-3']);

    // Meanwhile the fleet changes: drivers-1 crashes, and a fourth instance starts (it registers once it can).
    const instances = (await system.control('GET', '/instances')) as FleetInstance[];
    const victim = instances.find((item) => item.id === 'drivers-1') as FleetInstance;
    process.kill(victim.pid, 'SIGKILL');
    const added = system.control('POST', '/instances/drivers') as Promise<FleetInstance>;
    const doneWhileDown = stream.done();
    await waitFor(() => (stream.done() >= doneWhileDown + 40 ? true : undefined), 20_000, '40 queries while the registry is down');
    expect((await gatewayView(system)).registry.reachable).toBe(false);
    expect(system.output()).toMatch(/discovery: registry unreachable .*routing on the last known \d+ instances/);

    registry = await startRegistry(registry.port);
    const newcomer = await added;
    const caughtUpAfter = Date.now();
    const after = await waitFor(async () => {
      const view = await gatewayView(system);
      const drivers = view.services['drivers']?.instances ?? [];
      // The restarted registry starts empty: the survivors are back at their next heartbeat (a 404 makes them register again).
      const expected = ['drivers-2', 'drivers-3', newcomer.id];
      return view.registry.reachable && !drivers.includes('drivers-1') && expected.every((id) => drivers.includes(id)) ? view : undefined;
    }, 15_000, 'the view to show the changes');
    const { done, failures } = await stream.stop();
    console.log(
      `[discovery] registry down: ${done} queries, ${failures.length} failed; after the restart the view was ` +
        `${JSON.stringify(after.services['drivers']?.instances)} within ${Date.now() - caughtUpAfter} ms of ${newcomer.id} registering`,
    );
    expect(failures).toEqual([]);
    expect(after.services['drivers']?.instances).toEqual(['drivers-2', 'drivers-3', newcomer.id].sort());
    expect(system.output()).toMatch(/discovery: registry reachable/);
  });
});
