import { Kind, type ConstDirectiveNode } from 'graphql';

/** The directive's name, as written in SDL. */
export const fallbackDirectiveName = 'fallback';

/** The enum of fallback kinds, as written in SDL. */
export const fallbackKindEnumName = 'FallbackKind';

/** What a field answers when its service fails. */
export type FallbackKind = 'CACHE' | 'DEFAULT' | 'EMPTY' | 'NULL';

/** A field's declared fallback. */
export interface FallbackDeclaration {
  readonly kind: FallbackKind;
  /** CACHE only: the oldest cached value served, seconds. */
  readonly maxAgeSeconds: number | undefined;
}

const kinds: ReadonlySet<string> = new Set<FallbackKind>(['CACHE', 'DEFAULT', 'EMPTY', 'NULL']);

/**
 * The definitions every subgraph SDL that uses `@fallback` includes verbatim. The directive is
 * gateway-local: composition strips it (and the enum), so no client schema shows it.
 */
export const fallbackDirectiveSdl = `directive @fallback(kind: FallbackKind!, maxAgeSeconds: Int) on FIELD_DEFINITION
enum FallbackKind { CACHE DEFAULT EMPTY NULL }`;

/**
 * Reads `@fallback(kind:, maxAgeSeconds:)` from a field's directives; `undefined` when the field has
 * none. Throws a `TypeError` naming the problem when the arguments are not literals of the right type.
 */
export function readFallbackDirective(directives: readonly ConstDirectiveNode[] | undefined): FallbackDeclaration | undefined {
  const directive = directives?.find((node) => node.name.value === fallbackDirectiveName);
  if (!directive) return undefined;
  let kind: FallbackKind | undefined;
  let maxAgeSeconds: number | undefined;
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'kind' && value.kind === Kind.ENUM && kinds.has(value.value)) kind = value.value as FallbackKind;
    else if (argument.name.value === 'maxAgeSeconds' && value.kind === Kind.INT) maxAgeSeconds = Number(value.value);
    else throw new TypeError(`@fallback: unexpected argument ${argument.name.value}`);
  }
  if (!kind) throw new TypeError('@fallback needs kind: CACHE | DEFAULT | EMPTY | NULL');
  return { kind, maxAgeSeconds };
}
