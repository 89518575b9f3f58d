/** The part of autocannon 9's programmatic API the load worker uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called with each answer's body, just before its connection's `response` event. */
      onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string | string[]>) => void;
    }
    interface Client {
      setHeaders(headers: Record<string, string>): void;
      /** Each answer: its status, its size in bytes and its latency in milliseconds. */
      on(event: 'response', listener: (status: number, bytes: number, latencyMs: number) => void): this;
    }
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds. */
      timeout?: number;
      requests?: Request[];
      /** Called once per connection before its first request. */
      setupClient?: (client: Client) => void;
    }
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      max: number;
      total: number;
    }
    interface Result {
      requests: Histogram & { sent?: number };
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): unknown;
  export default autocannon;
}
