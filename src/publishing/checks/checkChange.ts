import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { clientNames, type ClientName } from '../../config/index.ts';
import type { ClientSupergraph } from '../../federation/index.ts';
import type { BrokenOperation, CheckReport, CompositionProblem, SchemaChange } from '../types.ts';
import { checkClientSafety } from './checkClientSafety.ts';
import { loadClientOperations, type ClientOperationFile } from './ClientOperations.ts';
import { composeInThread, type Composer } from './Composer.ts';
import { compositionProblems } from './compositionProblems.ts';
import { apiSchemaOf, diffApiSchemas, diffSubgraphSdl } from './diffSchemas.ts';
import { clientSubgraphs, liveSubgraph, withChange, type LiveGraph, type ProposedChange } from './LiveGraph.ts';
import { parseProposedSdl } from './parseProposedSdl.ts';

/** Options of {@link checkChange}. */
export interface CheckOptions {
  /** The apps' operations to keep working. Default: `clients/<client>/*.graphql`, read at each call. */
  readonly operations?: readonly ClientOperationFile[];
  /** The supergraphs served now, by client: spares composing the live graph again. Default: composed from `live`. */
  readonly liveSupergraphs?: Readonly<Partial<Record<ClientName, ClientSupergraph>>>;
  /** How supergraphs are composed. Default: {@link composeInThread}. */
  readonly compose?: Composer;
}

/** A check's verdict, and the supergraphs of the clients it affects, composed with the change (all of them when `report.ok`). */
export interface CheckResult {
  readonly report: CheckReport;
  readonly supergraphs: Partial<Record<ClientName, ClientSupergraph>>;
}

/**
 * Checks `change` against the graph as served (`live`), the same for `check` and `publish`:
 *
 * 1. the SDL parses (within `maxSdlTokens`);
 * 2. every client whose supergraph includes the subgraph, before or after (a client dropped from
 *    `change.clients` loses it), composes with the change: composition errors and the gateway's
 *    own SDL rules (`@fallback`, cost, field authorization) as {@link CompositionProblem}s;
 * 3. the diff of the subgraph's SDL against its live version, and of each affected client's API schema;
 * 4. client safety: every operation of each affected client validates against its proposed
 *    schema, and none uses what a breaking change touches (a nullability change included);
 *    a breaking change no operation uses is a warning, an error when `change.strict`.
 *
 * `ok` when nothing is an error. Team rules are {@link checkPrincipal}'s.
 */
export async function checkChange(live: LiveGraph, change: ProposedChange, options: CheckOptions = {}): Promise<CheckResult> {
  const compose = options.compose ?? composeInThread;
  const operations = options.operations ?? loadClientOperations();
  const previous = liveSubgraph(live, change.subgraph);
  const affected = clientNames.filter((client) => change.clients.includes(client) || (previous?.clients.includes(client) ?? false));
  const findings = new Findings(change);

  const parsed = parseProposedSdl(change.subgraph, change.sdl);
  if (!parsed.ok) {
    findings.syntax(affected, parsed.message, parsed.locations);
    return { report: findings.report(), supergraphs: {} };
  }
  const proposedGraph = withChange(live, change);
  const supergraphs: Partial<Record<ClientName, ClientSupergraph>> = {};
  for (const client of affected) {
    let proposed: ClientSupergraph;
    try {
      proposed = await compose(client, clientSubgraphs(proposedGraph, client));
    } catch (error) {
      findings.composition.push(...compositionProblems(client, error, change.subgraph));
      continue;
    }
    supergraphs[client] = proposed;
    const before = await liveSchema(client, live, options.liveSupergraphs, compose, findings);
    const after = apiSchemaOf(proposed.apiSchemaSdl);
    const changes = before ? await diffApiSchemas(before, after) : [];
    findings.clientChanges[client] = changes;
    const safety = checkClientSafety(client, before, after, changes, operations);
    findings.broken.push(...safety.brokenOperations);
    findings.unusedBreaking(client, safety.unusedBreaking);
  }
  await findings.diffSubgraph(previous ? previous.sdl : undefined, parsed.document);
  const report = findings.report();
  return { report, supergraphs: report.ok ? supergraphs : {} };
}

