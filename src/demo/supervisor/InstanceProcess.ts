import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Protocol } from '../../registry/types.ts';
import type { FaultState } from '../faults/FaultState.ts';
import { HEALTHY } from '../faults/FaultState.ts';
import type { ServiceName } from '../fleetServices.ts';
import type { FleetInstance } from '../ipc/fleetMessages.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import type { InstanceMessage, SupervisorMessage, SupervisorRequest } from '../ipc/instanceMessages.ts';
import { isTyped } from '../ipc/instanceMessages.ts';

/** How to fork one instance. */
export interface InstanceProcessOptions {
  service: ServiceName;
  id: string;
  /** Absolute path of `instanceMain.ts`. */
  entry: string;
  execArgv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The write log to replay, read when the instance asks for it. */
  replay: () => DemoWrite[];
  /** A write the instance applied. */
  onWrite: (write: DemoWrite) => void;
  /** The process ended; `expected` when `stop()` asked it to. */
  onExit: (code: number | null, signal: NodeJS.Signals | null, expected: boolean) => void;
}

/** The instance's lifecycle, as the supervisor sees it. */
export type InstancePhase = 'forked' | 'replayed' | 'ready' | 'stopping' | 'exited';

/** How long an instance may take to start, and to answer one request, in milliseconds. */
const READY_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 5_000;
/** Between SIGTERM and SIGKILL, in milliseconds. */
const KILL_AFTER_MS = 3_000;

interface Pending {
  resolve: (requests: number) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One forked instance: its start handshake (booting → replay → ready), request/response over IPC
 * with correlation ids, relayed writes, and a bounded stop (SIGTERM, then SIGKILL).
 */
export class InstanceProcess {
  readonly service: ServiceName;
  readonly id: string;
  readonly protocol: Protocol;
  /** The fault last applied, as the supervisor reports it. */
  fault: FaultState = HEALTHY;
  /** Requests counted when last asked (kept after the process exits). */
  lastRequests = 0;
  #phase: InstancePhase = 'forked';
  #address = '';
  readonly #child: ChildProcess;
  readonly #options: InstanceProcessOptions;
  readonly #pending = new Map<number, Pending>();
  readonly #exited: Promise<void>;
  #nextRequestId = 1;
  readonly #readyPromise: Promise<void>;
  #ready: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(options: InstanceProcessOptions, protocol: Protocol) {
    this.service = options.service;
    this.id = options.id;
    this.protocol = protocol;
    this.#options = options;
    this.#readyPromise = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`instance ${this.id} not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      const settle = (): void => {
        clearTimeout(timer);
        this.#ready = undefined;
      };
      this.#ready = {
        resolve: () => {
          settle();
          resolve();
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
    });
    // Nobody may be waiting when an instance dies later; that is reported through onExit.
    this.#readyPromise.catch(() => {});
    this.#child = fork(options.entry, [], {
      cwd: options.cwd,
      env: options.env,
      execArgv: options.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: unknown) => {
      if (isTyped(message)) this.#onMessage(message as InstanceMessage);
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        const expected = this.#phase === 'stopping';
        this.#phase = 'exited';
        const error = new Error(`instance ${this.id} exited (${signal ?? `code ${code}`})`);
        this.#ready?.reject(error);
        for (const pending of this.#pending.values()) {
          clearTimeout(pending.timer);
          pending.reject(error);
        }
        this.#pending.clear();
        options.onExit(code, signal, expected);
        resolve();
      });
    });
    // Errors (e.g. sending to a dying child) surface through 'exit'; do not crash the supervisor.
    this.#child.on('error', () => {});
  }

  /** Where it is in its life. */
  get phase(): InstancePhase {
    return this.#phase;
  }

  /** What `GET /instances` shows. */
  info(): FleetInstance {
    return { service: this.service, id: this.id, pid: this.#child.pid ?? -1, protocol: this.protocol, address: this.#address };
  }

  /** Resolves once the instance listens (and registered); rejects if it fails, exits or times out. */
  ready(): Promise<void> {
    return this.#readyPromise;
  }

  /** Relays another instance's write; writes before the replay are covered by the replay itself. */
  relay(write: DemoWrite): void {
    if (this.#phase === 'replayed' || this.#phase === 'ready') this.#send({ type: 'write', write });
  }

  /** Sends a request and resolves with the instance's request count after it. */
  request(request: SupervisorRequest): Promise<number> {
    if (this.#phase !== 'ready') return Promise.reject(new Error(`instance ${this.id} is ${this.#phase}`));
    const requestId = this.#nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(new Error(`instance ${this.id} did not answer ${request.type} within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(requestId, { resolve, reject, timer });
      this.#send({ ...request, requestId });
    });
  }

  /** SIGTERM, then SIGKILL after 3 s; resolves when the process is gone. */
  async stop(): Promise<void> {
    if (this.#phase === 'exited') return;
    this.#phase = 'stopping';
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), KILL_AFTER_MS);
    await this.#exited;
    clearTimeout(timer);
  }

  #onMessage(message: InstanceMessage): void {
    switch (message.type) {
      case 'booting':
        // Replay and any later relay travel the same ordered channel, so nothing is missed.
        this.#send({ type: 'replay', writes: this.#options.replay() });
        if (this.#phase === 'forked') this.#phase = 'replayed';
        break;
      case 'ready':
        this.#address = message.address;
        if (this.#phase === 'replayed' || this.#phase === 'forked') this.#phase = 'ready';
        this.#ready?.resolve();
        break;
      case 'failed':
        this.#ready?.reject(new Error(`instance ${this.id} failed to start: ${message.message}`));
        break;
      case 'write':
        this.#options.onWrite(message.write);
        break;
      case 'reply': {
        const pending = this.#pending.get(message.requestId);
        if (pending === undefined) return;
        this.#pending.delete(message.requestId);
        clearTimeout(pending.timer);
        this.lastRequests = message.requests;
        if (message.error !== undefined) pending.reject(new Error(`instance ${this.id}: ${message.error}`));
        else pending.resolve(message.requests);
        break;
      }
    }
  }

  #send(message: SupervisorMessage): void {
    if (this.#child.connected) this.#child.send(message);
  }
}
