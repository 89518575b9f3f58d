import type { LoaderSource } from './LoaderSource.ts';

/**
 * How each loader of a set `T` is made: from the request's source and the whole set (so a loader
 * can prime another, e.g. trips by rider primes trips by id). Each domain declares its own in
 * `src/subgraphs/<name>/loaders.ts`.
 */
export type LoaderFactories<T> = { readonly [K in keyof T]: (source: LoaderSource, loaders: T) => T[K] };

/** A request's loaders as the prototype sees them: the source and the loaders made so far, by slot. */
interface LoaderSlots {
  readonly source: LoaderSource;
  readonly made: unknown[];
}

/**
 * Turns factories into a per-request constructor whose loaders are made on first use and kept for
 * the request (one DataLoader per lookup per request). The getters are defined once, on a shared
 * prototype, so a request pays for one small object and for the loaders it uses only.
 */
export function defineLoaders<T extends object>(factories: LoaderFactories<T>): (source: LoaderSource) => T {
  const keys = Object.keys(factories) as (keyof T & string)[];
  const prototype: object = {};
  keys.forEach((key, slot) => {
    const make = factories[key];
    Object.defineProperty(prototype, key, {
      enumerable: true,
      get(this: LoaderSlots) {
        return (this.made[slot] ??= make(this.source, this as unknown as T));
      },
    });
  });
  return (source) => {
    const slots: LoaderSlots = Object.assign(Object.create(prototype) as LoaderSlots, { source, made: new Array<unknown>(keys.length) });
    return slots as unknown as T;
  };
}
