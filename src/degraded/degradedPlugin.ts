import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from '../errors/index.ts';
import { collapseDegraded } from './collapseDegraded.ts';
import type { DegradedEntry } from './DegradedEntry.ts';
import { isDegradedMarker } from './degradedMarker.ts';
import { fallbackCodes } from './fallbackCodes.ts';

/**
 * Moves the `DEGRADED` marker errors that fields with a fallback report (their paths already
 * remapped to the client's response by `@apollo/gateway`) from `errors` to `extensions.degraded`,
 * one entry per field instance, and drops `errors` if nothing else is left in it. Fields left null
 * keep their own error in `errors`. A field that failed upstream without a declared fallback (an
 * entity a service could not resolve, a product page without its product) did not get fresh data
 * either: it is listed too, with `fallback: "null"`. Past `maxEntries`, entries of one field across
 * list items collapse into one with a `count` ({@link collapseDegraded}).
 */
export function degradedPlugin(options: { maxEntries: number } = { maxEntries: Number.POSITIVE_INFINITY }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some((error) => isDegradedMarker(error) || isUpstreamFailure(error))) return;
          const degraded: DegradedEntry[] = [];
          const errors: GraphQLFormattedError[] = [];
          for (const error of result.errors) {
            if (!isDegradedMarker(error)) {
              errors.push(error);
              continue;
            }
            const entry = error.extensions?.degraded as Omit<DegradedEntry, 'path'> | undefined;
            if (entry) degraded.push({ path: error.path ?? [], service: entry.service, reason: entry.reason, fallback: entry.fallback });
          }
          const listed = new Set(degraded.map((entry) => entry.path.join('.')));
          for (const error of errors) {
            if (!isUpstreamFailure(error) || !error.path || listed.has(error.path.join('.'))) continue;
            listed.add(error.path.join('.'));
            degraded.push({ path: error.path, service: String(error.extensions?.service), reason: String(error.extensions?.code), fallback: 'null' });
          }
          if (errors.length > 0) result.errors = errors;
          else delete result.errors;
          result.extensions = { ...result.extensions, degraded: collapseDegraded(degraded, options.maxEntries) };
        },
      };
    },
  };
}

/** An error from a service failure (with the service named), as opposed to bad input or a bug. */
function isUpstreamFailure(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && fallbackCodes.has(code as ErrorCode) && typeof error.extensions?.service === 'string';
}
