import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { GatewayError } from '../errors/index.ts';

/** What an ID looks like: letters, digits and `_ . : -`, starting with a letter or digit. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Ranges of coordinate arguments and input fields, by name, degrees. */
const coordinateRanges: Readonly<Record<string, number>> = { lat: 90, lng: 180 };

/** One argument of the document, with its type. */
interface ArgumentUse {
  readonly name: string;
  readonly where: string;
  readonly type: GraphQLInputType;
  readonly value: ValueNode;
}

/**
 * The bounds on argument values, checked at the edge before any upstream call: every `ID` (in an
 * argument, an input object or a list, literal or variable) is at most `maxIdLength` characters of
 * letters, digits and `_ . : -`; every `lat` is within ±90 and every `lng` within ±180. Compiled
 * once per document (the arguments and their types); {@link check} runs per request with its
 * variables and throws GatewayError BAD_USER_INPUT naming the argument.
 */
export class ArgumentChecks {
  readonly #uses: readonly ArgumentUse[];
  readonly #maxIdLength: number;

  constructor(schema: GraphQLSchema, document: DocumentNode, maxIdLength: number) {
    this.#maxIdLength = maxIdLength;
    const uses: ArgumentUse[] = [];
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const definition = typeInfo.getArgument();
          const field = typeInfo.getFieldDef();
          if (definition && needsCheck(definition.type)) {
            uses.push({ name: node.name.value, where: `${field?.name ?? '?'}(${node.name.value}:)`, type: definition.type, value: node.value });
          }
        },
      }),
    );
    this.#uses = uses;
  }

  /** Throws GatewayError BAD_USER_INPUT for the first argument out of bounds with these `variables`. */
  check(variables: Readonly<Record<string, unknown>>): void {
    for (const use of this.#uses) this.#checkValue(use.type, valueFromASTUntyped(use.value, variables), use.where, use.name);
  }

  #checkValue(type: GraphQLInputType, value: unknown, where: string, name: string): void {
    if (value === null || value === undefined) return;
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      if (Array.isArray(value)) for (const item of value) this.#checkValue(nullable.ofType, item, where, name);
      else this.#checkValue(nullable.ofType, value, where, name);
      return;
    }
    if (isInputObjectType(nullable)) {
      if (typeof value !== 'object') return;
      for (const field of Object.values(nullable.getFields())) {
        const fieldValue = (value as Record<string, unknown>)[field.name];
        this.#checkValue(field.type, fieldValue, `${where}.${field.name}`, field.name);
      }
      return;
    }
    if (nullable.name === 'ID' && (typeof value === 'string' || typeof value === 'number')) {
      const id = String(value);
      if (id.length > this.#maxIdLength) {
        throw new GatewayError('BAD_USER_INPUT', `${where} is ${id.length} characters long; an id is at most ${this.#maxIdLength}.`);
      }
      if (!idPattern.test(id)) {
        throw new GatewayError('BAD_USER_INPUT', `${where} must be letters, digits and _ . : - only.`);
      }
      return;
    }
    const range = coordinateRanges[name];
    if (range !== undefined && typeof value === 'number' && !(Math.abs(value) <= range)) {
      throw new GatewayError('BAD_USER_INPUT', `${where} must be between -${range} and ${range} degrees.`);
    }
  }
}

/** Whether a value of `type` may hold an ID or a coordinate (worth checking per request). */
function needsCheck(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID' || named.name === 'Float') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => needsCheck(field.type, seen));
}
