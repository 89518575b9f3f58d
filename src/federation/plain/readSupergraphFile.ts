import { readFileSync, statSync } from 'node:fs';
import { GraphQLError, Kind, parse, type ConstDirectiveNode, type DocumentNode, type EnumTypeDefinitionNode } from 'graphql';
import { CostModel } from '../../limits/index.ts';
import { parseSubgraphUrl, type SubgraphLocation } from './SubgraphLocation.ts';
import { SupergraphFileError } from './SupergraphFileError.ts';

/** A supergraph file read and checked: what plain mode serves. */
export interface LoadedSupergraph {
  /** The file's absolute path. */
  readonly file: string;
  /** Its text, handed to `@apollo/gateway` as is. */
  readonly sdl: string;
  /** Every subgraph by its `join__graph(name:)`, with where it runs. */
  readonly subgraphs: ReadonlyMap<string, SubgraphLocation>;
  /** Its `@cost` / `@listSize` declarations (usually none), for the limits. */
  readonly costModel: CostModel;
  /** When the file was last modified, ms since the epoch. */
  readonly modifiedAt: number;
}

/** How a supergraph is read. */
export interface ReadSupergraphOptions {
  /** Items the cost estimate assumes for a list without `@listSize`. */
  readonly assumedListSize: number;
}

/**
 * Reads and checks the supergraph file at `file` (absolute). Throws {@link SupergraphFileError}
 * naming the file and the problem: unreadable, empty, not GraphQL, not a supergraph (no join spec,
 * no `join__Graph` enum or no subgraph in it), a subgraph without a URL or with one that is neither
 * http(s) nor `registry://`, or a malformed cost directive. What `@apollo/gateway` checks when it
 * loads it (the supergraph's consistency) is its own.
 */
export function readSupergraphFile(file: string, options: ReadSupergraphOptions): LoadedSupergraph {
  let sdl: string;
  let modifiedAt: number;
  try {
    modifiedAt = statSync(file).mtimeMs;
    sdl = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SupergraphFileError(file, `it cannot be read (${describeFsError(error)})`);
  }
  return parseSupergraph(file, sdl, modifiedAt, options);
}

/** {@link readSupergraphFile} on text already read. */
export function parseSupergraph(file: string, sdl: string, modifiedAt: number, options: ReadSupergraphOptions): LoadedSupergraph {
  const refuse = (problem: string): never => {
    throw new SupergraphFileError(file, problem);
  };
  if (sdl.trim() === '') refuse('it is empty');
  let document: DocumentNode;
  try {
    document = parse(sdl, { noLocation: false });
  } catch (error) {
    const where = error instanceof GraphQLError && error.locations?.[0] ? ` at line ${error.locations[0].line}, column ${error.locations[0].column}` : '';
    return refuse(`it is not GraphQL SDL${where}: ${error instanceof GraphQLError ? error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '') : String(error)}`);
  }
  const composeHint = 'compose one with `rover supergraph compose` (or @apollo/composition)';
  if (!linksJoinSpec(document)) refuse(`it is not a supergraph: its schema does not @link the join spec (https://specs.apollo.dev/join); ${composeHint}`);
  const graphs = document.definitions.find((definition): definition is EnumTypeDefinitionNode => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph');
  if (!graphs) return refuse(`it is not a supergraph: it has no join__Graph enum; ${composeHint}`);
  if (!graphs.values?.length) refuse('its join__Graph enum names no subgraph');
  const subgraphs = new Map<string, SubgraphLocation>();
  for (const value of graphs.values ?? []) {
    const directive = value.directives?.find((node) => node.name.value === 'join__graph');
    const name = stringArgument(directive, 'name') ?? value.name.value.toLowerCase();
    const url = stringArgument(directive, 'url');
    if (url === undefined || url.trim() === '') refuse(`subgraph "${name}" (join__Graph.${value.name.value}) has no URL: give it @join__graph(url: "http://..." or "registry://<service>/<path>")`);
    try {
      subgraphs.set(name, parseSubgraphUrl((url as string).trim()));
    } catch (error) {
      refuse(`subgraph "${name}": ${(error as Error).message}`);
    }
  }
  let costModel: CostModel;
  try {
    costModel = new CostModel([document], { assumedListSize: options.assumedListSize });
  } catch (error) {
    return refuse(`a cost directive is malformed: ${(error as Error).message}`);
  }
  return { file, sdl, subgraphs, costModel, modifiedAt };
}

/** Whether the schema links the join spec: `@link(url: ".../join/v0.x")` (Federation 2) or `@core(feature: ...)` (Federation 1). */
function linksJoinSpec(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) &&
      (definition.directives ?? []).some((directive) => {
        const url = directive.name.value === 'link' ? stringArgument(directive, 'url') : directive.name.value === 'core' ? stringArgument(directive, 'feature') : undefined;
        return url !== undefined && /specs\.apollo\.dev\/join\//.test(url);
      }),
  );
}

/** A string argument of `directive`, if it has one. */
function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** A file system error in a few words (`ENOENT: no such file or directory`), without a stack. */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent is not a directory',
  };
  return code ? `${code}: ${reasons[code] ?? (error as Error).message}` : String(error);
}

