import { isEnumType, isInputObjectType, validate, type GraphQLSchema } from 'graphql';
import type { ClientName } from '../../config/index.ts';
import type { BrokenOperation, SchemaChange } from '../types.ts';
import type { ClientOperationFile } from './ClientOperations.ts';
import { DocumentUsage, type OperationUsage } from './operationUsage.ts';

/** What a change does to one client's operations. */
export interface ClientSafety {
  /** Operations that no longer validate, or that use something a breaking change touches (a nullability change included). */
  readonly brokenOperations: readonly BrokenOperation[];
  /** Breaking changes of the client's schema that no operation uses. */
  readonly unusedBreaking: readonly SchemaChange[];
}

/**
 * Validates every operation of `client` against its proposed API schema (graphql `validate`),
 * and maps each BREAKING change of the client's schema (`changes`, live → proposed) to the
 * operations using what it touches: the field (`Type.field`, an argument's field too), or the
 * type for type-level changes, enum values and input fields. A change validation does not catch
 * (a field becoming nullable, an argument's type changing) still breaks an operation using it.
 * Coordinates are read against the live schema first (the operations were written for it), then
 * the proposed one.
 */
export function checkClientSafety(
  client: ClientName,
  live: GraphQLSchema | undefined,
  proposed: GraphQLSchema,
  changes: readonly SchemaChange[],
  operations: readonly ClientOperationFile[],
): ClientSafety {
  const broken: BrokenOperation[] = [];
  const seen = new Set<string>();
  const add = (entry: BrokenOperation) => {
    const key = `${entry.operation}\n${entry.field}`;
    if (seen.has(key)) return;
    seen.add(key);
    broken.push(entry);
  };
  const breaking = changes.filter((change) => change.criticality === 'BREAKING');
  const used = new Set<SchemaChange>();
  for (const file of operations) {
    if (file.client !== client) continue;
    const before = live ? new DocumentUsage(file.document, live) : undefined;
    const after = new DocumentUsage(file.document, proposed);
    const label = (name: string) => `${name} (${file.file})`;
    for (const error of validate(proposed, file.document)) {
      const offset = error.nodes?.[0]?.loc?.start ?? 0;
      const field = before?.coordinateAt(offset) ?? after.coordinateAt(offset) ?? '(operation)';
      const names = (before ?? after).operationsAt(offset);
      for (const name of names.length > 0 ? names : ['(document)']) add({ client, operation: label(name), field, message: error.message });
    }
    for (const usage of (before ?? after).operations) {
      for (const change of breaking) {
        if (!change.path || !usesPath(usage, change.path, live ?? proposed)) continue;
        used.add(change);
        add({ client, operation: label(usage.name), field: fieldOf(change.path), message: `${change.message} (a breaking change to what it selects)` });
      }
    }
  }
  return { brokenOperations: broken, unusedBreaking: breaking.filter((change) => !used.has(change)) };
}

/**
 * Whether an operation uses what a change path names: `Type.field` (and `Type.field.arg`) when it
 * selects the field; `Type` (or `Type.@directive`) when it touches the type; an enum value or
 * input field (`Enum.VALUE`, `Input.field`) when it touches its type.
 */
function usesPath(usage: OperationUsage, path: string, schema: GraphQLSchema): boolean {
  const [typeName = '', member] = path.split('.');
  if (member === undefined || member.startsWith('@')) return usage.types.has(typeName);
  if (usage.fields.has(`${typeName}.${member}`)) return true;
  const type = schema.getType(typeName);
  return (isEnumType(type) || isInputObjectType(type)) && usage.types.has(typeName);
}

/** The coordinate a change path is about: `Type.field` of `Type.field.arg`, else the path. */
function fieldOf(path: string): string {
  const [typeName, member] = path.split('.');
  return member === undefined || member.startsWith('@') ? (typeName ?? path) : `${typeName}.${member}`;
}
