import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadinessReport } from './ReadinessReport.ts';

/** Lifecycle of a running gateway. */
export type GatewayPhase = 'starting' | 'serving' | 'draining' | 'stopped';

/** A running gateway. */
export interface RunningGateway {
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly port: number;
  phase(): GatewayPhase;
  readiness(): ReadinessReport;
  /** Resolves once the gateway is first ready ({@link RunningGateway.readiness}); GraphQL is answered 503 NOT_READY until then. */
  whenReady(): Promise<void>;
  /** Sets where the demo fleet's fault control is, for the `/demo/...` proxy (plain mode has none). */
  setDemoControlUrl(url: string): void;
  /** Stops accepting requests, lets in-flight ones finish within the grace period, then closes everything. */
  stop(): Promise<void>;
}

/** What the gateway's lifecycle tells the request handler. */
export interface GatewayLifecycle {
  /** {@link GatewayWiring.readiness} in the current phase (`/readyz`). */
  readiness(): ReadinessReport;
  /** False until the gateway is first ready (then GraphQL stays open), unless told to serve before. */
  acceptingGraphQL(): boolean;
}

/** A mode's parts, wired (src/startGateway.ts, src/startPlainGateway.ts), for {@link listenGateway} to serve. */
export interface GatewayWiring {
  /** The HTTP handler (`createRequestHandler`), given the lifecycle it reports. */
  createHandler(lifecycle: GatewayLifecycle): RequestListener;
  /** Whether the gateway is ready in `phase`, and the details `/readyz` shows. */
  readiness(phase: GatewayPhase): ReadinessReport;
  /** The demo proxy's target (default mode); absent: ignored. */
  setDemoControlUrl?(url: string): void;
  /** Given the HTTP server once it listens: e.g. live subscriptions take its WebSocket upgrades. Absent: nothing. */
  attach?(server: Server): void;
  /**
   * First step of a stop, before the HTTP drain: live connections stop being accepted, their
   * in-flight events are sent (within `graceMs`) and they are closed with 1012. Absent: nothing.
   */
  stopLive?(graceMs: number): Promise<void>;
  /** Closes what the mode opened (discovery, clients, caches, admission, watchers), once the HTTP server drained. */
  close(): Promise<void>;
}

/** Where and how the HTTP server listens. */
export interface ListenSettings {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Longest wait for a whole request, headers and body, ms: a stalled one gets 408 and a closed connection. */
  readonly bodyTimeoutMs: number;
  /** How long in-flight requests may finish on {@link RunningGateway.stop}, ms. */
  readonly shutdownGraceMs: number;
  /** Answer GraphQL before the gateway is first ready (default false: 503 NOT_READY). */
  readonly serveBeforeReady?: boolean;
}

/**
 * Serves a wired gateway over `node:http`: the lifecycle (`starting` → `serving` → `draining` →
 * `stopped`), the GraphQL gate until first ready, and a bounded drain on stop. Rejects with the
 * listen error (e.g. EADDRINUSE) after closing nothing: the caller owns the wiring until then.
 */
export async function listenGateway(settings: ListenSettings, wiring: GatewayWiring): Promise<RunningGateway> {
  let phase: GatewayPhase = 'starting';
  const readiness = (): ReadinessReport => wiring.readiness(phase);
  // GraphQL waits (503 NOT_READY) until the gateway is first ready, then stays open: a service that
  // loses its instances later fails its own fields (NO_INSTANCES), not the whole gateway.
  let opened = settings.serveBeforeReady ?? false;
  const acceptingGraphQL = (): boolean => (opened ||= readiness().ready);
  const readyWaiters = new Set<NodeJS.Timeout>();

  const server: Server = createServer(
    {
      keepAliveTimeout: 5_000,
      // A request (headers and body) must arrive whole within BODY_TIMEOUT_MS (default 10 s), else
      // Node answers 408 and closes the connection; headersTimeout follows (min(60 s, this)). Node
      // checks every connectionsCheckingInterval (default 30 s): at most 1 s here, so a stalled
      // request is closed within bodyTimeoutMs + 1 s.
      requestTimeout: settings.bodyTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(settings.bodyTimeoutMs / 4))),
    },
    wiring.createHandler({ readiness, acceptingGraphQL }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  wiring.attach?.(server);
  phase = 'serving';

  return {
    url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`,
    port,
    phase: () => phase,
    readiness,
    whenReady() {
      return new Promise<void>((resolve) => {
        if (readiness().ready) return resolve();
        // Instances register in the background; checked every 50 ms until ready (or stopped).
        const timer = setInterval(() => {
          if (!readiness().ready) return;
          clearInterval(timer);
          readyWaiters.delete(timer);
          resolve();
        }, 50);
        readyWaiters.add(timer);
      });
    },
    setDemoControlUrl(url) {
      wiring.setDemoControlUrl?.(url);
    },
    async stop() {
      if (phase === 'draining' || phase === 'stopped') return;
      phase = 'draining';
      for (const timer of readyWaiters) clearInterval(timer);
      // Live connections first (1012 after their in-flight events): their clients reconnect to another replica.
      await wiring.stopLive?.(settings.shutdownGraceMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections that finish their last request go idle: close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      // Apollo Server's own stop() can hang under a signal: drain the HTTP server ourselves, bounded.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, settings.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      clearInterval(sweeper);
      server.closeAllConnections();
      await wiring.close();
      phase = 'stopped';
    },
  };
}
