import type { ApolloServerPlugin } from '@apollo/server';
import { errorCodes, type ErrorCode } from '../errors/index.ts';

/** The HTTP status of an error code when it is the caller's fault (4xx), else undefined. */
function clientStatus(code: unknown): number | undefined {
  if (typeof code !== 'string' || !(code in errorCodes)) return undefined;
  const { status } = errorCodes[code as ErrorCode];
  return status >= 400 && status < 500 ? status : undefined;
}

/**
 * An answer without data whose every error is the caller's fault (a code the error table maps to a
 * 4xx: an unknown operation name, a plan that cannot be made, an Idempotency-Key reused for another
 * request, ...) gets that status instead of 200, as GraphQL over HTTP says for requests that could
 * not be executed. Answers with data, and failures of services, keep their status.
 */
export function errorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if ((data !== undefined && data !== null) || !errors?.length) return;
          const statuses = errors.map((error) => clientStatus(error.extensions?.code));
          // A status Apollo Server chose itself (405 for a GET mutation) stands.
          const chosen = response.http.status;
          if (chosen !== undefined && chosen < 500) return;
          if (statuses.every((status) => status !== undefined)) response.http.status = statuses[0];
        },
      };
    },
  };
}
