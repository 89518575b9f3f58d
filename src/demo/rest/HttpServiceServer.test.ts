import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultGate } from '../faults/FaultGate.ts';
import { RequestCounter } from '../faults/RequestCounter.ts';
import { applyFault } from '../instance/applyFault.ts';
import { createSeed } from '../seed/createSeed.ts';
import { waitFor } from '../../../test/harness/waitFor.ts';
import { HttpServiceServer } from './HttpServiceServer.ts';
import { createRidersService } from './ridersService.ts';

const gate = new FaultGate();
const counter = new RequestCounter();
const server = new HttpServiceServer({ host: '127.0.0.1', service: createRidersService(createSeed().riders), gate, counter });
let base = '';

const riders = (): Promise<Response> => fetch(`${base}/riders?ids=r-0001`);

beforeAll(async () => {
  base = `http://127.0.0.1:${await server.start()}`;
});
afterAll(() => server.stop(0));

describe('HTTP instance faults', () => {
  it('down: refuses connections (not counted); ok: serves again on the same port', async () => {
    const port = server.port;
    expect((await riders()).status).toBe(200);
    await applyFault(server, gate, { mode: 'down' });
    const before = counter.value;
    await expect(riders()).rejects.toThrow();
    expect(counter.value).toBe(before);
    await applyFault(server, gate, { mode: 'ok' });
    expect(server.port).toBe(port);
    expect((await riders()).status).toBe(200);
  });

  it('down: resets a call in flight', async () => {
    await applyFault(server, gate, { mode: 'slow', latencyMs: 5_000 });
    const inFlight = riders();
    // Wait until the call reached the server, then crash it.
    const counted = counter.value;
    await waitFor(() => (counter.value > counted ? true : undefined));
    await applyFault(server, gate, { mode: 'down' });
    await expect(inFlight).rejects.toThrow();
    await applyFault(server, gate, { mode: 'ok' });
  });

  it('error: HTTP 500 with a JSON error, counted; /healthz fails too', async () => {
    await applyFault(server, gate, { mode: 'error' });
    const before = counter.value;
    const response = await riders();
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'INTERNAL' } });
    expect((await fetch(`${base}/healthz`)).status).toBe(500);
    expect(counter.value).toBe(before + 1);
    await applyFault(server, gate, { mode: 'ok' });
  });

  it('slow: adds latencyMs before answering', async () => {
    await applyFault(server, gate, { mode: 'slow', latencyMs: 150 });
    const start = performance.now();
    expect((await riders()).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    await applyFault(server, gate, { mode: 'ok' });
  });

  it('flaky: fails roughly `rate` of the calls', async () => {
    await applyFault(server, gate, { mode: 'flaky', rate: 0.3 });
    const statuses = await Promise.all(Array.from({ length: 300 }, async () => (await riders()).status));
    const failed = statuses.filter((s) => s === 503).length / statuses.length;
    expect(failed).toBeGreaterThan(0.18);
    expect(failed).toBeLessThan(0.42);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    await applyFault(server, gate, { mode: 'ok' });
  });
});
