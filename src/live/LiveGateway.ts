import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/index.ts';
import type { ClientName, SubscriptionsConfig } from '../config/index.ts';
import type { DomainEvent } from '../events/DomainEvent.ts';
import type { EventFeed } from '../events/EventFeed.ts';
import { GatewayError, isGatewayError } from '../errors/index.ts';
import type { GraphQLRequestText } from '../limits/index.ts';
import { ResponseBudget } from '../limits/index.ts';
import type { EdgeRequest, GraphQLRoute } from '../server/index.ts';
import type { RequestContext } from '../subgraphs/RequestContext.ts';
import { liveSources, type LiveReader } from './liveSources.ts';
import { LiveRefusal } from './LiveSource.ts';
import { LiveSubscription } from './LiveSubscription.ts';
import { readSubscriptionRoot } from './rewriteSubscription.ts';

/** One client app's route and how its requests get a context: what a query gets at the edge. */
export interface LiveClient {
  readonly route: GraphQLRoute<ClientName, RequestContext>;
  readonly createContext: (request: EdgeRequest<ClientName>) => RequestContext;
}

/** Who subscribes, and how the transport is told to drop them. */
export interface LiveSubscriber {
  readonly client: ClientName;
  readonly viewer: Viewer;
  /** The subscriber fell too far behind: the transport closes the connection (1013). */
  readonly onOverflow: () => void;
}

/** The WebSocket close code of a subscriber too slow to keep up (RFC 6455 "Try Again Later"): it reconnects and gets the current state. */
export const slowSubscriberCloseCode = 1013;

/**
 * The gateway's live subscriptions (src/live): each one's limits are checked once, like a query's
 * (shape, cost, token rules); its state is read through the client's own executor (the query plan,
 * DataLoaders, fallbacks, field authorization) with a fresh request context and the client's
 * deadline per read; events come from the {@link EventFeed}. Counts subscriptions per user, and
 * re-reads every subscription when the feed resumes after a broker outage.
 */
export class LiveGateway {
  readonly #feed: EventFeed;
  readonly #config: SubscriptionsConfig;
  readonly #clients: ReadonlyMap<ClientName, LiveClient>;
  readonly #live = new Set<LiveSubscription>();
  readonly #perUser = new Map<string, number>();
  readonly #stopResumed: () => void;
  readonly #log: (line: string) => void;

