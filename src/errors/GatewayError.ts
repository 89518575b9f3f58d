import { errorCodes, type Blame, type ErrorCode } from './errorCodes.ts';

/** An error with a stable code; its message is safe to show to clients (no addresses, no stacks). */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  /** The service the failure came from, when there is one. */
  readonly service: string | undefined;

  constructor(code: ErrorCode, message?: string, options?: { service?: string; cause?: unknown }) {
    super(message ?? errorCodes[code].message, { cause: options?.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.service = options?.service;
  }

  /** Whether a read that failed this way may be tried again on another instance. */
  get retryable(): boolean {
    return errorCodes[this.code].retryable;
  }

  /** Whom this failure blames: what the breaker, outlier detection and retries make of it. */
  get blame(): Blame {
    return errorCodes[this.code].blame;
  }

  /** The HTTP status this error maps to at the edge. */
  get httpStatus(): number {
    return errorCodes[this.code].status;
  }
}

/** Type guard for {@link GatewayError}. */
export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}
