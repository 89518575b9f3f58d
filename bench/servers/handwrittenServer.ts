/**
 * System D, the floor: one hand-written `node:http` endpoint per screen, no GraphQL. It checks the
 * same token the gateway checks, makes the same service calls with `Promise.all` through the
 * project's upstream clients, and writes the JSON itself.
 *   GET /passenger/home?lat=&lng=&first=10[&promotions=1]   (PassengerHome; with the rider's vouchers)
 *   GET /web/product?id=p-comfort[&promotions=1]            (ProductDetails; with the product's promotion)
 * Env: the gateway's own (REGISTRY_URL, JWT_SECRET, ...); it uses the gateway's service clients
 * and call policies (src/upstreams), so the gap to A is what GraphQL costs. The promotions
 * subgraph (a remote team's GraphQL service) it calls as a hand-written backend would: one
 * `_entities` POST per screen to PROMOTIONS_URLS (comma list, round robin), with the same
 * gateway-signed identity token as the gateways send (IDENTITY_SECRET, cached per session).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ViewerVerifier } from '../../src/auth/index.ts';
import type { ClientName } from '../../src/config/index.ts';
import { isGatewayError } from '../../src/errors/index.ts';
// The file, not the folder's index: the floor must not load Apollo Server just for this.
import { startRequestDeadline } from '../../src/server/requestDeadline.ts';
import { readOptions } from '../../src/subgraphs/index.ts';
import { createBenchServiceStack } from './benchServiceStack.ts';
import type { HandwrittenResult } from './handwritten/HandwrittenResult.ts';
import { passengerHome } from './handwritten/passengerHome.ts';
import { productDetails } from './handwritten/productDetails.ts';
import { PromotionsClient } from './handwritten/PromotionsClient.ts';
import type { ScreenPromotions } from './handwritten/ScreenPromotions.ts';
import { IdentityTokens } from './identity/IdentityTokens.ts';

const { config, upstreams } = await createBenchServiceStack();
const verifier = new ViewerVerifier(config.auth);
const promotionsUrls = (process.env.PROMOTIONS_URLS ?? '').split(',').filter((url) => url !== '');
const promotionsClient = promotionsUrls.length > 0 ? new PromotionsClient(promotionsUrls) : undefined;
const identityTokens = promotionsClient ? new IdentityTokens({ secret: process.env.IDENTITY_SECRET ?? '' }) : undefined;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The screens, by path, and the client each belongs to. */
const screens: Readonly<Record<string, ClientName>> = { '/passenger/home': 'passenger', '/web/product': 'web' };

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const client = screens[url.pathname];
  if (!client) return send(res, 404, { error: 'not found' });
  // The same whole-request deadline and token check as the gateway's for that client.
  const options = readOptions(startRequestDeadline(res, config.deadlineMs[client]));
  const viewer = await verifier.verify(req.headers.authorization, client);
  let promotions: ScreenPromotions | undefined;
  if (url.searchParams.get('promotions') === '1') {
    if (!promotionsClient || !identityTokens) throw new Error('promotions=1 needs PROMOTIONS_URLS and IDENTITY_SECRET');
    const identityToken = await identityTokens.token(req.headers.authorization ?? '', 'promotions', async () => viewer);
    promotions = { client: promotionsClient, identityToken };
  }
  let result: HandwrittenResult;
  if (client === 'passenger') {
    const first = Number(url.searchParams.get('first') ?? 10);
    const input = { riderId: viewer?.id ?? '', lat: Number(url.searchParams.get('lat')), lng: Number(url.searchParams.get('lng')), first, vouchers: promotions !== undefined };
    result = await passengerHome(upstreams, input, options, promotions);
  } else {
    result = await productDetails(upstreams, url.searchParams.get('id') ?? '', options, promotions);
  }
  send(res, 200, result);
}

const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (res.headersSent) return void res.destroy();
    const code = isGatewayError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
    send(res, code === 'UNAUTHENTICATED' ? 401 : 500, { errors: [{ message: 'failed', extensions: { code } }] });
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`handwritten listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

// Exit normally on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
