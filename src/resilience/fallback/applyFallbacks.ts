import { defaultFieldResolver, isNonNullType, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { GatewayError } from '../../errors/index.ts';
import { DegradationSink, upstreamFailure, type DegradedFallback } from '../../degraded/index.ts';
import { readFallbackDirective, type FallbackDeclaration } from './fallbackDirective.ts';

/** What a DEFAULT or CACHE provider receives. */
export interface FallbackInput<TContext = unknown> {
  readonly source: unknown;
  readonly args: Record<string, unknown>;
  readonly context: TContext;
  readonly info: GraphQLResolveInfo;
  /** CACHE: the oldest value that may be served, seconds (from the directive). */
  readonly maxAgeSeconds: number | undefined;
}

/**
 * Supplies a DEFAULT field's static value, or a CACHE field's cached value (`undefined` or `null`
 * when nothing fresh enough is cached: the field is then null with its error).
 */
export type FallbackProvider<TContext = unknown> = (input: FallbackInput<TContext>) => unknown;

/** Providers by `Type.field`, for the fields declared `@fallback(kind: DEFAULT | CACHE)`. */
export type FallbackProviders<TContext = unknown> = Readonly<Record<string, FallbackProvider<TContext>>>;

/**
 * Wraps, in place, the resolver of every field of `schema` that carries `@fallback`, so that an
 * upstream failure (`SERVICE_UNAVAILABLE`, `NO_INSTANCES`, `UPSTREAM_ERROR`, `DEADLINE_EXCEEDED`,
 * `CIRCUIT_OPEN`) becomes the declared fallback and is reported to the execution's
 * {@link DegradationSink}:
 *
 * - EMPTY: `[]`; DEFAULT: the provider's value; CACHE: the provider's cached value;
 * - NULL, or a CACHE miss: the field is null and the upstream error stays in `errors`.
 *
 * Other errors propagate untouched. Throws a `TypeError` naming `Type.field` for a fallback on a
 * non-null field, a DEFAULT/CACHE field without a provider, or a provider for no such field.
 */
export function applyFallbacks<TContext>(schema: GraphQLSchema, providers: FallbackProviders<TContext> = {}): GraphQLSchema {
  const unused = new Set(Object.keys(providers));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const declaration = readFallbackDirective(field.astNode?.directives);
      if (!declaration) continue;
      const name = `${type.name}.${field.name}`;
      if (isNonNullType(field.type)) {
        throw new TypeError(`${name}: @fallback(kind: ${declaration.kind}) on a non-null field (${String(field.type)})`);
      }
      const provider = providers[name];
      unused.delete(name);
      if ((declaration.kind === 'DEFAULT' || declaration.kind === 'CACHE') && !provider) {
        throw new TypeError(`${name}: @fallback(kind: ${declaration.kind}) needs a provider; pass one for "${name}"`);
      }
      field.resolve = withFallback(field.resolve ?? defaultFieldResolver, declaration, provider as FallbackProvider | undefined);
    }
  }
  if (unused.size > 0) throw new TypeError(`Fallback providers for fields without @fallback(kind: DEFAULT | CACHE): ${[...unused].join(', ')}`);
  return schema;
}

function withFallback(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  declaration: FallbackDeclaration,
  provider: FallbackProvider | undefined,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const recover = (error: unknown): unknown => {
      const failure = upstreamFailure(error);
      if (!failure) throw error;
      return fallBack(failure, { source, args, context, info, maxAgeSeconds: declaration.maxAgeSeconds }, declaration, provider);
    };
    try {
      const result = resolve(source, args, context, info);
      return isPromiseLike(result) ? Promise.resolve(result).catch(recover) : result;
    } catch (error) {
      return recover(error);
    }
  };
}

function fallBack(failure: GatewayError, input: FallbackInput, declaration: FallbackDeclaration, provider: FallbackProvider | undefined): unknown {
  const sink = DegradationSink.of(input.info);
  const report = (fallback: DegradedFallback) =>
    sink?.report(input.info, { service: failure.service ?? 'unknown', reason: failure.code, fallback });
  switch (declaration.kind) {
    case 'EMPTY':
      report('empty');
      return [];
    case 'DEFAULT': {
      report('default');
      return provider?.(input);
    }
    case 'CACHE':
      return Promise.resolve()
        .then(() => provider?.(input))
        .catch(() => undefined)
        .then((cached) => {
          if (cached === undefined || cached === null) {
            report('null');
            throw failure;
          }
          report('cache');
          return cached;
        });
    case 'NULL':
      report('null');
      throw failure;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
