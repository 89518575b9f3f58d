/**
 * Plain mode swaps its supergraph file live: a field added to the file (the subgraph already
 * serves it) is answered without a restart while 20 query loops run with no failure, and a broken
 * file is refused with its reason while the old graph keeps serving. The gateway runs in this
 * process over two subgraph servers on loopback ports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import type { RunningGateway } from '../src/server/index.ts';
import { startPlainGateway } from '../src/startPlainGateway.ts';
import { generousAdmissionEnv } from './harness/generousAdmissionEnv.ts';
import { startPlainSubgraphs, type PlainSubgraphs } from './harness/plainSubgraphs.ts';
import { startQueryStream } from './harness/queryStream.ts';
import type { GraphQLResult } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

let subgraphs: PlainSubgraphs;
let gateway: RunningGateway;
let file: string;

beforeAll(async () => {
  subgraphs = await startPlainSubgraphs();
  file = join(mkdtempSync(join(tmpdir(), 'plain-swap-')), 'supergraph.graphql');
  writeFileSync(file, subgraphs.compose({ withEmail: false }));
  const config = loadConfig({ ...generousAdmissionEnv, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', SUPERGRAPH_FILE: file, DEADLINE_MS: '5000' });
  gateway = await startPlainGateway(config, config.plain!);
  await gateway.whenReady();
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await subgraphs?.stop();
});

async function ask(query: string): Promise<GraphQLResult> {
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResult, 'status'>) };
}

/** What `/readyz` says of the supergraph being served. */
async function supergraphDetails(): Promise<{ lastReload?: { servedAfterMs: number }; lastRefusal?: { reason: string } }> {
  return ((await (await fetch(`${gateway.url}/readyz`)).json()) as { supergraph: never }).supergraph;
}

const steady = '{ users { id name signature reviews { id body } } }';
const withEmail = '{ users { id email } }';

describe('the supergraph file, edited while queries run', () => {
  it('serves a field added to the file without a restart, with no failed query', async () => {
    const missing = await ask(withEmail);
    expect(missing.status).toBe(400);
    expect(missing.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const stream = startQueryStream(() => ask(steady), 20);
    await waitFor(() => stream.done() >= 40, 20_000, 'the stream to run');
    writeFileSync(file, subgraphs.compose({ withEmail: true }));
    const served = await waitFor(async () => {
      const answer = await ask(withEmail);
      return answer.status === 200 ? answer : undefined;
    }, 20_000, 'the new field to be served');
    // Some more of the stream on the new version.
    const after = stream.done();
    await waitFor(() => stream.done() >= after + 40, 20_000, 'the stream to go on');
    const { done, failures } = await stream.stop();

    expect(served.errors).toBeUndefined();
    expect(served.data).toEqual({ users: [
      { id: 'u-1', email: 'ada@example.org' },
      { id: 'u-2', email: 'alan@example.org' },
      { id: 'u-3', email: 'grace@example.org' },
    ] });
    expect(failures).toEqual([]);
    expect(done).toBeGreaterThanOrEqual(80);
    expect((await supergraphDetails()).lastReload?.servedAfterMs).toEqual(expect.any(Number));
  });

  it('refuses a broken file with its reason and keeps serving the graph it has', async () => {
    const good = subgraphs.compose({ withEmail: true });
    const broken: Record<string, string> = {
      'it is empty': '',
      'it is not GraphQL SDL': 'schema { query: Query',
      'it is not a supergraph': 'type Query { hello: String }',
      'has no URL': good.replace(/(ACCOUNTS @join__graph\(name: "accounts"), url: "[^"]*"/, '$1'),
      '@apollo/gateway cannot load it': good.replace(/@join__type\(graph: ACCOUNTS, key: "id"\)/, '@join__type(graph: ACCOUNTS, key: "nope")'),
    };
    for (const [reason, text] of Object.entries(broken)) {
      writeFileSync(file, text);
      await waitFor(async () => (await supergraphDetails()).lastRefusal?.reason.includes(reason), 20_000, `the refusal: ${reason}`);
      const answer = await ask(withEmail);
      expect(answer.status, reason).toBe(200);
      expect(answer.errors, reason).toBeUndefined();
      expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    }
    // Put back, and the next version is served again.
    writeFileSync(file, subgraphs.compose({ withEmail: false }));
    await waitFor(async () => ((await ask(withEmail)).status === 400 ? true : undefined), 20_000, 'the field to be gone');
  });
});
