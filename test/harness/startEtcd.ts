import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real etcd (Debian's `etcd-server`, `/usr/bin/etcd`) on free loopback ports, for tests. */
export interface RunningEtcd {
  /** `http://127.0.0.1:<client port>`. */
  readonly endpoint: string;
  readonly pid: () => number | undefined;
  /** Kills it (SIGKILL by default) and waits for the exit; the data directory stays. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same ports and data directory, and waits until it is healthy. */
  restart(): Promise<void>;
  /** Kills it and removes its data directory. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts etcd with its data in a fresh temporary directory; resolves once `/health` answers. */
export async function startEtcd(): Promise<RunningEtcd> {
  const dataDir = mkdtempSync(join(tmpdir(), 'etcd-test-'));
  const clientPort = await freePort();
  const peerPort = await freePort();
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async (): Promise<void> => {
    output = '';
    const started = spawn(
      process.env['ETCD_BIN'] ?? 'etcd',
      [
        '--name', 'default',
        '--data-dir', dataDir,
        '--listen-client-urls', endpoint,
        '--advertise-client-urls', endpoint,
        '--listen-peer-urls', peer,
        '--initial-advertise-peer-urls', peer,
        '--initial-cluster', `default=${peer}`,
        '--log-level', 'error',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    const until = Date.now() + 20_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`etcd exited (${started.exitCode}):\n${output}`);
      try {
        const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(500) });
        const body = (await response.json()) as { health?: string };
        if (body.health === 'true') return;
      } catch {
        // Not up yet.
      }
      if (Date.now() > until) throw new Error(`etcd not healthy within 20 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };

  await launch();
  return {
    endpoint,
    pid: () => child?.pid,
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
