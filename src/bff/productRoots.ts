import type { ProductRecord } from '../upstreams/index.ts';
import type { RequestContext } from '../subgraphs/RequestContext.ts';

/** `products`: every product on offer, as the passenger and web apps list them. */
export function products(_parent: unknown, _args: unknown, context: RequestContext): Promise<ProductRecord[]> {
  return context.loaders.allProducts();
}

/** `product(id:)`: one product, or null when the catalog has no such product. */
export function product(_parent: unknown, args: { id: string }, context: RequestContext): Promise<ProductRecord | null> {
  return context.loaders.products.load(args.id);
}

/** `me` for rider apps: the signed-in rider as a reference the riders subgraph resolves. */
export function meAsRider(_parent: unknown, _args: unknown, context: RequestContext): { id: string } | null {
  return context.viewer ? { id: context.viewer.id } : null;
}
