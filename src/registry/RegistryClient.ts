import type { Lease, RegistrationRequest } from './types.ts';
import { JitteredBackoff } from '../resilience/JitteredBackoff.ts';
import { describeError } from '../errors/index.ts';
import { safeListener } from './safeListener.ts';

/** What a {@link RegistryClient} reports. */
export interface RegistryClientEvent {
  /**
   * `registered`: first lease obtained; `re-registered`: the lease had vanished (404) and a new one
   * was obtained; `heartbeat-failed`: a heartbeat, or a registration attempt (detail starts with
   * `register:`), failed and will be retried; `deregistered`: `stop()` removed the lease.
   */
  type: 'registered' | 're-registered' | 'heartbeat-failed' | 'deregistered';
  detail?: string;
}

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** Base URL of the registry, e.g. `http://127.0.0.1:4000` (a trailing `/registry/v1` is accepted). */
  registryUrl: string;
  /** Registration bearer token (`REGISTRY_TOKEN`). */
  token: string;
  /** What to register; the id the registry assigns is kept for later re-registrations. */
  registration: RegistrationRequest;
  /** Called on every lifecycle event; must not throw (errors are ignored). */
  onEvent?: (event: RegistryClientEvent) => void;
}

/** Timeout of one registration request, in milliseconds. */
const REQUEST_TIMEOUT_MS = 2_000;
/** Bound on the deregistration in `stop()`, in milliseconds. */
const STOP_TIMEOUT_MS = 1_000;
/** Registration retry backoff: first delay and cap, in milliseconds (×2 per attempt, ±20 % jitter). */
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 5_000;
/** The gateway's one jittered backoff (a dependency-free module), for registration retries. */
const registrationBackoff = new JitteredBackoff({ initialMs: BACKOFF_BASE_MS, maxMs: BACKOFF_MAX_MS });

/**
 * Keeps one service instance registered: registers (retrying with backoff, since the registry may
 * start after the service), heartbeats every `heartbeatIntervalMs`, registers again when the lease
 * is gone (404), and deregisters on `stop()`. Uses the global `fetch`; imports nothing else of
 * the gateway but the dependency-free `JitteredBackoff`, so services can use it alone.
 */
