import { createHash } from 'node:crypto';
import { GraphQLError, parse } from 'graphql';
import { clientNames, isClientName, type ClientName } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import { formatSubgraphLocation } from '../federation/index.ts';
import type { PublishedGraph, ServedSubgraph } from './PublishedGraph.ts';
import { StoreConflict, type CheckReport, type Principal, type PublishedLocation, type SchemaStore, type SubgraphVersion } from './types.ts';

/** What a team asks to check or publish, as the admin API receives it. */
export interface PublishRequest {
  readonly subgraph: string;
  readonly sdl: unknown;
  /** `http(s)://...`, `registry://<service>/<path>` or a registry service name. Absent: the live one's. */
  readonly location?: unknown;
  /** The apps whose schemas it joins. Absent: the live one's. */
  readonly clients?: unknown;
  readonly strict?: unknown;
}

/** A change as the checks take it: the proposed SDL of one subgraph, where it lives and which apps it joins. */
export interface ProposedChange {
  readonly subgraph: string;
  readonly sdl: string;
  readonly clients: readonly ClientName[];
  readonly location: PublishedLocation | undefined;
  /** `join__graph(url:)` of the location. */
  readonly url: string | undefined;
  readonly strict: boolean;
}

/** The checks publishing runs (src/publishing/checks) against the graph as served: the change → the verdict. */
export interface Checks {
  checkChange(change: ProposedChange): Promise<CheckReport>;
  /** A team's rules (own subgraphs, no override of others', no authorization on others' types, its locations); empty for the admin. */
  checkPrincipal(change: ProposedChange, principal: Principal): readonly string[];
}

/** What `publish` and `rollback` answer. */
export type PublishOutcome = { readonly accepted: true; readonly version: SubgraphVersion; readonly report: CheckReport } | { readonly accepted: false; readonly report: CheckReport };

/** Options of {@link Publisher}. */
export interface PublisherOptions {
  readonly graph: PublishedGraph;
  readonly store: SchemaStore;
  readonly checks: Checks;
  /** Whether a bare registry service name is one the gateway knows (catalog or registry). */
  readonly knownService: (service: string) => boolean;
  readonly maxSdlBytes: number;
  /** Brings the graph up to the store's live versions (what the store's watch does), so a publish is checked against the latest. */
  readonly sync: () => Promise<void>;
  readonly now?: () => Date;
}

const subgraphName = /^[a-z][a-z0-9-]{0,62}$/;

/** Schema checks (check, publish, rollback) running at once in this process; more are refused with 503. */
const maxChecksInFlight = 4;

/**
 * Checks, publishes and rolls back subgraph versions: input bounded and parsed (400), the
 * principal's rights (403), the same checks for `check` and `publish`, then one compare-and-set
 * in the store against the version the check saw (409 when another publish won). Publishes of one
 * subgraph are serialised in this process; across replicas the store decides.
 */
export class Publisher {
  readonly #options: PublisherOptions;
  readonly #now: () => Date;
  readonly #queues = new Map<string, Promise<unknown>>();
  #checksInFlight = 0;

