import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import type { Promotion, Voucher } from '../seed/types.ts';
import type { Identity, SubgraphContext } from './Identity.ts';

/** The promotions team's data: the seed's `promotions` and `vouchers`. */
export interface PromotionsData {
  readonly promotions: readonly Promotion[];
  readonly vouchers: readonly Voucher[];
}

/** The SDL the gateway composes (`schemas/remote/promotions.graphql`), read once. */
const PROMOTIONS_SDL = readFileSync(new URL('../../../schemas/remote/promotions.graphql', import.meta.url), 'utf8');

/**
 * What this deployment serves beyond the published SDL: the team ships the code first and publishes
 * the field after (`npm run subgraph -- publish promotions ...`, the README's walkthrough). Until
 * then no client schema has it, so no app can ask for it.
 */
const AHEAD_OF_PUBLISHED_SDL = `extend type Promotion {
  "A line for the product page, e.g. '10% off Comfort until Sunday'."
  headline: String
}`;

/** The resolver map `buildSubgraphSchema` takes (not exported by its package's entry point). */
type SubgraphResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/** A `Product` or `Rider` as this subgraph sees it: the key, from a representation or a reference. */
interface EntityRef {
  readonly id: string;
}

/**
 * The promotions subgraph: `Product.promotion` (public), `Rider.vouchers` (`@owner(rules: [SELF])`,
 * enforced here from the identity token) and `Voucher.product`, a reference the catalog subgraph
 * resolves. The SDL declares the gateway's directives (@owner, @fallback, @cost, ...), so it is
 * built as is: they are plain custom directives to `buildSubgraphSchema`.
 */
export function createPromotionsSchema(data: PromotionsData): GraphQLSchema {
  const promotionByProduct = new Map(data.promotions.map((p) => [p.productId, p]));
  const vouchersByRider = new Map<string, Voucher[]>();
  for (const voucher of data.vouchers) {
    const held = vouchersByRider.get(voucher.riderId);
    if (held === undefined) vouchersByRider.set(voucher.riderId, [voucher]);
    else held.push(voucher);
  }
  const resolvers = {
    Product: {
      // Any id is a product to this subgraph: the catalog owns the entity; unknown ones have no promotion.
      __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }),
      promotion: (product: EntityRef): Promotion | null => promotionByProduct.get(product.id) ?? null,
    },
    Rider: {
      __resolveReference: (ref: EntityRef): EntityRef => ({ id: ref.id }),
      vouchers: async (rider: EntityRef, _args: unknown, context: SubgraphContext): Promise<readonly Voucher[]> => {
        requireSelf(await context.identity(), rider.id, "a rider's vouchers");
        return vouchersByRider.get(rider.id) ?? [];
      },
    },
    Promotion: {
      headline: (promotion: Promotion): string => `${promotion.discountPercent}% off with ${promotion.code}`,
    },
    Voucher: {
      product: (voucher: Voucher): { __typename: 'Product'; id: string } => ({ __typename: 'Product', id: voucher.productId }),
    },
  };
  return buildSubgraphSchema([{ typeDefs: parse(`${PROMOTIONS_SDL}\n${AHEAD_OF_PUBLISHED_SDL}`), resolvers: resolvers as SubgraphResolverMap }]);
}

/**
 * The SELF owner rule: only the person themselves. @throws GraphQLError UNAUTHENTICATED without a
 * valid identity token, FORBIDDEN for anyone else (the field is then null, with the error at its path).
 */
function requireSelf(identity: Identity, personId: string, what: string): void {
  switch (identity.kind) {
    case 'signed-in':
      if (identity.viewerId === personId) return;
      throw new GraphQLError(`Only the person themselves can see ${what}.`, { extensions: { code: 'FORBIDDEN' } });
    case 'anonymous':
      throw new GraphQLError(`Sign in to see ${what}: the request carries no identity token.`, { extensions: { code: 'UNAUTHENTICATED' } });
    case 'invalid':
      throw new GraphQLError(`Sign in to see ${what}: the identity token was refused (${identity.reason}).`, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}
