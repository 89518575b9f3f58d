import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/index.ts';
import type { RequestContext } from '../subgraphs/RequestContext.ts';

/** The signed-in caller; an UNAUTHENTICATED GraphQL error for an anonymous one. */
export function requireViewer(context: RequestContext): Viewer {
  if (!context.viewer) {
    throw new GraphQLError('Sign in to see this.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return context.viewer;
}
