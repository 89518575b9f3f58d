import { GraphQLError, isInterfaceType, isObjectType, Kind, TypeInfo, validate, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode, OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationLimits } from '../config/index.ts';
import { GatewayError, isGatewayError, type ErrorCode } from '../errors/index.ts';
import { ArgumentChecks } from './ArgumentChecks.ts';
import type { CostModel } from './CostModel.ts';
import { estimateCost } from './estimateCost.ts';
import { parseDocument } from './parseDocument.ts';
import { shapeLimitRules } from './shapeLimitRules.ts';

/** A GraphQL request as the edge reads it, before Apollo Server sees it. */
export interface GraphQLRequestText {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly operationName: string | undefined;
}

/** What the guard learned of an admitted operation. */
export interface GuardedOperation {
  /** The operation to run; `undefined` when the document does not say which (Apollo Server answers why). */
  readonly operationType: OperationTypeNode | undefined;
  /** Names of the root fields it selects (e.g. `requestRide`), for per-field rate limits. */
  readonly rootFields: readonly string[];
  /** Every `Type.field` it selects (fragments included), for token-only authorization rules. */
  readonly coordinates: ReadonlySet<string>;
  /** Its estimated cost with the request's variables. */
  readonly estimatedCost: number;
}

/** A document that passed the shape limits, with what does not depend on variables. */
interface ShapedDocument {
  readonly document: DocumentNode;
  readonly arguments: ArgumentChecks;
  /** Per operation name ('' for the only one). */
  readonly operations: Map<string, OperationFacts | null>;
}

/** Facts of one operation of a document. */
interface OperationFacts {
  readonly node: OperationDefinitionNode;
  readonly rootFields: readonly string[];
  readonly coordinates: ReadonlySet<string>;
  /** The cost when the operation has no variables (it cannot change). */
  readonly fixedCost: number | undefined;
}

/** Options of {@link OperationGuard}. */
export interface OperationGuardOptions {
  /** The client's API schema (what its callers may select). */
  readonly schema: GraphQLSchema;
  readonly costModel: CostModel;
  readonly limits: OperationLimits;
  /** Longest `ID` argument, characters. */
  readonly maxIdLength: number;
  /** Documents remembered (text → parsed and shape-checked, or the refusal), by total text length (default 8 MiB). */
  readonly cacheBytes?: number;
}

/**
 * Everything one client's operation must pass before planning, cheapest first: the token limit
 * while parsing, the shape limits (depth, aliases, directives, root fields, selection width,
 * introspection depth) before the specification's validation runs, then, per request, argument
 * bounds and the estimated cost with the request's variables. A document's parse and shape verdict
 * is remembered by its text, refusals included, so a repeated hostile document is refused from
 * memory. Every refusal is a GatewayError with its own code; nothing here calls a service.
 */
export class OperationGuard {
  readonly #schema: GraphQLSchema;
  readonly #costModel: CostModel;
  readonly #limits: OperationLimits;
  readonly #maxIdLength: number;
  readonly #documents: LRUCache<string, ShapedDocument | GatewayError>;

  constructor(options: OperationGuardOptions) {
    this.#schema = options.schema;
    this.#costModel = options.costModel;
    this.#limits = options.limits;
    this.#maxIdLength = options.maxIdLength;
    this.#documents = new LRUCache({ maxSize: options.cacheBytes ?? 8 * 1024 * 1024, sizeCalculation: (_value, key) => Math.max(1, key.length) });
  }

