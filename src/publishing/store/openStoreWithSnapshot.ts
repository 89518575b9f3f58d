import { describeError } from '../../errors/index.ts';
import { raceTimeout } from '../../resilience/index.ts';
import type { SchemaStore } from '../types.ts';
import type { LiveSet } from './LiveSetListeners.ts';
import type { LocalSnapshot } from './LocalSnapshot.ts';

/** Options of {@link openStoreWithSnapshot}. */
export interface OpenStoreWithSnapshotOptions {
  /** How long to wait for the store's live set before falling back to the snapshot, ms. */
  readonly timeoutMs: number;
}

/** Where a replica's first live set came from. */
export type StartingLiveSet =
  | { readonly source: 'store'; readonly fromSnapshot: false; readonly live: LiveSet }
  | {
      /** The store did not answer; this is what the replica served before it restarted. */
      readonly source: 'snapshot';
      readonly fromSnapshot: true;
      readonly live: LiveSet;
      /** When the snapshot was saved, ISO date-time. */
      readonly savedAt: string;
      /** Why the store was not used, one line (for the log and `/readyz`). */
      readonly storeError: string;
    }
  | {
      /** Neither answered: no snapshot was ever saved here, or it is damaged (`snapshotError`). */
      readonly source: 'none';
      readonly fromSnapshot: false;
      readonly live: LiveSet;
      readonly storeError: string;
      readonly snapshotError?: string;
    };

/**
 * The live set a replica starts on: the store's, if it answers within `timeoutMs`; else the
 * local snapshot of what this replica last served (never older schemas from the repository: a
 * published privacy fix must not be undone by a restart); else nothing (`source: 'none'`, an empty
 * set: the caller decides whether to serve the repository's schemas or to wait for the store).
 * Never rejects, never waits longer than `timeoutMs` for the store.
 *
 * Then follow the store: subscribe to `store.watch` right away. Its first call brings the store's
 * live set as soon as the store answers (at once when it already did; for etcd, after its
 * listing, retried with backoff while etcd is down), and the store always wins over the snapshot.
 * After each swap, `snapshot.save(served)` with what is actually served.
 */
export async function openStoreWithSnapshot(store: SchemaStore, snapshot: LocalSnapshot, options: OpenStoreWithSnapshotOptions): Promise<StartingLiveSet> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new RangeError(`openStoreWithSnapshot: timeoutMs must be a positive number of ms, got ${String(options.timeoutMs)}.`);
  }
  const outcome = await raceTimeout(() => store.live(), options.timeoutMs);
  if (outcome.kind === 'value') return { source: 'store', fromSnapshot: false, live: outcome.value };
  const storeError = outcome.kind === 'error' ? describeError(outcome.error) : `the schema store did not answer within ${options.timeoutMs} ms`;
  try {
    const saved = await snapshot.load();
    if (saved !== undefined) return { source: 'snapshot', fromSnapshot: true, live: saved.live, savedAt: saved.savedAt, storeError };
    return { source: 'none', fromSnapshot: false, live: new Map(), storeError };
  } catch (error) {
    return { source: 'none', fromSnapshot: false, live: new Map(), storeError, snapshotError: describeError(error) };
  }
}
