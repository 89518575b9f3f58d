import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientName } from '../../src/config/index.ts';
import { generousAdmissionEnv } from './generousAdmissionEnv.ts';
import { GiveUp, waitFor } from './waitFor.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A GraphQL response as the tests read it. */
export interface GraphQLResult<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; service?: string } }[];
  extensions?: Record<string, unknown>;
}

/** The gateway as `npm start` runs it (with the demo fleet), on free ports, and ways to talk to it. */
export interface RunningSystem {
  readonly url: string;
  readonly controlUrl: string;
  readonly process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  token(client: ClientName, subject?: string): Promise<string>;
  graphql<TData = Record<string, unknown>>(
    client: ClientName,
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<GraphQLResult<TData>>;
  /** The fleet's fault control API. */
  control(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown>;
  /** Requests per service since the last reset. */
  stats(): Promise<Record<string, number>>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}


/**
 * Starts `src/main.ts` as its own process (PORT=0, DEMO_CONTROL_PORT=0) and waits until /readyz says
 * ready. Admission and rate limits are {@link generousAdmissionEnv} and demo rides do not move on
 * (DEMO_RIDE_STEP_MS 600000) unless `env` sets them; a
 * variable set to `undefined` is left out (the gateway's default).
 */
export async function startSystem(env: Record<string, string | undefined> = {}): Promise<RunningSystem> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // A data directory of its own (published schemas, the local snapshot), unless the test shares one.
    // Accepted demo rides stay ACCEPTED (a 10-minute step) unless the test sets DEMO_RIDE_STEP_MS: tests about something else must not race a ride's timer.
    env: { ...process.env, PORT: '0', DEMO_CONTROL_PORT: '0', NODE_ENV: 'development', DATA_DIR: mkdtempSync(join(tmpdir(), 'ride-bff-data-')), DEMO_RIDE_STEP_MS: '600000', ...generousAdmissionEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // One budget for the three waits, within vitest's 60 s hookTimeout: on a loaded machine the
  // gateway may take most of it to listen, the fleet most of it to register.
  const startBy = Date.now() + 55_000;
  const left = (): number => Math.max(1_000, startBy - Date.now());
  const url = await waitFor(() => {
    if (child.exitCode !== null) throw new GiveUp(`gateway exited early:\n${output}`);
    return /Gateway listening on (http:\/\/\S+)/.exec(output)?.[1];
  }, left(), 'the gateway to listen (printed once ready, after the fleet)');
  // DEMO_FLEET=false: a gateway alone (e.g. a second replica over a shared registry); no fault control.
  const controlUrl =
    env.DEMO_FLEET === 'false'
      ? ''
      : await waitFor(() => {
          if (child.exitCode !== null) throw new GiveUp(`gateway exited early:\n${output}`);
          return /Demo fleet fault control on (http:\/\/\S+)/.exec(output)?.[1];
        }, left(), 'the demo fleet');
  await waitFor(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), left(), 'readiness');

  const control = async (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${controlUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const tokens = new Map<string, string>();
  const token = async (client: ClientName, subject?: string): Promise<string> => {
    const key = `${client}:${subject ?? ''}`;
    const known = tokens.get(key);
    if (known) return known;
    const { issueToken, demoUserIds } = await import('../../src/auth/index.ts');
    const { demoSecrets } = await import('../../src/config/index.ts');
    const minted = await issueToken(env.JWT_SECRET ?? demoSecrets.jwtSecret, { client, subject: subject ?? demoUserIds[client], issuer: 'ride-bff' });
    tokens.set(key, minted);
    return minted;
  };
  return {
    url,
    controlUrl,
    process: child,
    output: () => output,
    token,
    async graphql(client, query, variables, options = {}) {
      const bearer = options.token === undefined ? await token(client) : options.token;
      const response = await fetch(`${url}/${client}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResult, 'status'>;
      return { status: response.status, ...body } as GraphQLResult<never>;
    },
    control,
    async stats() {
      const stats = (await control('GET', '/stats')) as { services: Record<string, { requests: number }> };
      return Object.fromEntries(Object.entries(stats.services).map(([name, entry]) => [name, entry.requests]));
    },
    async resetStats() {
      await control('POST', '/stats/reset');
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
