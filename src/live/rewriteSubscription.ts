import {
  Kind,
  parse,
  parseType,
  print,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { GatewayError } from '../errors/index.ts';

/** A subscription document's one root field, and what a query re-reading it needs. */
export interface SubscriptionRoot {
  /** The root field's name, e.g. `tripUpdated`. */
  readonly field: string;
  /** Its key in each message's `data` (the alias, else the name). */
  readonly responseKey: string;
  /** Its arguments as written, by name (literals or variables). */
  readonly arguments: ReadonlyMap<string, ValueNode>;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly rootField: FieldNode;
}

/**
 * Reads a subscription's one root field (the limits have already parsed and shape-checked the
 * document: this parse is of a small, accepted text). BAD_REQUEST when it is not a subscription
 * with exactly one root field selected directly.
 */
export function readSubscriptionRoot(query: string, operationName: string | undefined): SubscriptionRoot {
  const document = parse(query, { noLocation: true });
  const operations = document.definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((node) => node.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new GatewayError('OPERATION_RESOLUTION_FAILURE', operationName ? `The document has no operation "${operationName}".` : 'The document has several operations: name one.');
  if (operation.operation !== 'subscription') {
    throw new GatewayError('BAD_REQUEST', `Send ${operation.operation === 'query' ? 'queries' : 'mutations'} over HTTP (POST /<client>/graphql); this connection carries subscriptions.`);
  }
  const selections = operation.selectionSet.selections;
  const rootField = selections[0];
  if (selections.length !== 1 || rootField?.kind !== Kind.FIELD) {
    throw new GatewayError('BAD_REQUEST', 'A subscription selects exactly one root field, directly (no fragment at its root).');
  }
  return {
    field: rootField.name.value,
    responseKey: rootField.alias?.value ?? rootField.name.value,
    arguments: new Map((rootField.arguments ?? []).map((argument) => [argument.name.value, argument.value])),
    document,
    operation,
    rootField,
  };
}

/** A value the gateway adds to a rewritten query (an event's key), bound as a variable. */
export interface AddedVariable {
  readonly name: string;
  /** Its GraphQL type, e.g. `ID!`. */
  readonly type: string;
}

/** The query field a subscription's root is re-read through, and its arguments. */
export interface QueryFieldCall {
  readonly field: string;
  readonly arguments: ReadonlyMap<string, ValueNode>;
  readonly addedVariables?: readonly AddedVariable[];
}

/** A variable reference, for {@link QueryFieldCall.arguments}. */
export function variableValue(name: string): ValueNode {
  return { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } };
}

/** A literal integer, for {@link QueryFieldCall.arguments}. */
export function intValue(value: number): ValueNode {
  return { kind: Kind.INT, value: String(value) };
}

/**
 * The query that reads what a subscription's root field delivers: the same document (variables,
 * fragments, the subscriber's whole selection under the root), as a query whose root is `call`
 * aliased to the subscription's response key, e.g. `tripUpdated(tripId: $t) { ... }` →
 * `query { tripUpdated: trip(id: $t) { ... } }`. It then runs like any query: the plan, the
 * DataLoaders, fallbacks and field authorization.
 */
export function rewriteAsQuery(root: SubscriptionRoot, call: QueryFieldCall): string {
  const argumentNodes: ArgumentNode[] = [...call.arguments].map(([name, value]) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value }));
  const added: VariableDefinitionNode[] = (call.addedVariables ?? []).map((variable) => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable.name } },
    type: parseType(variable.type, { noLocation: true }),
  }));
  const rootField: FieldNode = {
    ...root.rootField,
    alias: { kind: Kind.NAME, value: root.responseKey },
    name: { kind: Kind.NAME, value: call.field },
    arguments: argumentNodes,
  };
  const operation: OperationDefinitionNode = {
    ...root.operation,
    operation: 'query' as OperationDefinitionNode['operation'],
    variableDefinitions: [...(root.operation.variableDefinitions ?? []), ...added],
    selectionSet: { ...root.operation.selectionSet, selections: [rootField] },
  };
  // Other operations of the document are left out: a query document names one operation here.
  const definitions = root.document.definitions.filter((node) => node.kind !== Kind.OPERATION_DEFINITION);
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...definitions] });
}
