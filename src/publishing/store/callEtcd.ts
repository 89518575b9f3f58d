import { describeError } from '../../errors/index.ts';
import { raceTimeout } from '../../resilience/index.ts';
import { StoreUnavailable } from './storeErrors.ts';

/**
 * Runs one etcd call within `timeoutMs` (ms); its failure, or no answer in time, becomes
 * {@link StoreUnavailable} naming `what` (etcd's "request is too large" with the way out).
 * Shared by the etcd stores (schemas, app versions).
 */
export async function callEtcd<T>(what: string, run: () => Promise<T>, timeoutMs: number): Promise<T> {
  const outcome = await raceTimeout(() => run(), timeoutMs);
  switch (outcome.kind) {
    case 'value':
      return outcome.value;
    case 'error': {
      const message = describeError(outcome.error);
      if (/request is too large/i.test(message)) {
        throw new StoreUnavailable(`etcd refused to ${what} as too large (${message}); raise its --max-request-bytes or lower the store's size limit.`, { cause: outcome.error });
      }
      throw new StoreUnavailable(`etcd failed to ${what}: ${message}.`, { cause: outcome.error });
    }
    case 'timeout':
    case 'aborted':
      throw new StoreUnavailable(`etcd did not answer (${what}) within ${timeoutMs} ms.`);
  }
}
