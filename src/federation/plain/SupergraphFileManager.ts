import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { readSupergraphFile, type LoadedSupergraph, type ReadSupergraphOptions } from './readSupergraphFile.ts';
import { formatSubgraphLocation } from './SubgraphLocation.ts';
import { SupergraphFileError } from './SupergraphFileError.ts';
import { watchFile } from './watchFile.ts';

/** Options of {@link SupergraphFileManager}. */
export interface SupergraphFileManagerOptions extends ReadSupergraphOptions {
  /** Poll interval besides `fs.watch`, ms. */
  readonly pollIntervalMs: number;
  /** Quiet time after a change before the file is read, ms. */
  readonly debounceMs: number;
  /** Where swaps and refusals are reported (default `console.warn`). */
  readonly log?: (line: string) => void;
  /** Clock, ms since the epoch (tests). */
  readonly now?: () => number;
}

/** The last swap, for `/readyz`. */
interface Reload {
  /** When the new version was served, ms since the epoch. */
  readonly servedAt: number;
  /** From the file's modification to the new version served, ms. */
  readonly servedAfterMs: number;
}

/** The last refusal, for `/readyz`. */
interface Refusal {
  readonly at: number;
  readonly reason: string;
}

/**
 * `@apollo/gateway`'s supergraph manager for plain mode: serves the supergraph file it was started
 * with, watches the file, and hands each valid new version to the gateway without a restart
 * (requests in flight finish on the plan they have). A version that cannot be read, is not a
 * supergraph, names a subgraph without a URL or that the gateway refuses is logged with the reason
 * and the last good one keeps serving. Each swap logs the time from the file's change to served.
 */
export class SupergraphFileManager implements SupergraphManager {
  readonly #options: SupergraphFileManagerOptions;
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  #current: LoadedSupergraph;
  #lastReload: Reload | undefined;
  #lastRefusal: Refusal | undefined;
  /** The text (or read error) last refused, so one broken version is logged once however often it is seen. */
  #refusedText: string | undefined;

  /** Starts from `initial`, already read and checked at start-up ({@link readSupergraphFile}). */
  constructor(initial: LoadedSupergraph, options: SupergraphFileManagerOptions) {
    this.#current = initial;
    this.#options = options;
    this.#log = options.log ?? ((line) => console.warn(line));
    this.#now = options.now ?? Date.now;
  }

  /** The version being served (or, while the gateway swaps, the one it swaps to). */
  get current(): LoadedSupergraph {
    return this.#current;
  }

  /** The file, its subgraphs, and the last swap and refusal, for `/readyz`. */
  details(): Record<string, unknown> {
    const current = this.#current;
    return {
      file: current.file,
      modifiedAt: new Date(current.modifiedAt).toISOString(),
      subgraphs: Object.fromEntries([...current.subgraphs].map(([name, location]) => [name, formatSubgraphLocation(location)])),
      ...(this.#lastReload ? { lastReload: { servedAt: new Date(this.#lastReload.servedAt).toISOString(), servedAfterMs: this.#lastReload.servedAfterMs } } : {}),
      ...(this.#lastRefusal ? { lastRefusal: { at: new Date(this.#lastRefusal.at).toISOString(), reason: this.#lastRefusal.reason } } : {}),
    };
  }

  /** Called once by the gateway as it loads: the first version, and the watch (stopped by the cleanup when the gateway stops). */
  async initialize({ update }: { update: SupergraphSdlUpdateFunction }): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    const stop = watchFile(this.#current.file, {
      pollIntervalMs: this.#options.pollIntervalMs,
      debounceMs: this.#options.debounceMs,
      onChange: () => this.#reload(update),
    });
    return { supergraphSdl: this.#current.sdl, cleanup: async () => stop() };
  }

  /** Reads the file again; swaps in a valid new version, refuses anything else (the old one keeps serving). */
  #reload(update: SupergraphSdlUpdateFunction): void {
    let next: LoadedSupergraph;
    try {
      next = readSupergraphFile(this.#current.file, this.#options);
    } catch (error) {
      if (!(error instanceof SupergraphFileError)) throw error;
      this.#refuse(error.problem, error.problem);
      return;
    }
    // Touched, or written back as it was: nothing to swap.
    if (next.sdl === this.#current.sdl) return;
    const previous = this.#current;
    // Set first: the gateway builds the new version's data sources (and tells its listeners) inside update().
    this.#current = next;
    try {
      update(next.sdl);
    } catch (error) {
      this.#current = previous;
      this.#refuse(SupergraphFileError.gatewayProblem(error), next.sdl);
      return;
    }
    const servedAt = this.#now();
    const servedAfterMs = Math.max(0, Math.round(servedAt - next.modifiedAt));
    this.#lastReload = { servedAt, servedAfterMs };
    this.#refusedText = undefined;
    this.#log(`supergraph: serving the new version of ${next.file} (${next.subgraphs.size} subgraphs), ${servedAfterMs} ms after the file changed.`);
  }

  /** Records a refusal; logs it unless `key` (the refused text, or the read error) was the last one logged. */
  #refuse(reason: string, key: string): void {
    this.#lastRefusal = { at: this.#now(), reason };
    if (key === this.#refusedText) return;
    this.#refusedText = key;
    this.#log(`supergraph: refused the new version of ${this.#current.file}: ${reason}; still serving the version of ${new Date(this.#current.modifiedAt).toISOString()}.`);
  }
}
