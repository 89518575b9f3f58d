import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Plain federation mode (`SUPERGRAPH_FILE`): the gateway serves one supergraph composed elsewhere
 * (as `rover supergraph compose` writes it), every subgraph remote, at `/graphql`; no client apps,
 * no in-process subgraphs, no demo fleet.
 */
export interface PlainConfig {
  /** Absolute path of the supergraph file (`SUPERGRAPH_FILE`, relative paths from the working directory). */
  readonly supergraphFile: string;
  /** The `aud` claim a bearer token must carry (`PLAIN_AUDIENCE`, default `ride-bff:plain`); callers without a token are anonymous. */
  readonly audience: string;
  /** Client request headers passed to every subgraph (`FORWARD_HEADERS`, comma-separated, lower-cased; default none). */
  readonly forwardHeaders: readonly string[];
  /** Whole-request deadline, ms (`DEADLINE_MS`, default 1 000). */
  readonly deadlineMs: number;
  /** How often the file's size and modification time are polled besides `fs.watch`, ms (`SUPERGRAPH_POLL_MS`, default 1 000). */
  readonly pollIntervalMs: number;
  /** Quiet time after a change before the file is read, ms (`SUPERGRAPH_DEBOUNCE_MS`, default 100): an editor's several writes make one reload. */
  readonly debounceMs: number;
  /**
   * Items the cost estimate assumes for a list field without `@listSize` (`PLAIN_ASSUMED_LIST_SIZE`,
   * default 5): a supergraph composed elsewhere rarely sizes its lists, and is never refused for it.
   */
  readonly assumedListSize: number;
}

/** Default `PLAIN_AUDIENCE`: the client apps' tokens (`ride-bff:<client>`) are not good here. */
export const defaultPlainAudience = 'ride-bff:plain';

/**
 * Default `PLAIN_ASSUMED_LIST_SIZE`. Four nested unsized lists (the gateways-benchmark query's
 * users → reviews → product → reviews → author → reviews) then stay under the default cost limit
 * (5 000); six do not. The default mode needs none: its composition requires `@listSize` on lists.
 */
const defaultAssumedListSize = 5;

/** The whole-request deadline when `DEADLINE_MS` is not set, ms. */
const defaultDeadlineMs = 1_000;

/** Headers that describe one hop's connection or body, never the caller's request: not forwardable. */
const hopHeaders = new Set(['connection', 'content-length', 'content-type', 'host', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect', 'proxy-authorization']);

/** A header name as HTTP defines it (RFC 9110 token). */
const headerName = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

const forwardHeaders = z
  .string()
  .transform((value) => value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
  .superRefine((names, ctx) => {
    for (const name of names) {
      if (!headerName.test(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not a header name` });
      else if (hopHeaders.has(name)) ctx.addIssue({ code: 'custom', message: `"${name}" belongs to one connection and cannot be forwarded` });
    }
  });

/** The zod shape of the plain-mode variables (`DEADLINE_MS` is read with the rest of the deadlines). */
export const plainEnvShape = {
  SUPERGRAPH_FILE: z.string().trim().min(1, 'must be the path of a supergraph file').optional(),
  PLAIN_AUDIENCE: z.string().trim().min(1).optional(),
  FORWARD_HEADERS: forwardHeaders.optional(),
  SUPERGRAPH_POLL_MS: z.coerce.number().int().min(50).max(600_000).optional(),
  SUPERGRAPH_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  PLAIN_ASSUMED_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).optional(),
};

/** The parsed plain-mode variables. */
export interface PlainEnv {
  readonly SUPERGRAPH_FILE?: string | undefined;
  readonly PLAIN_AUDIENCE?: string | undefined;
  readonly FORWARD_HEADERS?: readonly string[] | undefined;
  readonly SUPERGRAPH_POLL_MS?: number | undefined;
  readonly SUPERGRAPH_DEBOUNCE_MS?: number | undefined;
  readonly PLAIN_ASSUMED_LIST_SIZE?: number | undefined;
  readonly DEADLINE_MS?: number | undefined;
}

/** The plain slice, or undefined when `SUPERGRAPH_FILE` is not set (the default mode: client apps). */
export function buildPlainConfig(parsed: PlainEnv, cwd: string = process.cwd()): PlainConfig | undefined {
  const file = parsed.SUPERGRAPH_FILE;
  if (file === undefined) return undefined;
  return {
    supergraphFile: isAbsolute(file) ? file : resolve(cwd, file),
    audience: parsed.PLAIN_AUDIENCE ?? defaultPlainAudience,
    forwardHeaders: [...new Set(parsed.FORWARD_HEADERS ?? [])],
    deadlineMs: parsed.DEADLINE_MS ?? defaultDeadlineMs,
    pollIntervalMs: parsed.SUPERGRAPH_POLL_MS ?? 1_000,
    debounceMs: parsed.SUPERGRAPH_DEBOUNCE_MS ?? 100,
    assumedListSize: parsed.PLAIN_ASSUMED_LIST_SIZE ?? defaultAssumedListSize,
  };
}
