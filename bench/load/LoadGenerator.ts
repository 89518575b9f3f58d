import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../processes/BenchProcess.ts';
import type { LoadJob, LoadResult } from './LoadJob.ts';

const workerEntry = fileURLToPath(new URL('./loadWorker.ts', import.meta.url));

/** autocannon in its own process, one job at a time. */
export class LoadGenerator {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = fork(workerEntry, [], { cwd: packageRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  /** The generator's pid (its CPU is not the systems'). */
  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Runs one job and resolves with what it measured. */
  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error('the load generator exited'));
      this.#child.once('exit', onExit);
      this.#child.once('message', (message: { ok: true; result: LoadResult } | { ok: false; message: string }) => {
        this.#child.off('exit', onExit);
        if (message.ok) resolve(message.result);
        else reject(new Error(`load generator: ${message.message}`));
      });
      this.#child.send(job);
    });
  }

  stop(): void {
    this.#child.kill('SIGTERM');
  }
}