  constructor(options: PublisherOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Every subgraph as served: name, kind, version, location, clients. */
  list(): { name: string; kind: 'in-process' | 'remote'; version: number; location?: string; clients: readonly ClientName[]; sdlHash: string }[] {
    return this.#options.graph.subgraphs().map((subgraph) => ({
      name: subgraph.name,
      kind: subgraph.inProcess ? 'in-process' : 'remote',
      version: subgraph.version,
      ...(subgraph.location ? { location: formatSubgraphLocation(subgraph.location) } : {}),
      clients: subgraph.clients,
      sdlHash: sha256(subgraph.sdl),
    }));
  }

  /** The subgraph as served (SDL included); 404 when there is none. */
  get(subgraph: string): ServedSubgraph {
    const live = this.#options.graph.get(subgraph);
    if (!live) throw new GatewayError('NOT_FOUND', `There is no subgraph "${subgraph}".`);
    return live;
  }

  /** Every published version of `subgraph`, oldest first; 404 for an unknown subgraph. */
  async history(subgraph: string): Promise<readonly SubgraphVersion[]> {
    this.get(subgraph);
    return this.#options.store.history(subgraph);
  }

  /** The checks, without storing anything. */
  check(principal: Principal, request: PublishRequest): Promise<CheckReport> {
    const change = this.#proposed(request, { forPublish: false });
    return this.#check(principal, change);
  }

  /** Checks and, when they pass, stores a new version (the gateway swaps it in from the store's watch). */
  publish(principal: Principal, request: PublishRequest, publishedBy: string): Promise<PublishOutcome> {
    const change = this.#proposed(request, { forPublish: true });
    return this.#serialised(change.subgraph, () => this.#store(principal, change, publishedBy, undefined));
  }

  /** Publishes an earlier version's SDL, location and clients again, through the same checks. */
  async rollback(principal: Principal, subgraph: string, version: unknown, publishedBy: string): Promise<PublishOutcome> {
    if (!Number.isInteger(version) || (version as number) < 1) throw new GatewayError('BAD_REQUEST', 'Give the version to roll back to: {"version": <n>}.');
    const earlier = (await this.history(subgraph)).find((candidate) => candidate.version === version);
    if (!earlier) throw new GatewayError('NOT_FOUND', `${subgraph} has no version ${String(version)}.`);
    const change = this.#proposed({ subgraph, sdl: earlier.sdl, location: formatSubgraphLocation(earlier.location), clients: earlier.clients }, { forPublish: true });
    return this.#serialised(subgraph, () => this.#store(principal, change, publishedBy, earlier.version));
  }

  async #store(principal: Principal, change: ProposedChange, publishedBy: string, rollbackOf: number | undefined): Promise<PublishOutcome> {
    await this.#options.sync();
    const expected = this.#options.graph.get(change.subgraph)?.version ?? 0;
    const report = await this.#check(principal, change);
    if (!report.ok) return { accepted: false, report };
    if (!change.location) throw new GatewayError('BAD_REQUEST', `Give ${change.subgraph}'s location: a URL or a registry service name.`);
    try {
      const version = await this.#options.store.publish(
        {
          subgraph: change.subgraph,
          sdl: change.sdl,
          sdlHash: sha256(change.sdl),
          location: change.location,
          clients: change.clients,
          publishedBy,
          publishedAt: this.#now().toISOString(),
          summary: report,
          ...(rollbackOf === undefined ? {} : { rollbackOf }),
        },
        expected,
      );
      return { accepted: true, version, report };
    } catch (error) {
      if (error instanceof StoreConflict) throw new GatewayError('CONFLICT', error.message);
      throw error;
    }
  }

  async #check(principal: Principal, change: ProposedChange): Promise<CheckReport> {
    const denied = this.#options.checks.checkPrincipal(change, principal);
    if (denied.length > 0) throw new GatewayError('FORBIDDEN', denied.join(' '));
    // A check composes whole supergraphs: a few at a time, the rest refused at once (never queued without bound).
    if (this.#checksInFlight >= maxChecksInFlight) throw new GatewayError('OVERLOADED', `${maxChecksInFlight} schema checks are running; try again in a few seconds.`);
    this.#checksInFlight += 1;
    try {
      return await this.#options.checks.checkChange(change);
    } finally {
      this.#checksInFlight -= 1;
    }
  }

  /** The request as a change, or 400 naming what is wrong with it. */
  #proposed(request: PublishRequest, { forPublish }: { forPublish: boolean }): ProposedChange {
    const { subgraph } = request;
    if (!subgraphName.test(subgraph)) throw new GatewayError('BAD_REQUEST', 'A subgraph name is lower case letters, digits and dashes, at most 63.');
    if (subgraph.startsWith('bff-')) throw new GatewayError('BAD_REQUEST', `${subgraph}: the bff-<client> subgraphs are the apps' own, shipped with the gateway.`);
    const live = this.#options.graph.get(subgraph);
    if (forPublish && live?.inProcess) {
      throw new GatewayError('BAD_REQUEST', `${subgraph} runs in-process (its resolvers ship with the gateway): its SDL changes with the code, so it can be checked but not published.`);
    }
    const sdl = this.#sdl(request.sdl);
    const location = request.location === undefined ? live?.location : this.#location(request.location);
    const clients = request.clients === undefined ? (live?.clients ?? []) : this.#clients(request.clients);
    if (clients.length === 0) throw new GatewayError('BAD_REQUEST', `Name the apps whose schemas ${subgraph} joins: "clients": [${clientNames.map((name) => `"${name}"`).join(', ')}].`);
    if (request.strict !== undefined && typeof request.strict !== 'boolean') throw new GatewayError('BAD_REQUEST', '"strict" is true or false.');
    return { subgraph, sdl, clients, location, url: location ? formatSubgraphLocation(location) : undefined, strict: request.strict === true };
  }

  #sdl(value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') throw new GatewayError('BAD_REQUEST', 'The SDL is empty: send the subgraph\'s schema as "sdl".');
    if (Buffer.byteLength(value) > this.#options.maxSdlBytes) throw new GatewayError('BAD_REQUEST', `The SDL is larger than ${this.#options.maxSdlBytes} bytes.`);
    try {
      parse(value, { noLocation: true, maxTokens: 200_000 });
    } catch (error) {
      const location = error instanceof GraphQLError && error.locations?.[0] ? ` (line ${error.locations[0].line}, column ${error.locations[0].column})` : '';
      throw new GatewayError('BAD_REQUEST', `The SDL does not parse${location}: ${error instanceof GraphQLError ? error.message : String(error)}`);
    }
    return value;
  }

  #location(value: unknown): PublishedLocation {
    if (typeof value !== 'string' || value.length > 2_048) throw new GatewayError('BAD_REQUEST', 'A location is a URL or a registry service name.');
    if (/^[a-z][a-z0-9-]{0,62}$/.test(value)) {
      if (!this.#options.knownService(value)) throw new GatewayError('BAD_REQUEST', `"${value}" is neither a URL nor a service the registry knows.`);
      return { service: value, path: '/graphql' };
    }
    const parsed = URL.canParse(value) ? new URL(value) : undefined;
    if (parsed?.protocol === 'registry:' && /^[a-z][a-z0-9-]{0,62}$/.test(parsed.hostname)) {
      if (!this.#options.knownService(parsed.hostname)) throw new GatewayError('BAD_REQUEST', `"${parsed.hostname}" is not a service the registry knows.`);
      return { service: parsed.hostname, path: parsed.pathname || '/graphql' };
    }
    if ((parsed?.protocol === 'http:' || parsed?.protocol === 'https:') && parsed.hostname !== '' && parsed.username === '' && parsed.password === '') return { url: parsed.href };
    throw new GatewayError('BAD_REQUEST', `"${value}" is neither a URL (http(s)://host:port/path) nor a registry service name.`);
  }

  #clients(value: unknown): ClientName[] {
    if (!Array.isArray(value) || value.length > clientNames.length * 2) throw new GatewayError('BAD_REQUEST', `"clients" is a list of ${clientNames.join(', ')}.`);
    const unknown = value.filter((name) => typeof name !== 'string' || !isClientName(name));
    if (unknown.length > 0) throw new GatewayError('BAD_REQUEST', `Unknown apps in "clients": ${unknown.map(String).join(', ')} (known: ${clientNames.join(', ')}).`);
    return [...new Set(value as ClientName[])];
  }

  /** Runs `task` after every earlier publish of `subgraph` in this process. */
  #serialised<T>(subgraph: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(subgraph) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.#queues.set(subgraph, next.catch(() => undefined));
    return next;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
