import { describe, expect, it } from 'vitest';
import { startSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start lifecycle', () => {
  it('SIGTERM lets a request in flight finish, then stops every process it started', async () => {
    const system = await startSystem(loadTolerantEnv);
    const instances = (await system.control('GET', '/instances')) as { pid: number; service: string }[];
    expect(instances.length).toBeGreaterThanOrEqual(10);
    expect(instances.filter((instance) => instance.service === 'drivers')).toHaveLength(2);
    expect(instances.filter((instance) => instance.service === 'pricing')).toHaveLength(2);

    await system.control('PUT', '/faults/catalog', { mode: 'slow', latencyMs: 400 });
    const inFlight = system.graphql('web', '{ products { id } }', {}, { token: null });
    // The request is at the (slow) catalog when the signal arrives.
    await waitFor(async () => ((await system.stats()).catalog ?? 0) > 0 || undefined, 5_000, 'the catalog call');
    system.process.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();

    await system.stop();
    const gatewayPid = system.process.pid!;
    await waitFor(() => (instances.every((instance) => !alive(instance.pid)) && !alive(gatewayPid)) || undefined, 10_000, 'every process to exit');
    // Starts its own system in the test (up to 55 s on a busy machine), then stops it.
  }, 90_000);
});
