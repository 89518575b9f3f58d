import { isGatewayError } from '../../../src/errors/index.ts';

/** A GraphQL-shaped error, so the hand-written answers compare with the gateways' in fault mode. */
export interface HandwrittenError {
  message: string;
  path: (string | number)[];
  extensions: { code: string; service?: string };
}

/** What a hand-written screen endpoint answers: the same `data` a GraphQL gateway would, and errors. */
export interface HandwrittenResult {
  data: Record<string, unknown>;
  errors?: HandwrittenError[];
}

/**
 * Collects the errors of the parts of a screen that failed: a failed part becomes null (as a
 * nullable GraphQL field does) and one error naming its path and code.
 */
export class ErrorList {
  readonly errors: HandwrittenError[] = [];

  /** The part's value, or null after recording why it failed. */
  async settle<T>(path: (string | number)[], part: Promise<T>): Promise<T | null> {
    try {
      return await part;
    } catch (error) {
      this.add(path, error);
      return null;
    }
  }

  add(path: (string | number)[], error: unknown): void {
    const extensions = isGatewayError(error)
      ? { code: error.code, ...(error.service ? { service: error.service } : {}) }
      : { code: 'INTERNAL_SERVER_ERROR' };
    this.errors.push({ message: isGatewayError(error) ? error.message : 'Internal error.', path, extensions });
  }

  /** `{data}` plus `errors` when any part failed. */
  result(data: Record<string, unknown>): HandwrittenResult {
    return this.errors.length > 0 ? { data, errors: this.errors } : { data };
  }
}
