import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FleetInstance } from '../ipc/fleetMessages.ts';
import { sendJson } from '../../http/sendJson.ts';
import { createControlHandler } from './createControlHandler.ts';
import { Fleet } from './Fleet.ts';
import type { FleetOptions } from './Fleet.ts';

/** The supervisor's configuration (parsed from env by `fleet.ts`). */
export interface SupervisorOptions extends FleetOptions {
  /** Fault control port; 0 picks a free one. */
  controlPort: number;
}

/** Where a started supervisor can be reached. */
export interface SupervisorAddress {
  controlPort: number;
  controlUrl: string;
  instances: FleetInstance[];
}

/**
 * The fleet plus its fault control server. `stop()` may be called at any time, also while
 * `start()` is still waiting for instances.
 */
export class Supervisor {
  readonly #options: SupervisorOptions;
  readonly #fleet: Fleet;
  #server: Server | undefined;
  #stopped: Promise<void> | undefined;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#fleet = new Fleet(options);
  }

  /**
   * Listens on the control port first (a port in use fails before any process is forked), then
   * starts every instance; control calls answer 503 until then. On failure everything is stopped.
   */
  async start(): Promise<SupervisorAddress> {
    let ready = false;
    const handle = createControlHandler(this.#fleet);
    const server = createServer((req, res) => {
      if (ready) handle(req, res);
      else sendJson(res, 503, { error: { code: 'STARTING', message: 'the fleet is still starting' } });
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.controlPort, this.#options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    try {
      await this.#fleet.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (this.#stopped !== undefined) throw new Error('supervisor stopped while starting');
    ready = true;
    const controlPort = (server.address() as AddressInfo).port;
    return { controlPort, controlUrl: `http://${this.#options.advertiseHost}:${controlPort}`, instances: this.#fleet.instances() };
  }

  /** Closes the control server and stops every instance (SIGTERM, SIGKILL after 3 s). */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      const server = this.#server;
      if (server?.listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      await this.#fleet.stop();
    })();
    return this.#stopped;
  }
}