export class RegistryClient {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #registration: RegistrationRequest;
  readonly #onEvent: (event: RegistryClientEvent) => void;
  readonly #stopController = new AbortController();
  #lease: Lease | undefined;
  #started: Promise<Lease> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: RegistryClientOptions) {
    let url: URL;
    try {
      url = new URL(options.registryUrl);
    } catch {
      throw new TypeError(`RegistryClient: registryUrl must be an absolute URL, got ${JSON.stringify(options.registryUrl)}.`);
    }
    this.#baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/registry\/v1$/, '')}/registry/v1`;
    if (typeof options.token !== 'string' || options.token === '') {
      throw new TypeError('RegistryClient: token must be a non-empty string.');
    }
    this.#token = options.token;
    this.#registration = { ...options.registration };
    this.#onEvent = safeListener(options.onEvent);
  }

  /** The current lease, once registered. */
  get lease(): Lease | undefined {
    return this.#lease;
  }

  /**
   * Registers (retrying until it succeeds), then heartbeats. Resolves with the first lease; rejects
   * if `stop()` is called first, or at once if the registry refuses the registration itself
   * (400 bad registration, 401/403 wrong token). Calling it again returns the same promise.
   */
  start(): Promise<Lease> {
    this.#started ??= this.#registerUntilDone(true).then((lease) => {
      this.#onEvent({ type: 'registered', detail: lease.instanceId });
      this.#schedule(lease.heartbeatIntervalMs);
      return lease;
    });
    return this.#started;
  }

  /** Stops heartbeating and deregisters (best effort, bounded to ~1 s). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopController.abort();
    const lease = this.#lease;
    this.#lease = undefined;
    if (lease === undefined) return;
    try {
      const status = await this.#deleteLease(lease);
      this.#onEvent({ type: 'deregistered', detail: `status ${status}` });
    } catch (error) {
      this.#onEvent({ type: 'deregistered', detail: `best effort, failed: ${describeError(error)}` });
    }
  }

  /** Registers, retrying with backoff until success, `stop()`, or a refusal (400/401/403). */
  async #registerUntilDone(first: boolean): Promise<Lease> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.#stopped) throw new Error('RegistryClient stopped before registering.');
      try {
        const lease = await this.#register();
        if (this.#stopped) {
          // stop() ran while the request was in flight: do not leave this lease behind.
          this.#lease = undefined;
          await this.#deleteQuietly(lease);
          throw new Error('RegistryClient stopped before registering.');
        }
        return lease;
      } catch (error) {
        if (error instanceof RegistrationRefused && first) throw error;
        if (this.#stopped) throw new Error('RegistryClient stopped before registering.');
        this.#onEvent({ type: 'heartbeat-failed', detail: `register: ${describeError(error)}` });
      }
      await this.#sleep(Math.round(registrationBackoff.delayMs(attempt)));
    }
  }

  async #register(): Promise<Lease> {
    const response = await fetch(`${this.#baseUrl}/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json' },
      body: JSON.stringify(this.#registration),
      signal: AbortSignal.any([this.#stopController.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await response.text();
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new RegistrationRefused(`registry refused the registration (${response.status}): ${errorMessage(text)}`);
    }
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`registry answered ${response.status}: ${errorMessage(text)}`);
    }
    const lease = JSON.parse(text) as Lease;
    if (typeof lease.leaseId !== 'string' || typeof lease.heartbeatIntervalMs !== 'number') {
      throw new Error('registry answered an unexpected lease');
    }
    // Keep the identity stable across re-registrations.
    this.#registration.id = lease.instanceId;
    this.#lease = lease;
    return lease;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#beat(), Math.max(1, delayMs));
    this.#timer.unref();
  }

  async #beat(): Promise<void> {
    const lease = this.#lease;
    if (this.#stopped || lease === undefined) return;
    let interval = lease.heartbeatIntervalMs;
    try {
      const response = await fetch(`${this.#baseUrl}/leases/${encodeURIComponent(lease.leaseId)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${this.#token}` },
        signal: AbortSignal.any([
          this.#stopController.signal,
          AbortSignal.timeout(Math.min(REQUEST_TIMEOUT_MS, Math.max(100, interval))),
        ]),
      });
      const text = await response.text();
      if (response.status === 404) {
        const renewed = await this.#registerUntilDone(false);
        interval = renewed.heartbeatIntervalMs;
        this.#onEvent({ type: 're-registered', detail: renewed.instanceId });
      } else if (response.status !== 200) {
        this.#onEvent({ type: 'heartbeat-failed', detail: `registry answered ${response.status}: ${errorMessage(text)}` });
      }
    } catch (error) {
      if (this.#stopped) return;
      this.#onEvent({ type: 'heartbeat-failed', detail: describeError(error) });
    }
    this.#schedule(interval);
  }

  /** Deletes a lease at the registry (bounded by STOP_TIMEOUT_MS); the HTTP status. */
  async #deleteLease(lease: Lease): Promise<number> {
    const response = await fetch(`${this.#baseUrl}/leases/${encodeURIComponent(lease.leaseId)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${this.#token}` },
      signal: AbortSignal.timeout(STOP_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  }

  async #deleteQuietly(lease: Lease): Promise<void> {
    try {
      await this.#deleteLease(lease);
    } catch {
      // Best effort: the lease expires on its own.
    }
  }

  /** Sleeps `ms`, waking early (without error) when `stop()` is called. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.#stopController.signal;
      if (signal.aborted) return resolve();
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** The registry refused the registration itself; retrying the same request cannot help. */
class RegistrationRefused extends Error {
  override name = 'RegistrationRefused';
}


function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // Not JSON: fall through.
  }
  return text.slice(0, 200);
}

