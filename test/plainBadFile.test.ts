/**
 * Plain mode refuses to start on a supergraph file it cannot serve, saying which file and why:
 * `npm start` exits non-zero with one line; in-process, `startPlainGateway` rejects with a
 * SupergraphFileError and leaves nothing listening.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { SupergraphFileError } from '../src/federation/index.ts';
import { startPlainGateway } from '../src/startPlainGateway.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plain-bad-'));

/** Writes `text` to a new file of the test's directory; its path. */
function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const supergraph = (() => {
  const sdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { hello: String }\ntype Thing @key(fields: "id") { id: ID! }';
  const composed = composeServices([{ name: 'hello', typeDefs: parse(sdl), url: 'http://127.0.0.1:9/graphql' }]);
  if (!composed.supergraphSdl) throw new Error(String(composed.errors));
  return composed.supergraphSdl;
})();

async function refusal(file: string): Promise<SupergraphFileError> {
  const config = loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', SUPERGRAPH_FILE: file });
  const error = await startPlainGateway(config, config.plain!).then(
    async (gateway) => {
      await gateway.stop();
      throw new Error(`started on ${file}`);
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SupergraphFileError);
  return error as SupergraphFileError;
}

describe('a supergraph file plain mode cannot serve', () => {
  it('is refused in-process with the file and the reason', async () => {
    const cases: [string, string, RegExp][] = [
      ['empty.graphql', '', /: it is empty$/],
      ['subgraph.graphql', 'type Query { hello: String }', /: it is not a supergraph: its schema does not @link the join spec/],
      ['no-url.graphql', supergraph.replace(/, url: "[^"]*"/, ''), /: subgraph "hello" \(join__Graph.HELLO\) has no URL/],
      ['corrupt.graphql', supergraph.replace('key: "id"', 'key: "nope"'), /: @apollo\/gateway cannot load it: .*Cannot query field "nope" on type "Thing"/],
    ];
    for (const [name, text, reason] of cases) {
      const file = fileWith(name, text);
      const error = await refusal(file);
      expect(error.file).toBe(file);
      expect(error.message).toMatch(new RegExp(`^Supergraph file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(error.message, name).toMatch(reason);
    }
    const missing = join(dir, 'missing.graphql');
    expect((await refusal(missing)).problem).toBe('it cannot be read (ENOENT: no such file)');
  });

  it('ends `npm start` with exit code 1 and one line naming the file and the problem', async () => {
    const file = fileWith('npm-start-empty.graphql', '\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', PORT: '0', SUPERGRAPH_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output.trim()).toBe(`Supergraph file ${file}: it is empty. Nothing is served (SUPERGRAPH_FILE names the supergraph to serve).`);
  }, 60_000);
});
