/** One parsed HTTP call, as a REST service sees it. */
export interface RestCall {
  method: string;
  /** Path without the query, e.g. `/trips/t-000001/accept`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body; `undefined` when there was none. */
  body: unknown;
}

/** A JSON answer. */
export interface RestReply {
  status: number;
  body: unknown;
}

/** A REST service: answers calls, throwing `HttpError` for 4xx answers. */
export interface RestService {
  handle(call: RestCall): RestReply;
}

/** `200` with a JSON body. */
export const ok = (body: unknown): RestReply => ({ status: 200, body });
