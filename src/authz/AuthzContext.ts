import type { Viewer } from '../auth/index.ts';
import type { TokenDenial } from './tokenRule.ts';
import type { ViewerRelations } from './ViewerRelations.ts';

/** What the field authorization reads from a request's context (the subgraphs' `RequestContext` has it all). */
export interface AuthzContext {
  /** Null for an anonymous caller. */
  readonly viewer: Viewer | null;
  /** Token-only denials the edge decided before planning (`TokenRules.denials`); absent: the resolvers decide alone. */
  readonly deniedFields?: ReadonlyMap<string, TokenDenial>;
  readonly relations: ViewerRelations;
}
