import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors/index.ts';

/** A request's absolute deadline and the signal that fires at it (or when the client goes away). */
export interface RequestDeadline {
  /** ms since the epoch. */
  readonly deadline: number;
  readonly signal: AbortSignal;
}

/**
 * Starts a request's deadline of `deadlineMs`: its signal aborts with DEADLINE_EXCEEDED when the
 * time is up, and plainly when the response closes (answered or abandoned), clearing the timer.
 */
export function startRequestDeadline(res: ServerResponse, deadlineMs: number): RequestDeadline {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new GatewayError('DEADLINE_EXCEEDED')), deadlineMs);
  res.once('close', () => {
    clearTimeout(timer);
    abort.abort();
  });
  return { deadline: Date.now() + deadlineMs, signal: abort.signal };
}
