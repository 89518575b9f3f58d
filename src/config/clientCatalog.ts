import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type clientsJson from '../../schemas/clients.json';
import { CatalogError } from './CatalogError.ts';

/** An app of `schemas/clients.json`: the type is derived from the file's keys at compile time. */
export type ClientName = keyof (typeof clientsJson)['clients'];

/** One entry of the client catalog. */
export interface ClientEntry {
  readonly name: ClientName;
  /** The `aud` claim a token for this app carries (`ride-bff:<client>`): a token is good for one app only. */
  readonly audience: string;
  /** Whether every request must carry a token; false lets anonymous callers in (public data only). */
  readonly tokenRequired: boolean;
  /** Whom this app's tokens name: a rider id or a driver id (subject ids are unique within a role only). */
  readonly role: 'rider' | 'driver';
  /** This app's default whole-request deadline, ms (`DEADLINE_MS_<CLIENT>` and `DEADLINE_MS` still win); undefined: the common default. */
  readonly deadlineMs: number | undefined;
  /** Whether, in production, this app may send only documents named by id (`TRUSTED_DOCUMENTS_<CLIENT>` and `TRUSTED_DOCUMENTS` still win; default `allowed`). */
  readonly trustedDocumentsInProduction: 'required' | 'allowed';
  /** What the app's playground offers: see {@link PlaygroundEntry}. */
  readonly playground: PlaygroundEntry;
  /** The seeded user and the scopes of this app's demo tokens. */
  readonly demo: { readonly user: string; readonly scopes: readonly string[] };
}

/** A demo user the playground's identity picker offers. */
export interface PlaygroundUser {
  readonly id: string;
  readonly label: string;
}

/** What an app's playground offers: one tab per operation of `clients/<client>/`, and who runs them. */
export interface PlaygroundEntry {
  /** The operation whose tab is open first. */
  readonly opens: string;
  /** Example variables per operation name: data the demo fleet has. */
  readonly variables: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Demo users the identity picker offers (demo mode), the first one preselected. */
  readonly users: readonly PlaygroundUser[];
  /** Whether the picker offers a visitor without a token too (apps whose token is optional). */
  readonly anonymous: boolean;
}

const operationName = z.string().regex(/^[A-Za-z_]\w*$/, 'must be an operation name');

const entrySchema = z.strictObject({
  description: z.string().optional(),
  audience: z.string().min(1),
  tokenRequired: z.boolean(),
  role: z.enum(['rider', 'driver']),
  deadlineMs: z.number().int().positive().max(5_000).optional(),
  trustedDocumentsInProduction: z.enum(['required', 'allowed']).optional(),
  playground: z.strictObject({
    opens: operationName,
    variables: z.record(operationName, z.record(z.string(), z.unknown())),
    users: z.array(z.strictObject({ id: z.string().min(1), label: z.string().min(1).max(80) })).min(1).max(8),
    anonymous: z.boolean().optional(),
  }),
  demo: z.strictObject({ user: z.string().min(1), scopes: z.array(z.string().regex(/^\S+$/, 'a scope has no spaces')) }),
});

const catalogSchema = z.strictObject({
  $comment: z.string().optional(),
  clients: z
    .record(z.string().regex(/^[a-z][a-z0-9]{0,62}$/, 'a client name is lower case letters and digits (it names the path /<client>/graphql and variables: <VARIABLE>_<CLIENT>)'), entrySchema)
    .refine((clients) => Object.keys(clients).length > 0, 'lists no client')
    .refine((clients) => new Set(Object.values(clients).map((client) => client.audience)).size === Object.keys(clients).length, 'two clients share an audience'),
});

/**
 * Validates the parsed content of a client catalog. Throws {@link CatalogError} naming `source`,
 * each bad entry and what is wrong with it.
 */
export function parseClientCatalog(content: unknown, source: string): readonly ClientEntry[] {
  const parsed = catalogSchema.safeParse(content);
  if (!parsed.success) throw CatalogError.fromIssues(source, parsed.error.issues);
  return Object.freeze(
    Object.entries(parsed.data.clients).map(([name, entry]) =>
      Object.freeze({
        name: name as ClientName,
        audience: entry.audience,
        tokenRequired: entry.tokenRequired,
        role: entry.role,
        deadlineMs: entry.deadlineMs,
        trustedDocumentsInProduction: entry.trustedDocumentsInProduction ?? 'allowed',
        playground: Object.freeze({
          opens: entry.playground.opens,
          variables: Object.freeze({ ...entry.playground.variables }),
          users: Object.freeze(entry.playground.users.map((user) => Object.freeze({ ...user }))),
          anonymous: entry.playground.anonymous ?? false,
        }),
        demo: Object.freeze({ user: entry.demo.user, scopes: Object.freeze([...entry.demo.scopes]) }),
      }),
    ),
  );
}

const catalogUrl = new URL('../../schemas/clients.json', import.meta.url);

/** Every app the gateway serves, in the file's order: read once from `schemas/clients.json` and frozen. */
export const clientCatalog: readonly ClientEntry[] = parseClientCatalog(JSON.parse(readFileSync(catalogUrl, 'utf8')), 'schemas/clients.json');

const byName = new Map(clientCatalog.map((entry) => [entry.name, entry]));

/** The catalog entry of `client`. */
export function clientEntry(client: ClientName): ClientEntry {
  return byName.get(client) as ClientEntry;
}
