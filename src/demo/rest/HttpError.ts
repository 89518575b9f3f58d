/** An error answer: `{"error": {"code", "message"}}` with `status`. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** 400 `BAD_REQUEST`. */
export const badRequest = (message: string): HttpError => new HttpError(400, 'BAD_REQUEST', message);
/** 404 `NOT_FOUND`. */
export const notFound = (message: string): HttpError => new HttpError(404, 'NOT_FOUND', message);
/** 409 `CONFLICT`. */
export const conflict = (message: string): HttpError => new HttpError(409, 'CONFLICT', message);
/** 405 `METHOD_NOT_ALLOWED`. */
export const methodNotAllowed = (method: string, path: string): HttpError =>
  new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
