import { GraphQLError, parse, Source, type DocumentNode } from 'graphql';

/**
 * At most this many tokens in one subgraph's SDL (graphql `parse`'s `maxTokens`): a 1 MB SDL of
 * short field definitions has ~300k; the largest repository SDL has a few thousand. Bounds
 * the parse and, with it, everything the check builds from the document.
 */
export const maxSdlTokens = 300_000;

/** A proposed SDL, parsed; or why it cannot be (empty, a syntax error, too many tokens) and where. */
export type ParsedSdl =
  | { readonly ok: true; readonly document: DocumentNode }
  | { readonly ok: false; readonly message: string; readonly locations: readonly { readonly line: number; readonly column: number }[] };

/** Parses `sdl` as `subgraph`'s (the source is named after it, so errors say whose), within {@link maxSdlTokens}. */
export function parseProposedSdl(subgraph: string, sdl: string): ParsedSdl {
  if (sdl.trim() === '') return { ok: false, message: `[${subgraph}] the SDL is empty`, locations: [] };
  try {
    return { ok: true, document: parse(new Source(sdl, subgraph), { maxTokens: maxSdlTokens }) };
  } catch (error) {
    // A RangeError: brackets nested past the stack (`[[[[...`), which maxTokens alone allows.
    if (!(error instanceof GraphQLError)) return { ok: false, message: `[${subgraph}] the SDL nests too deep to parse`, locations: [] };
    return { ok: false, message: `[${subgraph}] ${error.message}`, locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })) };
  }
}