  /**
   * Checks one request; throws GatewayError TOKEN_LIMIT_EXCEEDED, GRAPHQL_PARSE_FAILED,
   * DEPTH_LIMIT_EXCEEDED, ALIAS_LIMIT_EXCEEDED, DIRECTIVE_LIMIT_EXCEEDED, ROOT_FIELD_LIMIT_EXCEEDED,
   * SELECTION_LIMIT_EXCEEDED, INTROSPECTION_DEPTH_EXCEEDED, BAD_USER_INPUT or COST_LIMIT_EXCEEDED.
   */
  check(request: GraphQLRequestText): GuardedOperation {
    const shaped = this.#shaped(request.query);
    const facts = this.#operation(shaped, request.operationName);
    shaped.arguments.check(request.variables);
    if (!facts) return { operationType: undefined, rootFields: [], coordinates: new Set(), estimatedCost: 0 };
    const estimatedCost = facts.fixedCost ?? estimateCost(this.#schema, this.#costModel, shaped.document, facts.node, request.variables);
    if (estimatedCost > this.#limits.maxCost) {
      throw new GatewayError(
        'COST_LIMIT_EXCEEDED',
        `The operation's estimated cost is ${estimatedCost}; the limit is ${this.#limits.maxCost}. Ask for smaller lists (e.g. lower "first") or fewer nested lists.`,
      );
    }
    return { operationType: facts.node.operation, rootFields: facts.rootFields, coordinates: facts.coordinates, estimatedCost };
  }

  #shaped(query: string): ShapedDocument {
    const known = this.#documents.get(query);
    if (known instanceof GatewayError) throw known;
    if (known) return known;
    let shaped: ShapedDocument | GatewayError;
    try {
      const document = parseDocument(query, this.#limits.maxTokens);
      const violation = validate(this.#schema, document, shapeLimitRules(this.#limits), { maxErrors: 10 })[0];
      shaped = violation ? refusal(violation) : { document, arguments: new ArgumentChecks(this.#schema, document, this.#maxIdLength), operations: new Map() };
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      shaped = error;
    }
    this.#documents.set(query, shaped);
    if (shaped instanceof GatewayError) throw shaped;
    return shaped;
  }

  #operation(shaped: ShapedDocument, operationName: string | undefined): OperationFacts | null {
    const key = operationName ?? '';
    let facts = shaped.operations.get(key);
    if (facts === undefined) {
      const operations = shaped.document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
      const node = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((operation) => operation.name?.value === operationName);
      facts = node ? this.#facts(shaped.document, node) : null;
      // Operation names come from callers: keep a few per document, not one per made-up name.
      if (shaped.operations.size < 16) shaped.operations.set(key, facts);
    }
    return facts;
  }

  #facts(document: DocumentNode, node: OperationDefinitionNode): OperationFacts {
    const coordinates = new Set<string>();
    const rootFields = new Set<string>();
    const used = usedFragments(document, node);
    const typeInfo = new TypeInfo(this.#schema);
    const visitor = visitWithTypeInfo(typeInfo, {
      Field(field) {
        const parent = typeInfo.getParentType();
        if (parent && (isObjectType(parent) || isInterfaceType(parent)) && !field.name.value.startsWith('__')) coordinates.add(`${parent.name}.${field.name.value}`);
        return undefined;
      },
    });
    visit(node, visitor);
    for (const fragment of used) visit(fragment, visitor);
    const rootType = node.operation === 'mutation' ? this.#schema.getMutationType() : node.operation === 'subscription' ? this.#schema.getSubscriptionType() : this.#schema.getQueryType();
    for (const coordinate of coordinates) {
      const [typeName, fieldName] = coordinate.split('.');
      if (rootType && typeName === rootType.name && fieldName) rootFields.add(fieldName);
    }
    const fixedCost = (node.variableDefinitions?.length ?? 0) === 0 ? estimateCost(this.#schema, this.#costModel, document, node, {}) : undefined;
    return { node, rootFields: [...rootFields], coordinates, fixedCost };
  }
}

/** The fragment definitions an operation spreads, directly or through other fragments. */
function usedFragments(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode['definitions'] {
  const byName = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  const used = new Set<string>();
  const pending = [operation as DocumentNode['definitions'][number]];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    visit(next, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !used.has(spread.name.value)) {
          used.add(spread.name.value);
          pending.push(fragment);
        }
      },
    });
  }
  return [...used].flatMap((name) => {
    const fragment = byName.get(name);
    return fragment ? [fragment] : [];
  });
}

/** A shape violation as the GatewayError the edge answers with. */
function refusal(violation: GraphQLError): GatewayError {
  const code = violation.extensions.code;
  return new GatewayError(typeof code === 'string' ? (code as ErrorCode) : 'BAD_REQUEST', violation.message);
}
