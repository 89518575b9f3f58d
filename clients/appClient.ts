import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { Kind, type DocumentNode } from 'graphql';

/**
 * An app's operations by name, from its generated `__generated__/documents.ts`: each
 * `<Name>Document` export (a TypedDocumentNode, typed by `operations.ts`) becomes `<Name>`.
 */
export type OperationsOf<TDocuments> = {
  readonly [K in keyof TDocuments as K extends `${infer Name}Document` ? Name : never]: TDocuments[K];
};

/** Any typed document (its variables type stays the operation's own). */
type AnyTypedDocument = TypedDocumentNode<unknown, never>;

/** What the gateway answered: the GraphQL response, its HTTP status and headers. */
export interface AppResponse<TData> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: TData | null;
  readonly errors?: readonly { readonly message: string; readonly path?: readonly (string | number)[]; readonly extensions?: { readonly code?: string } }[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** How an app reaches the gateway. */
export interface AppClientOptions {
  /** The gateway's base URL, e.g. `http://127.0.0.1:4000`; the app's endpoint is `/<app>/graphql` under it. */
  readonly gatewayUrl: string;
  /** This build of the app, `<app>@<semver>` (e.g. `passenger@3.2.0`): the version whose published documents it sends. */
  readonly appVersion: string;
  /** The caller's bearer token (a function is asked before every request, e.g. to refresh it); absent: anonymous (web only). */
  readonly token?: string | (() => string | Promise<string>);
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** How one operation is sent. */
export interface RunOptions {
  /** `GET` for queries only (cacheable, no CSRF preflight needed for a trusted document); default `POST`. */
  readonly method?: 'GET' | 'POST';
  /** Extra request headers (e.g. `idempotency-key` for a mutation). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An app's typed GraphQL client: it sends each operation by its document id
 * (`operation-ids.json`, the SHA-256 of the document's text) with the app version in
 * `x-app-version`, never the text: the gateway runs the version's published document. Variables
 * and result are typed by the generated `operations.ts`.
 */
export class AppClient<TOperations extends Readonly<Record<string, AnyTypedDocument>>> {
  readonly #endpoint: string;
  readonly #documents: TOperations;
  readonly #ids: Readonly<Record<keyof TOperations & string, string>>;
  readonly #options: AppClientOptions;

  constructor(app: string, documents: TOperations, ids: Readonly<Record<keyof TOperations & string, string>>, options: AppClientOptions) {
    if (!options.appVersion.startsWith(`${app}@`)) throw new Error(`appVersion must be ${app}@<semver>, not "${options.appVersion}"`);
    this.#endpoint = `${options.gatewayUrl.replace(/\/$/, '')}/${app}/graphql`;
    this.#documents = documents;
    this.#ids = ids;
    this.#options = options;
  }

  /** The id the app sends for `operation`. */
  documentId(operation: keyof TOperations & string): string {
    return this.#ids[operation];
  }

  /** Runs `operation` by its document id with `variables`. */
  async run<TName extends keyof TOperations & string>(
    operation: TName,
    variables: VariablesOf<TOperations[TName]>,
    options: RunOptions = {},
  ): Promise<AppResponse<ResultOf<TOperations[TName]>>> {
    const method = options.method ?? 'POST';
    const document = this.#documents[operation];
    if (!document) throw new Error(`This app has no operation ${operation}`);
    if (method === 'GET' && operationType(document) !== 'query') throw new Error(`${operation} is not a query: send it with POST`);
    const token = typeof this.#options.token === 'function' ? await this.#options.token() : this.#options.token;
    const headers: Record<string, string> = {
      accept: 'application/graphql-response+json, application/json',
      'x-app-version': this.#options.appVersion,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    };
    const documentId = this.#ids[operation];
    const doFetch = this.#options.fetch ?? fetch;
    const response =
      method === 'GET'
        ? await doFetch(`${this.#endpoint}?${new URLSearchParams({ documentId, variables: JSON.stringify(variables) }).toString()}`, { headers })
        : await doFetch(this.#endpoint, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ documentId, variables }) });
    const body = (await response.json()) as Omit<AppResponse<ResultOf<TOperations[TName]>>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body };
  }
}

/** An app's generated documents by operation name: `PassengerHomeDocument` → `PassengerHome`. */
export function operationsOf<TDocuments extends Readonly<Record<string, unknown>>>(documents: TDocuments): OperationsOf<TDocuments> {
  return Object.fromEntries(
    Object.entries(documents).flatMap(([name, document]) => (name.endsWith('Document') ? [[name.slice(0, -'Document'.length), document]] : [])),
  ) as OperationsOf<TDocuments>;
}

/** The type of a document's (only) operation. */
function operationType(document: DocumentNode): string | undefined {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.operation : undefined;
}