  constructor(options: { feed: EventFeed; config: SubscriptionsConfig; clients: ReadonlyMap<ClientName, LiveClient>; log?: (line: string) => void }) {
    this.#feed = options.feed;
    this.#config = options.config;
    this.#clients = options.clients;
    this.#log = options.log ?? ((line) => console.log(line));
    // Events published while the broker was away are lost: every subscription re-reads its state (sent if it advanced).
    this.#stopResumed = this.#feed.onResumed(() => {
      this.#log(`live: event feed resumed; refreshing ${this.#live.size} subscription(s)`);
      for (const subscription of this.#live) subscription.refresh();
    });
  }

  get config(): SubscriptionsConfig {
    return this.#config;
  }

  /** Live subscriptions now, for `/readyz`. */
  get count(): number {
    return this.#live.size;
  }

  /**
   * Starts a subscription: its limits, its source, and the first read (the current state, its
   * first message). Throws a {@link LiveRefusal} (GraphQL errors with codes) when refused: limits,
   * token rules, another's trip, too many subscriptions.
   */
  async subscribe(subscriber: LiveSubscriber, request: GraphQLRequestText): Promise<LiveSubscription> {
    const live = this.#clients.get(subscriber.client);
    if (!live) throw refusal(new GatewayError('NOT_FOUND', `${subscriber.client} has no live subscriptions.`));
    const { route } = live;
    let guarded;
    let root;
    try {
      guarded = route.guard.check(request);
      root = readSubscriptionRoot(request.query, request.operationName);
    } catch (error) {
      if (isGatewayError(error)) throw refusal(error);
      throw error;
    }
    const denied = route.tokenRules?.denials(guarded.coordinates, subscriber.viewer) ?? new Map();
    const rootDenial = denied.get(`Subscription.${root.field}`);
    if (rootDenial) throw refusal(new GatewayError(rootDenial, rootDenial === 'FORBIDDEN' ? `Subscription.${root.field} is not allowed with this token.` : `Sign in to subscribe to ${root.field}.`));
    const makeSource = liveSources[subscriber.client][root.field];
    if (!makeSource) throw refusal(new GatewayError('BAD_REQUEST', `${root.field} is not a live field of the ${subscriber.client} app.`));
    const userKey = `${subscriber.client}:${subscriber.viewer.id}`;
    const held = this.#perUser.get(userKey) ?? 0;
    if (held >= this.#config.maxPerUser) {
      throw refusal(new GatewayError('TOO_MANY_SUBSCRIPTIONS', `At most ${this.#config.maxPerUser} live subscriptions per user on this gateway; complete one first.`));
    }
    const reader = this.#reader(live, subscriber.viewer, guarded.estimatedCost, denied);
    const source = makeSource({ root, variables: request.variables, viewerId: subscriber.viewer.id, reader });
    this.#perUser.set(userKey, held + 1);
    const subscription: LiveSubscription = new LiveSubscription(this.#feed, source, {
      maxPendingStreams: this.#config.maxPendingStreams,
      onOverflow: subscriber.onOverflow,
      onEnd: () => {
        this.#live.delete(subscription);
        const left = (this.#perUser.get(userKey) ?? 1) - 1;
        if (left > 0) this.#perUser.set(userKey, left);
        else this.#perUser.delete(userKey);
      },
      onReadError: (error) => this.#log(`live: ${subscriber.client} ${root.field} read failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.#live.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      if (error instanceof LiveRefusal) throw error;
      if (isGatewayError(error)) throw refusal(error);
      throw error;
    }
    return subscription;
  }

  /** Resolves once no subscription is reading or has a message waiting (bounded by the caller): a stopping gateway sends in-flight events first. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.#live].map((subscription) => subscription.whenIdle()));
  }

  /** Ends every subscription and stops listening for the feed's resumption (the feed itself is the caller's to close). */
  close(): void {
    this.#stopResumed();
    for (const subscription of [...this.#live]) void subscription.return();
  }

  /** Reads with a fresh request context each time: its own DataLoaders (no cached old state), the client's deadline, the event resolved. */
  #reader(live: LiveClient, viewer: Viewer, estimatedCost: number, denied: ReadonlyMap<string, 'UNAUTHENTICATED' | 'FORBIDDEN'>): LiveReader {
    const { route } = live;
    const deniedFields = new Map([...denied].filter(([coordinate]) => !coordinate.startsWith('Subscription.')));
    return {
      async run(query, variables, trigger: DomainEvent | undefined) {
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(new GatewayError('DEADLINE_EXCEEDED')), route.deadlineMs);
        try {
          const context = live.createContext({
            client: route.name,
            viewer,
            requestId: randomUUID(),
            deadline: Date.now() + route.deadlineMs,
            signal: abort.signal,
            headers: {},
            estimatedCost,
            responseBudget: new ResponseBudget(route.maxResponseBytes),
            ...(deniedFields.size > 0 ? { deniedFields } : {}),
            ...(trigger ? { liveEvent: trigger } : {}),
          });
          const message = await route.endpoint.execute({ query, variables }, context);
          return { message, context };
        } finally {
          clearTimeout(timer);
          abort.abort();
        }
      },
    };
  }
}

/** A refusal with the error's code, as the subscription's `error` message. */
function refusal(error: GatewayError): LiveRefusal {
  return new LiveRefusal([new GraphQLError(error.message, { extensions: { code: error.code } })]);
}
