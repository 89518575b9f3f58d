import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { writeKey } from '../ipc/DemoWrite.ts';

/**
 * The writes each service has seen, replayed to its instances started later. A write replaces an
 * earlier one with the same key (a driver's older positions), so the log stays bounded; the rest
 * keep their arrival order.
 */
export class WriteLog {
  readonly #byService = new Map<string, Map<string, DemoWrite>>();

  /** Records a write of `service`. */
  append(service: string, write: DemoWrite): void {
    let log = this.#byService.get(service);
    if (log === undefined) {
      log = new Map();
      this.#byService.set(service, log);
    }
    const key = writeKey(write);
    // Delete first so the replacement moves to the end, after whatever it depended on.
    log.delete(key);
    log.set(key, write);
  }

  /** Every write of `service`, oldest first. */
  entries(service: string): DemoWrite[] {
    return [...(this.#byService.get(service)?.values() ?? [])];
  }
}
