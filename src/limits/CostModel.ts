import { Kind, type DocumentNode } from 'graphql';
import { readCostWeight, readListSize, type ListSizeDeclaration } from './costDirectives.ts';

/** What a subgraph's SDL says one field costs. */
export interface FieldCost {
  /** `@cost(weight:)` on the field: its own weight instead of its type's. */
  readonly weight: number | undefined;
  /** `@listSize(...)`: how many items the list may hold. */
  readonly listSize: ListSizeDeclaration | undefined;
}

/** The list size assumed for a list field without `@listSize` (composition requires one on lists of objects), unless the model is told another. */
export const defaultListSize = 10;

/** Options of {@link CostModel}. */
export interface CostModelOptions {
  /** Items assumed for a list without `@listSize`, or with one that gives neither a slicing argument nor `assumedSize` (default {@link defaultListSize}). */
  readonly assumedListSize?: number;
}

/** The default weight of a mutation's root field (Apollo's demand control uses the same). */
export const mutationFieldWeight = 10;

/**
 * The cost declarations of every subgraph, by schema coordinate: `@cost(weight:)` on fields and
 * object types, `@listSize` on fields. Built once from the SDL the teams published; a coordinate
 * declared by several subgraphs keeps its largest weight and list size.
 */
export class CostModel {
  readonly #fields = new Map<string, FieldCost>();
  readonly #types = new Map<string, number>();
  /** Items assumed for a list whose size nothing declares. */
  readonly assumedListSize: number;

  /**
   * Reads the declarations of `subgraphs` (parsed SDL; a supergraph's SDL works too). Throws a
   * TypeError naming `Type.field` for a malformed directive.
   */
  constructor(subgraphs: readonly DocumentNode[], options: CostModelOptions = {}) {
    this.assumedListSize = options.assumedListSize ?? defaultListSize;
    for (const document of subgraphs) {
      for (const definition of document.definitions) {
        if (
          definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
          definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
          definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
          definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
        ) {
          continue;
        }
        const typeName = definition.name.value;
        const typeWeight = readCostWeight(definition.directives);
        if (typeWeight !== undefined) this.#types.set(typeName, Math.max(typeWeight, this.#types.get(typeName) ?? 0));
        for (const field of definition.fields ?? []) {
          const coordinate = `${typeName}.${field.name.value}`;
          let declared: FieldCost;
          try {
            declared = { weight: readCostWeight(field.directives), listSize: readListSize(field.directives) };
          } catch (error) {
            throw new TypeError(`${coordinate}: ${(error as Error).message}`);
          }
          if (declared.weight === undefined && declared.listSize === undefined) continue;
          this.#fields.set(coordinate, mergeFieldCost(this.#fields.get(coordinate), declared));
        }
      }
    }
  }

  /** The declarations of `Type.field`, if any. */
  field(typeName: string, fieldName: string): FieldCost | undefined {
    return this.#fields.get(`${typeName}.${fieldName}`);
  }

  /** `@cost(weight:)` of an object type, if declared. */
  typeWeight(typeName: string): number | undefined {
    return this.#types.get(typeName);
  }
}

function mergeFieldCost(known: FieldCost | undefined, declared: FieldCost): FieldCost {
  if (!known) return declared;
  const weight = known.weight === undefined ? declared.weight : Math.max(known.weight, declared.weight ?? 0);
  const listSize =
    known.listSize && declared.listSize
      ? { ...known.listSize, assumedSize: Math.max(known.listSize.assumedSize ?? 0, declared.listSize.assumedSize ?? 0) || undefined }
      : (known.listSize ?? declared.listSize);
  return { weight, listSize };
}
