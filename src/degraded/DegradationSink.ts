import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { DegradedFallback } from './DegradedEntry.ts';
import { DEGRADED_CODE } from './degradedMarker.ts';

/** One field instance that did not get fresh data (ARCHITECTURE.md, `extensions.degraded`, without the path). */
export interface Degradation {
  readonly service: string;
  /** The error code that caused it, e.g. `SERVICE_UNAVAILABLE`. */
  readonly reason: string;
  readonly fallback: DegradedFallback;
}

/**
 * Collects the degradations of one subgraph execution as marker GraphQL errors at each field's
 * subgraph path (e.g. `_entities[3].price`). The executor passes a sink as the execution's
 * `rootValue` and appends {@link errors} to the subgraph's response, so `@apollo/gateway` remaps
 * the paths to the client's response like any subgraph error; the edge's {@link degradedPlugin}
 * then moves them to `extensions.degraded`.
 */
export class DegradationSink {
  readonly #errors: GraphQLError[] = [];

  /** The sink of the execution `info` belongs to; `undefined` when it was run without one. */
  static of(info: GraphQLResolveInfo): DegradationSink | undefined {
    return info.rootValue instanceof DegradationSink ? info.rootValue : undefined;
  }

  /** Records that the field at `info.path` got its fallback. */
  report(info: GraphQLResolveInfo, degradation: Degradation): void {
    this.#errors.push(degradedMarker(pathOf(info.path), `${info.parentType.name}.${info.fieldName}`, degradation));
  }

  /** The marker errors collected so far. */
  errors(): readonly GraphQLError[] {
    return this.#errors;
  }
}

/** The marker error saying the field `coordinate` (`Type.field`) at the subgraph `path` got its fallback. */
export function degradedMarker(path: readonly (string | number)[], coordinate: string, degradation: Degradation): GraphQLError {
  return new GraphQLError(`${coordinate} served its ${degradation.fallback} fallback.`, {
    path,
    extensions: { code: DEGRADED_CODE, degraded: { ...degradation } },
  });
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let current = path; current; current = current.prev) keys.push(current.key);
  return keys.reverse();
}
