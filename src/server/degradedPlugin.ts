import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { DEGRADED_CODE } from '../resilience/index.ts';

/** One entry of `extensions.degraded` (ARCHITECTURE.md). */
export interface DegradedEntry {
  readonly path: readonly (string | number)[];
  readonly service: string;
  readonly reason: string;
  readonly fallback: string;
}

/**
 * Moves the `DEGRADED` marker errors that fields with a fallback report (their paths already
 * remapped to the client's response by `@apollo/gateway`) from `errors` to `extensions.degraded`,
 * one entry per field instance, and drops `errors` if nothing else is left in it. Fields left null
 * keep their own error in `errors`.
 */
export function degradedPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some(isDegradedMarker)) return;
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
          if (errors.length > 0) result.errors = errors;
          else delete result.errors;
          result.extensions = { ...result.extensions, degraded };
        },
      };
    },
  };
}

function isDegradedMarker(error: GraphQLFormattedError): boolean {
  return error.extensions?.code === DEGRADED_CODE;
}
