import type { PromotionsClient } from './PromotionsClient.ts';

/** What a hand-written screen needs to show the promotions subgraph's part: its client and the request's identity token. */
export interface ScreenPromotions {
  readonly client: PromotionsClient;
  /** The gateway-signed token vouching for the viewer (`x-identity-token`); undefined for an anonymous caller. */
  readonly identityToken: string | undefined;
}
