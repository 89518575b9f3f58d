import { z } from 'zod';
import { clientCatalog, type ClientEntry, type ClientName } from './clientCatalog.ts';

/** Common default of the whole-request deadline, ms, when neither a variable nor the client's catalog entry sets one. */
const defaultDeadlineMs = 1_000;

const deadlineMs = z.coerce.number().int().positive().max(5_000);

/** The zod shape of `DEADLINE_MS_<CLIENT>` for every client of `schemas/clients.json` (ms, at most 5 000). */
export const deadlineEnvShape: Readonly<Record<string, z.ZodOptional<typeof deadlineMs>>> = Object.fromEntries(
  clientCatalog.map((client) => [`DEADLINE_MS_${client.name.toUpperCase()}`, deadlineMs.optional()]),
);

/**
 * Each client's whole-request deadline, ms: `DEADLINE_MS_<CLIENT>`, else `DEADLINE_MS`, else the
 * client's catalog `deadlineMs`, else 1 000.
 */
export function buildDeadlines(
  parsed: Readonly<Record<string, unknown>>,
  clients: readonly ClientEntry[] = clientCatalog,
): Readonly<Record<ClientName, number>> {
  const common = parsed.DEADLINE_MS as number | undefined;
  return Object.fromEntries(
    clients.map((client) => [client.name, (parsed[`DEADLINE_MS_${client.name.toUpperCase()}`] as number | undefined) ?? common ?? client.deadlineMs ?? defaultDeadlineMs]),
  ) as Record<ClientName, number>;
}
