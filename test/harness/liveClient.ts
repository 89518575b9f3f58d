import type { FormattedExecutionResult as ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from './waitFor.ts';

/** A graphql-ws client to a gateway's `/<client>/graphql`, token in connection_init, no retries (a test sees each close). */
export function liveClient(gatewayUrl: string, client: string, token: string, onClosed?: (code: number, reason: string) => void): Client {
  return createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/${client}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    // A refused connection is the test's to assert (onClosed), not a log line.
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed?.((event as { code: number }).code, String((event as { reason?: unknown }).reason ?? '')) },
  });
}

/** One subscription's messages as they arrive, its error, and whether it completed. */
export interface LiveRecording<TData> {
  readonly messages: ExecutionResult<TData>[];
  error: unknown;
  completed: boolean;
  /** Waits for a message matching `match` (at or after index `from`), resolving with it. */
  next(match: (message: ExecutionResult<TData>) => boolean, what: string, timeoutMs?: number, from?: number): Promise<ExecutionResult<TData>>;
  /** Waits for the error (refusal), resolving with it. */
  failure(timeoutMs?: number): Promise<unknown>;
  /** Waits for completion. */
  done(timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Subscribes and records everything the subscription sends. */
export function record<TData = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveRecording<TData> {
  const recording: LiveRecording<TData> = {
    messages: [],
    error: undefined,
    completed: false,
    next: (match, what, timeoutMs = 20_000, from = 0) =>
      waitFor(() => recording.messages.slice(from).find(match), timeoutMs, `${what}; got ${JSON.stringify(recording.messages)}${recording.error ? `; error ${JSON.stringify(recording.error)}` : ''}`),
    failure: (timeoutMs = 20_000) => waitFor(() => recording.error, timeoutMs, 'a subscription error'),
    done: async (timeoutMs = 20_000) => {
      await waitFor(() => recording.completed, timeoutMs, `completion; got ${JSON.stringify(recording.messages)}`);
    },
    stop: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe<TData>(
    { query, variables },
    {
      next: (message) => recording.messages.push(message as ExecutionResult<TData>),
      error: (error) => {
        recording.error = error;
      },
      complete: () => {
        recording.completed = true;
      },
    },
  );
  return recording;
}

/** Opens a raw graphql-transport-ws socket, sends connection_init with `payload`, and resolves with the close code (or 0 if acknowledged). */
export function initAndClose(url: string, payload: Record<string, unknown>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type?: string }).type === 'connection_ack') {
        resolve({ code: 0, reason: 'acknowledged' });
        socket.close();
      }
    });
    socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
    socket.once('error', reject);
  });
}
