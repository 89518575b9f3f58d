import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';

/**
 * The supergraph of one client's `@apollo/gateway`, swapped whole when a published subgraph
 * changes it: `swap` hands the new SDL to the gateway, which plans new requests on it while those
 * in flight finish on the old one. The gateway refuses (throws) a supergraph it cannot load; the
 * old one then keeps serving.
 */
export class SwappableSupergraph implements SupergraphManager {
  #sdl: string;
  #update: SupergraphSdlUpdateFunction | undefined;

  constructor(initialSdl: string) {
    this.#sdl = initialSdl;
  }

  /** The supergraph SDL being served. */
  get sdl(): string {
    return this.#sdl;
  }

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.#update = update;
    return { supergraphSdl: this.#sdl, cleanup: async () => void (this.#update = undefined) };
  }

  /** Serves `sdl` from the next request on; throws (keeping the old one) when the gateway refuses it. */
  swap(sdl: string): void {
    if (!this.#update) throw new Error('The gateway has not loaded its supergraph yet.');
    if (sdl === this.#sdl) return;
    this.#update(sdl);
    this.#sdl = sdl;
  }
}
