import { request, type Dispatcher } from 'undici';
import { GatewayError } from '../../../src/errors/index.ts';
import { createRestAgent, type CallOptions } from '../../../src/transport/index.ts';

/** The service the promotions subgraph is, in errors. */
const service = 'promotions';

/**
 * The floor's client of the `promotions` subgraph, as a hand-written backend would call a team's
 * GraphQL service: one `_entities` POST (all representations of a screen at once) over keep-alive
 * connections, round robin over its instances, with the remaining deadline
 * (`x-request-deadline-ms`) and the gateway-signed identity token (`x-identity-token`). No retry.
 * Failures reject with a GatewayError naming `promotions`: unreachable → SERVICE_UNAVAILABLE,
 * past the deadline → DEADLINE_EXCEEDED, another status, a body that is not JSON or GraphQL
 * errors → UPSTREAM_ERROR.
 */
export class PromotionsClient {
  readonly #urls: readonly string[];
  readonly #dispatcher: Dispatcher = createRestAgent();
  #next = 0;

  constructor(urls: readonly string[]) {
    if (urls.length === 0) throw new TypeError('PromotionsClient: no promotions instance URL');
    this.#urls = urls;
  }

  /** `_entities(representations)` with `selection` on each; resolves with the entities in order. */
  async entities<T>(selection: string, representations: readonly object[], identityToken: string | undefined, options: CallOptions): Promise<(T | null)[]> {
    const url = this.#urls[this.#next++ % this.#urls.length] ?? '';
    const remainingMs = Math.max(options.deadline - Date.now(), 0);
    if (remainingMs === 0) throw new GatewayError('DEADLINE_EXCEEDED', undefined, { service });
    const body = JSON.stringify({ query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, variables: { representations } });
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(url, {
        method: 'POST',
        dispatcher: this.#dispatcher,
        headers: {
          'content-type': 'application/json',
          'x-request-deadline-ms': String(remainingMs),
          ...(identityToken ? { 'x-identity-token': identityToken } : {}),
        },
        body,
        signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(remainingMs)]) : AbortSignal.timeout(remainingMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new GatewayError(timedOut ? 'DEADLINE_EXCEEDED' : 'SERVICE_UNAVAILABLE', undefined, { service, cause: error });
    }
    let parsed: { data?: { _entities?: (T | null)[] } | null; errors?: unknown[] };
    try {
      parsed = (await answer.body.json()) as typeof parsed;
    } catch (error) {
      throw new GatewayError('UPSTREAM_ERROR', 'promotions answered something that is not JSON.', { service, cause: error });
    }
    const entities = parsed.data?._entities;
    if (answer.statusCode !== 200 || (parsed.errors?.length ?? 0) > 0 || !Array.isArray(entities)) {
      throw new GatewayError(answer.statusCode === 503 ? 'SERVICE_UNAVAILABLE' : 'UPSTREAM_ERROR', undefined, { service });
    }
    return entities;
  }
}
