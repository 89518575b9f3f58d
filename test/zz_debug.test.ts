import { afterAll, beforeAll, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
let system: RunningSystem;
beforeAll(async () => { system = await startSystem({ DEADLINE_MS: '600', BREAKER_MIN_CALLS: '100000' }); });
afterAll(() => system?.stop());
it('debug', async () => {
  const send = () => system.graphql('passenger', operation('passenger/PassengerHome'), { lat: 38.7223, lng: -9.1393 });
  await send();
  for (const service of ['trips', 'drivers']) {
    await system.control('PUT', `/faults/${service}`, { mode: 'slow', latencyMs: 2000 });
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const r = await send();
      console.log(service, Math.round(performance.now() - t), JSON.stringify(r.errors?.map(e => [e.path, e.extensions?.code, e.message])), JSON.stringify(r.extensions), r.data && JSON.stringify(r.data).slice(0, 300));
    }
    await system.control('PUT', `/faults/${service}`, { mode: 'ok' });
  }
}, 60_000);
