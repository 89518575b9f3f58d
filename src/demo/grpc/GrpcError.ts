import { status } from '@grpc/grpc-js';

/** A handler failure with the gRPC status code to answer. */
export class GrpcError extends Error {
  override name = 'GrpcError';
  readonly code: status;

  constructor(code: status, message: string) {
    super(message);
    this.code = code;
  }
}

/** INVALID_ARGUMENT. */
export const invalidArgument = (message: string): GrpcError => new GrpcError(status.INVALID_ARGUMENT, message);
/** NOT_FOUND. */
export const grpcNotFound = (message: string): GrpcError => new GrpcError(status.NOT_FOUND, message);

/** Most ids (or fare inputs) one batch call may carry. */
export const MAX_GRPC_BATCH = 1_000;

/**
 * A non-empty, de-duplicated id list of at most `MAX_GRPC_BATCH` ids.
 * @throws GrpcError INVALID_ARGUMENT otherwise.
 */
export function requireIds(ids: readonly string[] | undefined, field: string): string[] {
  const unique = [...new Set((ids ?? []).filter((id) => id !== ''))];
  if (unique.length === 0) throw invalidArgument(`${field} must list at least one id`);
  if (unique.length > MAX_GRPC_BATCH) throw invalidArgument(`${field} lists ${unique.length} ids; at most ${MAX_GRPC_BATCH}`);
  return unique;
}
