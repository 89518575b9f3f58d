/**
 * A request that stalls (headers or body) is answered 408 and its connection closed once
 * BODY_TIMEOUT_MS passes (1 s here), and the gateway keeps serving. The real gateway (its HTTP
 * server and handler), in this process, without the demo fleet: nothing here calls a service.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';

const BODY_TIMEOUT_MS = 1_000;
/** Node checks for expired requests every 250 ms here; the rest is slack for two busy cores. */
const MARGIN_MS = 4_000;

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway(
    loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DEMO_FLEET: 'false', BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS), ...generousAdmissionEnv }),
    // No service ever registers here, so the gateway never becomes ready: `{ __typename }` needs none.
    { serveBeforeReady: true },
  );
}, 60_000);
afterAll(() => gateway?.stop());

/** What a raw client got back, and after how long the gateway closed its connection, ms. */
interface RawExchange {
  readonly text: string;
  readonly closedAfterMs: number;
}

/** Writes `parts` on a raw TCP connection, `pauseMs` apart, and waits until the gateway closes it (or `giveUpMs`). */
function exchange(parts: readonly string[], pauseMs: number, giveUpMs = BODY_TIMEOUT_MS + MARGIN_MS + 5_000): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(gateway.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let started = 0;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the gateway kept the connection open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closedAfterMs: performance.now() - started });
    });
    socket.once('connect', async () => {
      started = performance.now();
      for (const [index, part] of parts.entries()) {
        if (index > 0) await new Promise((resume) => setTimeout(resume, pauseMs));
        if (!socket.destroyed) socket.write(part);
      }
    });
  });
}

const body = JSON.stringify({ query: '{ __typename }' });
const head = (length: number) =>
  `POST /web/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

describe('stalled requests', () => {
  it('a body that stops half way gets 408 and a closed connection after BODY_TIMEOUT_MS', async () => {
    const stalled = await exchange([head(body.length) + body.slice(0, body.length / 2)], 0);
    expect(stalled.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(stalled.closedAfterMs).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 100);
    expect(stalled.closedAfterMs).toBeLessThan(BODY_TIMEOUT_MS + MARGIN_MS);
  });

  it('headers that never end get 408 too', async () => {
    const stalled = await exchange(['POST /web/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n'], 0);
    expect(stalled.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(stalled.closedAfterMs).toBeLessThan(BODY_TIMEOUT_MS + MARGIN_MS);
  });

  it('a body that pauses but arrives in time is served, and the gateway keeps serving after stalls', async () => {
    const [slow] = await Promise.all([
      exchange([head(body.length) + body.slice(0, 5), body.slice(5)], 300),
      exchange([head(body.length)], 0),
    ]);
    expect(slow.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(slow.text).toContain('"__typename":"Query"');

    const response = await fetch(`${gateway.url}/web/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
