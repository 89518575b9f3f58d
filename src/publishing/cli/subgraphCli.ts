/**
 * `npm run subgraph -- <command>`: a domain team's side of schema publishing, over the gateway's
 * admin API (`GATEWAY_URL`, default http://127.0.0.1:4000; `PUBLISH_TOKEN`, an admin or team token,
 * default the demo admin token).
 *
 *   list                                           every subgraph as served
 *   check <name> --sdl <file> [--location <url|service>] [--clients a,b] [--strict]
 *   diff <name> --sdl <file> [...]                 the changes only, classified
 *   publish <name> --sdl <file> --location <url|service> --clients a,b [--strict]
 *   history <name>
 *   rollback <name> --version <n>
 *   check --offline [--base <git ref>] [--strict]  every SDL in schemas/ against the merge base (CI)
 *
 * `--json` prints the API's answer as is. Exit code 0: done / passed; 1: rejected or failed; 2: usage.
 */
import { readFileSync } from 'node:fs';
import { demoPublishingTokens } from '../../config/index.ts';
import { formatCheckReport } from '../checks/index.ts';
import type { CheckReport, SubgraphVersion } from '../types.ts';

const usage = `usage: npm run subgraph -- <list | check | diff | publish | history | rollback> [name] [--sdl file] [--location url|service] [--clients a,b] [--strict] [--version n] [--json]
       npm run subgraph -- check --offline [--base <git ref>] [--strict]`;

interface Args {
  readonly command: string | undefined;
  readonly name: string | undefined;
  readonly flags: ReadonlyMap<string, string | true>;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const next = argv[index + 1];
    if (next !== undefined && !next.startsWith('--') && !['--strict', '--json', '--offline'].includes(arg)) {
      flags.set(arg.slice(2), next);
      index += 1;
    } else flags.set(arg.slice(2), true);
  }
  return { command: positional[0], name: positional[1], flags };
}

const gatewayUrl = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const token = process.env.PUBLISH_TOKEN ?? demoPublishingTokens.admin;

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(`cannot reach the gateway at ${gatewayUrl} (${(error as Error).message}); set GATEWAY_URL`);
  }
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { error: { message: text.slice(0, 500) } };
  }
  return { status: response.status, json };
}

function failure(json: Record<string, unknown>, status: number): string {
  const error = json.error as { code?: string; message?: string } | undefined;
  return `${status} ${error?.code ?? ''}: ${error?.message ?? JSON.stringify(json)}`;
}

function changeBody(args: Args): Record<string, unknown> {
  const file = args.flags.get('sdl');
  if (typeof file !== 'string') throw new UsageError('--sdl <file> is required');
  const location = args.flags.get('location');
  const clients = args.flags.get('clients');
  return {
    sdl: readFileSync(file, 'utf8'),
    ...(typeof location === 'string' ? { location } : {}),
    ...(typeof clients === 'string' ? { clients: clients.split(',').map((client) => client.trim()).filter((client) => client !== '') } : {}),
    ...(args.flags.has('strict') ? { strict: true } : {}),
  };
}

class UsageError extends Error {}

async function main(args: Args): Promise<number> {
  const json = args.flags.has('json');
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  const needName = (): string => {
    if (!args.name) throw new UsageError(`${args.command} needs a subgraph name`);
    return encodeURIComponent(args.name);
  };
  switch (args.command) {
    case 'list': {
      const { status, json: answer } = await call('GET', '/subgraphs');
      if (status !== 200) return (console.error(failure(answer, status)), 1);
      if (json) return (print(answer), 0);
      for (const subgraph of answer.subgraphs as { name: string; kind: string; version: number; location?: string; clients: string[] }[]) {
        console.log(`${subgraph.name.padEnd(18)} ${subgraph.kind.padEnd(10)} v${String(subgraph.version).padEnd(4)} ${(subgraph.location ?? '').padEnd(34)} ${subgraph.clients.join(',')}`);
      }
      return 0;
    }
    case 'check':
    case 'diff': {
      if (args.flags.has('offline')) {
        const { runOfflineCheckCli } = await import('../checks/index.ts');
        return runOfflineCheckCli(process.argv.slice(2));
      }
      const { status, json: answer } = await call('POST', `/subgraphs/${needName()}/check`, changeBody(args));
      if (status !== 200) return (console.error(failure(answer, status)), 1);
      const report = answer.report as CheckReport;
      if (json) print(answer);
      else console.log(args.command === 'diff' ? formatChanges(report) : formatCheckReport(report));
      return report.ok ? 0 : 1;
    }
    case 'publish': {
      const { status, json: answer } = await call('POST', `/subgraphs/${needName()}/publish`, changeBody(args));
      if (json) print(answer);
      if (status === 201) {
        const version = answer.version as SubgraphVersion;
        if (!json) console.log(`${formatCheckReport(answer.report as CheckReport)}\npublished ${version.subgraph} version ${version.version}`);
        return 0;
      }
      if (!json) console.error(status === 422 ? `${formatCheckReport(answer.report as CheckReport)}\nrejected: nothing was published` : failure(answer, status));
      return 1;
    }
    case 'history': {
      const { status, json: answer } = await call('GET', `/subgraphs/${needName()}/versions`);
      if (status !== 200) return (console.error(failure(answer, status)), 1);
      if (json) return (print(answer), 0);
      const versions = answer.versions as Omit<SubgraphVersion, 'sdl'>[];
      if (versions.length === 0) console.log(`${args.name}: never published (served as the repository ships it)`);
      for (const version of versions) {
        const counts = countChanges(version.summary);
        console.log(`v${version.version}  ${version.publishedAt}  ${version.publishedBy.padEnd(16)} ${version.sdlHash.slice(0, 12)}  ${counts}${version.rollbackOf ? `  (rollback to v${version.rollbackOf})` : ''}`);
      }
      return 0;
    }
    case 'rollback': {
      const version = Number(args.flags.get('version'));
      if (!Number.isInteger(version) || version < 1) throw new UsageError('rollback needs --version <n>');
      const { status, json: answer } = await call('POST', `/subgraphs/${needName()}/rollback`, { version });
      if (json) print(answer);
      if (status === 201) {
        if (!json) console.log(`rolled ${args.name} back to v${version}: now version ${(answer.version as SubgraphVersion).version}`);
        return 0;
      }
      if (!json) console.error(status === 422 ? `${formatCheckReport(answer.report as CheckReport)}\nrejected: nothing was rolled back` : failure(answer, status));
      return 1;
    }
    default:
      throw new UsageError(args.command ? `unknown command "${args.command}"` : 'a command is required');
  }
}

/** The changes only, as `diff` shows them. */
function formatChanges(report: CheckReport): string {
  const label = { BREAKING: 'breaking ', DANGEROUS: 'dangerous', NON_BREAKING: 'safe     ' } as const;
  const lines = report.changes.map((change) => `  ${label[change.criticality]}  ${change.message}`);
  for (const [client, changes] of Object.entries(report.clientChanges)) {
    if (changes && changes.length > 0) lines.push(`${client} schema:`, ...changes.map((change) => `  ${label[change.criticality]}  ${change.message}`));
  }
  return lines.length > 0 ? lines.join('\n') : `${report.subgraph}: no change`;
}

function countChanges(report: CheckReport): string {
  const by = (level: string) => report.changes.filter((change) => change.criticality === level).length;
  return `${by('BREAKING')} breaking, ${by('DANGEROUS')} dangerous, ${by('NON_BREAKING')} safe`;
}

try {
  process.exitCode = await main(parseArgs(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${usage}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
