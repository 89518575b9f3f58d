import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The package root: child processes run there so `--import tsx` and relative paths resolve. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every process the bench started, so that all of them stop when it exits, however it exits. */
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Options of {@link startBenchProcess}. */
export interface BenchProcessOptions {
  /** Short name for messages, e.g. `B:riders`. */
  readonly name: string;
  /** TypeScript entry, relative to the package root. */
  readonly entry: string;
  readonly args?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra Node flags (e.g. `--cpu-prof`), before `--import tsx`. */
  readonly nodeFlags?: readonly string[];
  /** The line that says it is ready; its first group is the URL. Default `listening on (http://…)`. */
  readonly ready?: RegExp;
  /** How long to wait for the ready line, in milliseconds. Default 60 000. */
  readonly timeoutMs?: number;
}

/** A process started by the bench, listening on `url`. */
export interface BenchProcess {
  readonly name: string;
  readonly pid: number;
  /** What the ready line named, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Everything it printed (stdout and stderr), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 000); resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

const defaultReady = /listening on (http:\/\/[^\s/]+)/i;

/**
 * Starts `node [nodeFlags] --import tsx <entry> [args]` (one OS process: not the `tsx` CLI, which
 * would put a second process between us and the one whose CPU we measure) and resolves once it
 * prints its ready line. Rejects with its output when it exits first or times out.
 */
export function startBenchProcess(options: BenchProcessOptions): Promise<BenchProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', options.entry, ...(options.args ?? [])], {
    cwd: packageRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      started.delete(child);
      resolve();
    }),
  );
  const ready = options.ready ?? defaultReady;
  return new Promise<BenchProcess>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not get ready in time'), options.timeoutMs ?? 60_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${options.name} ${why}:\n${output.slice(-4000)}`));
    };
    let isReady = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      if (isReady) return;
      const url = ready.exec(output)?.[1];
      if (url === undefined) return;
      isReady = true;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({
        name: options.name,
        pid: child.pid ?? -1,
        url,
        output: () => output,
        async stop(graceMs = 10_000) {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    const onEarlyExit = (code: number | null, signal: string | null): void => fail(`exited (${signal ?? `code ${code}`})`);
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onEarlyExit);
  });
}
