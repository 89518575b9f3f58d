import { status as GrpcStatus } from '@grpc/grpc-js';
import type { ErrorCode } from '../errors/index.ts';

/**
 * gRPC status → gateway error code; unlisted statuses (INTERNAL, UNKNOWN, UNAUTHENTICATED,
 * PERMISSION_DENIED, UNIMPLEMENTED, DATA_LOSS, CANCELLED by the server, ...) are `UPSTREAM_ERROR`.
 * UNAVAILABLE is connection-level and retryable on another instance. NOT_FOUND, INVALID_ARGUMENT,
 * OUT_OF_RANGE, ALREADY_EXISTS, ABORTED and FAILED_PRECONDITION map to codes the error table blames
 * on the client: never counted by the breaker or outlier detection, never retried.
 */
export const grpcStatusTable: Readonly<Partial<Record<GrpcStatus, ErrorCode>>> = Object.freeze({
  [GrpcStatus.UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'DEADLINE_EXCEEDED',
  [GrpcStatus.NOT_FOUND]: 'NOT_FOUND',
  [GrpcStatus.INVALID_ARGUMENT]: 'BAD_REQUEST',
  [GrpcStatus.OUT_OF_RANGE]: 'BAD_REQUEST',
  [GrpcStatus.ALREADY_EXISTS]: 'CONFLICT',
  [GrpcStatus.ABORTED]: 'CONFLICT',
  [GrpcStatus.FAILED_PRECONDITION]: 'CONFLICT',
});

/** The gateway error code for a failed gRPC call's status. */
export function grpcStatusToCode(code: number): ErrorCode {
  return grpcStatusTable[code as GrpcStatus] ?? 'UPSTREAM_ERROR';
}
