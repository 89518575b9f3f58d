import type { ClientName } from '../../config/index.ts';
import { GatewayError } from '../../errors/index.ts';
import type { GraphQLRequestText } from '../../limits/index.ts';
import { resolveDocumentRequest, type GraphQLRoute, type TrustedDocuments } from '../../server/index.ts';
import type { RequestContext } from '../../subgraphs/RequestContext.ts';

/** A subscribe request as a transport received it (graphql-ws `subscribe` payload, graphql-sse body). */
export interface LiveRequestInput {
  readonly route: GraphQLRoute<ClientName, RequestContext>;
  readonly payload: unknown;
  /** The path the connection was opened on (for resolveDocumentRequest's GET form; unused for a payload). */
  readonly url: string;
  /** `x-app-version`: the connection's (`connection_init` payload or header). */
  readonly appVersion: string | string[] | undefined;
  readonly appDocuments: TrustedDocuments | undefined;
}

/**
 * The subscription's text, variables and operation name, trusted documents resolved exactly as for
 * HTTP (resolveDocumentRequest): a document named by id (`documentId` in the payload or in its
 * `extensions`; graphql-ws requires a `query` string, sent empty then) becomes its published text;
 * where the client requires trusted documents nothing else passes (PERSISTED_QUERY_REQUIRED).
 */
export function readLiveRequest(input: LiveRequestInput): GraphQLRequestText {
  if (typeof input.payload !== 'object' || input.payload === null || Array.isArray(input.payload)) throw new GatewayError('BAD_REQUEST', 'Send the subscription as a JSON object.');
  const { query, documentId, extensions, ...rest } = input.payload as Record<string, unknown>;
  const named = documentId ?? (typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>).documentId : undefined);
  const body: Record<string, unknown> = { ...rest };
  if (named !== undefined) body.documentId = named;
  // graphql-ws's subscribe message always carries `query`: an empty one beside a documentId means none.
  if (!(named !== undefined && query === '')) body.query = query;
  const resolved = resolveDocumentRequest({
    client: input.route.name,
    policy: input.route.trustedDocuments ?? 'allowed',
    documents: input.appDocuments,
    method: 'POST',
    body,
    url: input.url,
    appVersionHeader: input.appVersion,
  }).body as Record<string, unknown>;
  if (typeof resolved.query !== 'string' || resolved.query === '') throw new GatewayError('BAD_REQUEST', 'Send the subscription\'s query text, or its documentId.');
  const variables = resolved.variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new GatewayError('BAD_REQUEST', 'variables must be a JSON object.');
  const operationName = resolved.operationName;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw new GatewayError('BAD_REQUEST', 'operationName must be a string.');
  return { query: resolved.query, variables: variables as Record<string, unknown>, operationName: operationName ?? undefined };
}
