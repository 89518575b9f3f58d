import { Kind, parse } from 'graphql';
import { readFallbackDirective, type FallbackKind } from '../../resilience/index.ts';

/** The kinds a remote subgraph may declare: the gateway answers them without the subgraph (no cache or default of its own to serve). */
const remoteKinds: ReadonlySet<FallbackKind> = new Set(['NULL', 'EMPTY']);

/**
 * The `@fallback` declarations of a remote subgraph's SDL, by `Type.field`, honoured by the
 * gateway when the subgraph fails. `CACHE` and `DEFAULT` need a provider in the subgraph's code,
 * which a remote subgraph's gateway does not have: refused, naming the field.
 */
export class RemoteFallbacks {
  readonly #kinds: ReadonlyMap<string, FallbackKind>;

  constructor(kinds: ReadonlyMap<string, FallbackKind>) {
    this.#kinds = kinds;
  }

  /** Reads the declarations of `sdl`; throws a `TypeError` naming `subgraph` and the field for a kind a remote subgraph cannot have. */
  static fromSdl(subgraph: string, sdl: string): RemoteFallbacks {
    const kinds = new Map<string, FallbackKind>();
    for (const definition of parse(sdl, { noLocation: true }).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of definition.fields ?? []) {
        const declaration = readFallbackDirective(field.directives);
        if (!declaration) continue;
        const coordinate = `${definition.name.value}.${field.name.value}`;
        if (!remoteKinds.has(declaration.kind)) {
          throw new TypeError(`[${subgraph}] ${coordinate}: @fallback(kind: ${declaration.kind}) needs a provider in the subgraph's own code; a remote subgraph may declare NULL or EMPTY`);
        }
        kinds.set(coordinate, declaration.kind);
      }
    }
    return new RemoteFallbacks(kinds);
  }

  /** The declared kind of `Type.field`, if any. */
  kindOf(coordinate: string): FallbackKind | undefined {
    return this.#kinds.get(coordinate);
  }
}

