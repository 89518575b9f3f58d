/**
 * The store's own failures, besides {@link StoreConflict} (in `../types.ts`). Each is a class, so
 * callers tell them apart with `instanceof`; the admin API maps them to HTTP statuses.
 */

/** The store (etcd) did not answer in time or refused the connection: retry later (503). A publish that failed this way may still have been stored: read the history before retrying. */
export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/**
 * A stored version (or the local snapshot) does not read back whole: not JSON, not the shape of a
 * version, an SDL whose hash is not the recorded one, or a live pointer to a missing version.
 * Atomic writes make this impossible through the store; it means outside damage, and is never
 * papered over by serving an older version (that could undo a published privacy fix).
 */
export class StoreDamaged extends Error {
  /** The file or key that is damaged. */
  readonly where: string;
  constructor(where: string, reason: string) {
    super(`Stored schema data at ${where} is damaged: ${reason}.`);
    this.name = 'StoreDamaged';
    this.where = where;
  }
}

/** A version whose stored form would exceed the store's limit per value (etcd's request limit); refused before anything is written (413). */
export class VersionTooLarge extends Error {
  /** The stored form's size and the limit, bytes. */
  readonly bytes: number;
  readonly limitBytes: number;
  constructor(subgraph: string, bytes: number, limitBytes: number) {
    super(
      `${subgraph}: the version takes ${bytes} bytes once encoded (SDL and check summary, compressed), more than the store's limit of ${limitBytes} bytes per version; shrink the SDL.`,
    );
    this.name = 'VersionTooLarge';
    this.bytes = bytes;
    this.limitBytes = limitBytes;
  }
}
