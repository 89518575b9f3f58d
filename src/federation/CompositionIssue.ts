import { getLocation, Kind, Source, type ASTNode, type DocumentNode, type GraphQLError } from 'graphql';

/** Where in a subgraph's SDL a composition issue points (1-based line and column). */
export interface IssueLocation {
  /** The subgraph whose SDL it is in, when known. */
  readonly subgraph?: string;
  readonly line: number;
  readonly column: number;
}

/** One reason a client supergraph does not compose. */
export interface CompositionIssue {
  /** As composition states it, usually prefixed `[<subgraph>]`. */
  readonly message: string;
  /** The subgraph it names first, when it names one. */
  readonly subgraph?: string;
  /** Apollo's error code (e.g. `FIELD_TYPE_MISMATCH`), when it has one. */
  readonly code?: string;
  /** The SDL places it is about; in the SDL as written (composition keeps the nodes' `loc`). */
  readonly locations: readonly IssueLocation[];
}

/** The name graphql-js gives a source nobody named. */
const defaultSourceName = new Source('').name;

/** `[name] message`: composition names the subgraph first. */
const subgraphPrefix = /^\[([^\]]+)\] /;

/** An `@apollo/composition` error as a {@link CompositionIssue}: the nodes carry their subgraph (`addSubgraphToASTNode`). */
export function issueFromCompositionError(error: GraphQLError): CompositionIssue {
  const locations = (error.nodes ?? []).flatMap((node: ASTNode & { subgraph?: unknown }): IssueLocation[] => {
    if (!node.loc) return [];
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    // Composition tags some nodes with their subgraph; the others tell it by their source's name (see composeClientSupergraph).
    const subgraph = typeof node.subgraph === 'string' ? node.subgraph : node.loc.source.name !== defaultSourceName ? node.loc.source.name : undefined;
    return [subgraph === undefined ? { line, column } : { subgraph, line, column }];
  });
  const subgraph = subgraphPrefix.exec(error.message)?.[1] ?? locations.find((location) => location.subgraph)?.subgraph;
  const code = typeof error.extensions['code'] === 'string' ? error.extensions['code'] : undefined;
  return { message: error.message, locations, ...(subgraph === undefined ? {} : { subgraph }), ...(code === undefined ? {} : { code }) };
}

/**
 * A gateway check's problem (`Type.field: ...`, from checkFallbacks, checkAuthz, checkCostDirectives)
 * in `subgraph`, located at that field's definition in `document` when it names one.
 */
export function issueFromSdlProblem(subgraph: string, document: DocumentNode, problem: string): CompositionIssue {
  const coordinate = /^(\w+)\.(\w+):/.exec(problem);
  const node = coordinate ? fieldDefinition(document, coordinate[1] ?? '', coordinate[2] ?? '') : undefined;
  const locations: IssueLocation[] = [];
  if (node?.loc) {
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    locations.push({ subgraph, line, column });
  }
  return { message: `[${subgraph}] ${problem}`, subgraph, locations };
}

/** The first definition of `typeName.fieldName` in `document` (types and their extensions). */
function fieldDefinition(document: DocumentNode, typeName: string, fieldName: string): ASTNode | undefined {
  for (const definition of document.definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
        definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
        definition.kind === Kind.INTERFACE_TYPE_EXTENSION) &&
      definition.name.value === typeName
    ) {
      const field = definition.fields?.find((candidate) => candidate.name.value === fieldName);
      // Its name, not the node: a field's node starts at its description.
      if (field) return field.name;
    }
  }
  return undefined;
}