/** The live API schema of `client`: the served supergraph's, else `live` composed; a warning and none when it does not compose. */
async function liveSchema(
  client: ClientName,
  live: LiveGraph,
  served: CheckOptions['liveSupergraphs'],
  compose: Composer,
  findings: Findings,
): Promise<GraphQLSchema | undefined> {
  const supergraph = served?.[client];
  if (supergraph) return apiSchemaOf(supergraph.apiSchemaSdl);
  const subgraphs = clientSubgraphs(live, client);
  if (subgraphs.length === 0) return undefined;
  try {
    return apiSchemaOf((await compose(client, subgraphs)).apiSchemaSdl);
  } catch (error) {
    const why = compositionProblems(client, error, '').map((problem) => problem.message).join('; ');
    findings.warnings.push(`${client}: the live supergraph does not compose (${why}); its schema diff and the breaking changes operations use are not known, operations are validated only`);
    return undefined;
  }
}

/** What the check found so far, and the report it makes. */
class Findings {
  readonly composition: CompositionProblem[] = [];
  readonly clientChanges: Partial<Record<ClientName, readonly SchemaChange[]>> = {};
  readonly broken: BrokenOperation[] = [];
  readonly warnings: string[] = [];
  readonly #strictErrors: string[] = [];
  readonly #otherErrors: string[] = [];
  #changes: readonly SchemaChange[] = [];
  readonly #change: ProposedChange;

  constructor(change: ProposedChange) {
    this.#change = change;
  }

  /** The SDL does not parse: a problem of every affected client's composition (an error even when none is affected). */
  syntax(clients: readonly ClientName[], message: string, locations: CompositionProblem['locations']): void {
    if (clients.length === 0) this.#otherErrors.push(message);
    for (const client of clients) this.composition.push({ client, message, subgraph: this.#change.subgraph, ...(locations && locations.length > 0 ? { locations } : {}) });
  }

  unusedBreaking(client: ClientName, changes: readonly SchemaChange[]): void {
    for (const change of changes) {
      const text = `${client}: ${change.message}${change.path ? ` (${change.path})` : ''}: breaking, but no known operation uses it`;
      (this.#change.strict ? this.#strictErrors : this.warnings).push(this.#change.strict ? `${text} (strict)` : text);
    }
  }

  /**
   * The subgraph SDL's diff. A proposed SDL that is not a valid subgraph is an error only when
   * composition did not already say why; a live one that is not (stored before these checks) leaves no diff, with a warning.
   */
  async diffSubgraph(liveSdl: string | undefined, proposed: DocumentNode): Promise<void> {
    const subgraph = this.#change.subgraph;
    let schema: GraphQLSchema;
    try {
      schema = buildSubgraphSchema(proposed);
    } catch (error) {
      if (this.composition.length === 0) this.#otherErrors.push(`[${subgraph}] not a valid subgraph: ${(error as Error).message}`);
      return;
    }
    try {
      this.#changes = await diffSubgraphSdl(liveSdl === undefined ? undefined : parse(liveSdl), proposed, schema);
    } catch (error) {
      this.warnings.push(`[${subgraph}] no diff: the live SDL is not a valid subgraph (${(error as Error).message})`);
    }
  }

  report(): CheckReport {
    const errors = [...groupByMessage(this.composition), ...this.#otherErrors, ...this.broken.map(describeBroken), ...this.#strictErrors];
    return {
      ok: errors.length === 0,
      subgraph: this.#change.subgraph,
      errors,
      composition: this.composition,
      changes: this.#changes,
      clientChanges: this.clientChanges,
      brokenOperations: this.broken,
      warnings: this.warnings,
    };
  }
}

/** One error line per composition message, naming every client it fails (the same rule often fails them all). */
function groupByMessage(problems: readonly CompositionProblem[]): string[] {
  const clients = new Map<string, ClientName[]>();
  for (const problem of problems) {
    const where = problem.locations?.[0] ? ` (${problem.subgraph ?? 'SDL'} ${problem.locations[0].line}:${problem.locations[0].column})` : '';
    const key = `${problem.message}${where}`;
    clients.set(key, [...(clients.get(key) ?? []), problem.client]);
  }
  return [...clients].map(([message, names]) => `${names.join(', ')} does not compose: ${message}`);
}

function describeBroken(entry: BrokenOperation): string {
  return `${entry.client}: ${entry.operation} uses ${entry.field}: ${entry.message}`;
}
