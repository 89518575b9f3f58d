import type { ProductRecord } from '../upstreams/index.ts';
import type { RequestContext } from '../subgraphs/RequestContext.ts';
import { requireViewer } from './requireViewer.ts';
import { viewerNotFound } from './viewerNotFound.ts';

/** `products`: every product on offer, as the passenger and web apps list them. */
export function products(_parent: unknown, _args: unknown, context: RequestContext): Promise<ProductRecord[]> {
  return context.loaders.allProducts();
}

/** `product(id:)`: one product, or null when the catalog has no such product. */
export function product(_parent: unknown, args: { id: string }, context: RequestContext): Promise<ProductRecord | null> {
  return context.loaders.products.load(args.id);
}

/**
 * `me` for rider apps: the signed-in rider as a reference the riders subgraph resolves. The profile
 * is loaded here through the request's DataLoader (the riders subgraph then reads the same cached
 * answer: no extra call), so a riders failure fails this field and its `@fallback(kind: NULL)`
 * reports it in `extensions.degraded`. A token whose subject is no known rider is NOT_FOUND.
 */
export async function meAsRider(_parent: unknown, _args: unknown, context: RequestContext): Promise<{ id: string }> {
  const { id } = requireViewer(context);
  if (!(await context.loaders.riders.load(id))) throw viewerNotFound('rider', id);
  return { id };
}
