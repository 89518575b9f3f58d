import { z } from 'zod';
import { clientCatalog, type ClientName } from './clientCatalog.ts';

/**
 * What a client's endpoint accepts: `required`, documents named by id only (an app version's
 * published documents; anything else is refused with PERSISTED_QUERY_REQUIRED); `allowed`, ids and
 * query text both.
 */
export type TrustedDocumentsPolicy = 'required' | 'allowed';

const policy = z.enum(['required', 'allowed']);

/** The zod shape of the trusted documents variables: `TRUSTED_DOCUMENTS` and `TRUSTED_DOCUMENTS_<CLIENT>`. */
export const trustedDocumentsEnvShape: Readonly<Record<string, z.ZodType>> = Object.fromEntries([
  ['TRUSTED_DOCUMENTS', policy.optional()],
  ...clientCatalog.map((entry) => [`TRUSTED_DOCUMENTS_${entry.name.toUpperCase()}`, policy.optional()]),
]);

/**
 * Each client's policy: `TRUSTED_DOCUMENTS_<CLIENT>` over `TRUSTED_DOCUMENTS` over the default,
 * which is the catalog's `trustedDocumentsInProduction` in production (`required` for the mobile
 * apps, whose operations are fixed at build time) and `allowed` in demo mode.
 */
export function buildTrustedDocumentsConfig(parsed: Record<string, unknown>, mode: 'demo' | 'production'): Readonly<Record<ClientName, TrustedDocumentsPolicy>> {
  const read = (env: string): TrustedDocumentsPolicy | undefined => parsed[env] as TrustedDocumentsPolicy | undefined;
  return Object.fromEntries(
    clientCatalog.map((entry) => [
      entry.name,
      read(`TRUSTED_DOCUMENTS_${entry.name.toUpperCase()}`) ?? read('TRUSTED_DOCUMENTS') ?? (mode === 'production' ? entry.trustedDocumentsInProduction : 'allowed'),
    ]),
  ) as Record<ClientName, TrustedDocumentsPolicy>;
}
