import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type servicesJson from '../../schemas/services.json';
import { CatalogError } from './CatalogError.ts';
import { servicePolicySettings, type ServicePolicyConfig } from './servicePolicySettings.ts';

/** A service of `schemas/services.json`: the type is derived from the file's keys at compile time. */
export type ServiceName = keyof (typeof servicesJson)['services'];

/** How the gateway talks to a service: HTTP/JSON (undici), unary gRPC (@grpc/grpc-js) or GraphQL over HTTP (a remote subgraph, undici). */
export type ServiceProtocol = 'rest' | 'grpc' | 'graphql';

/** One entry of the service catalog. */
export interface ServiceEntry {
  readonly name: ServiceName;
  readonly protocol: ServiceProtocol;
  /** gRPC only: the `.proto` under `schemas/proto/` and the fully qualified service it declares. */
  readonly grpc: { readonly protoFile: string; readonly service: string } | undefined;
  /** This service's defaults where they differ from the common ones; `<VARIABLE>_<SERVICE>` and `<VARIABLE>` still win. */
  readonly policy: Readonly<Partial<ServicePolicyConfig>>;
  /** The request field (gRPC message or REST query) whose smallest value is the call's affinity key, for consistent hashing; none by default. */
  readonly affinityKey: string | undefined;
  /** Whether reads may be retried on another instance; false turns retries off for every call of the service. */
  readonly idempotentReads: boolean;
}

const policySchema = z.strictObject(
  Object.fromEntries(Object.entries(servicePolicySettings).map(([key, { schema }]) => [key, schema.optional()])) as unknown as Record<
    keyof ServicePolicyConfig,
    z.ZodOptional<z.ZodType<number, unknown>>
  >,
);

const entrySchema = z
  .strictObject({
    description: z.string().optional(),
    protocol: z.enum(['rest', 'grpc', 'graphql']),
    grpc: z.strictObject({ protoFile: z.string().regex(/^[\w.-]+\.proto$/, 'must be a .proto file name'), service: z.string().regex(/^\w+(\.\w+)+$/, 'must be a fully qualified service name') }).optional(),
    policy: policySchema.default({}),
    affinityKey: z.string().min(1).optional(),
    idempotentReads: z.boolean(),
  })
  .refine((entry) => (entry.protocol === 'grpc') === (entry.grpc !== undefined), { message: 'a grpc service needs "grpc": {protoFile, service}, and only a grpc service has one', path: ['grpc'] });

const catalogSchema = z.strictObject({
  $comment: z.string().optional(),
  services: z.record(z.string().regex(/^[a-z][a-z0-9]{0,62}$/, 'a service name is lower case letters and digits (it names variables: <VARIABLE>_<SERVICE>)'), entrySchema).refine((services) => Object.keys(services).length > 0, 'lists no service'),
});

/**
 * Validates the parsed content of a service catalog. Throws {@link CatalogError} naming `source`,
 * each bad entry and what is wrong with it.
 */
export function parseServiceCatalog(content: unknown, source: string): readonly ServiceEntry[] {
  const parsed = catalogSchema.safeParse(content);
  if (!parsed.success) throw CatalogError.fromIssues(source, parsed.error.issues);
  return Object.freeze(
    Object.entries(parsed.data.services).map(([name, entry]) =>
      Object.freeze({
        name: name as ServiceName,
        protocol: entry.protocol,
        grpc: entry.grpc,
        policy: Object.freeze(Object.fromEntries(Object.entries(entry.policy).filter(([, value]) => value !== undefined))),
        affinityKey: entry.affinityKey,
        idempotentReads: entry.idempotentReads,
      }),
    ),
  );
}

const catalogUrl = new URL('../../schemas/services.json', import.meta.url);

/** Every upstream service, in the file's order: read once from `schemas/services.json` and frozen. */
export const serviceCatalog: readonly ServiceEntry[] = parseServiceCatalog(JSON.parse(readFileSync(catalogUrl, 'utf8')), 'schemas/services.json');

/** The services' names, in the catalog's order. */
export const serviceNames: readonly ServiceName[] = Object.freeze(serviceCatalog.map((entry) => entry.name));
