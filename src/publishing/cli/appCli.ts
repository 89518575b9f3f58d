/**
 * `npm run app -- <command>`: an app team's side of trusted documents, over the gateway's admin API
 * (`GATEWAY_URL`, default http://127.0.0.1:4000; `PUBLISH_TOKEN`, the admin token, default the demo one).
 *
 *   publish <app>@<version> --manifest <file>   validate against the live schema, then store
 *   check <app>@<version> --manifest <file>     validate only
 *   list <app>                                  versions: status, documents, last use
 *   retire <app>@<version>                      its documents are refused from now on
 *   min <app> <version>                         minimum supported version: every older one retired
 *
 * The manifest is `clients/<app>/__generated__/persisted-documents.json` (`npm run codegen`).
 * `--json` prints the API's answer as is. Exit code 0: done / passed; 1: rejected or failed; 2: usage.
 */
import { readFileSync } from 'node:fs';
import { demoPublishingTokens } from '../../config/index.ts';

const usage = `usage: npm run app -- publish <app>@<version> --manifest <file>
       npm run app -- check <app>@<version> --manifest <file>
       npm run app -- list <app>
       npm run app -- retire <app>@<version>
       npm run app -- min <app> <version>
       (add --json for the API's answer as is)`;

class UsageError extends Error {}

const gatewayUrl = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const token = process.env.PUBLISH_TOKEN ?? demoPublishingTokens.admin;

interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: string): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body }),
    });
  } catch (error) {
    throw new Error(`cannot reach the gateway at ${gatewayUrl} (${(error as Error).message}); set GATEWAY_URL`);
  }
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, json: { error: { message: text.slice(0, 500) } } };
  }
}

function failure({ status, json }: Answer): string {
  const error = json.error as { code?: string; message?: string } | undefined;
  return `${status} ${error?.code ?? ''}: ${error?.message ?? JSON.stringify(json)}`;
}

/** `passenger@3.2.0` → the API path of that version. */
function versionPath(appVersion: string | undefined): string {
  const at = appVersion?.indexOf('@') ?? -1;
  if (appVersion === undefined || at <= 0) throw new UsageError('name the app version as <app>@<version>, e.g. passenger@3.2.0');
  return `/apps/${encodeURIComponent(appVersion.slice(0, at))}/versions/${encodeURIComponent(appVersion.slice(at + 1))}`;
}

function manifestOf(flags: ReadonlyMap<string, string | true>): string {
  const file = flags.get('manifest');
  if (typeof file !== 'string') throw new UsageError('--manifest <file> is required');
  return readFileSync(file, 'utf8');
}

async function main(argv: readonly string[]): Promise<number> {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (arg === '--json') flags.set('json', true);
    else {
      const value = argv[index + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      flags.set(arg.slice(2), value);
      index += 1;
    }
  }
  const [command, first, second] = positional;
  const json = flags.has('json');
  const done = (answer: Answer, expected: number, say: () => void): number => {
    if (json) console.log(JSON.stringify(answer.json, null, 2));
    if (answer.status !== expected) {
      if (!json) console.error(failure(answer));
      const problems = (answer.json.error as { problems?: unknown } | undefined)?.problems;
      if (!json && Array.isArray(problems) && problems.length > 10) console.error(`(${problems.length} entries in all; --json lists them)`);
      return 1;
    }
    if (!json) say();
    return 0;
  };
  switch (command) {
    case 'publish': {
      const answer = await call('PUT', versionPath(first), manifestOf(flags));
      return done(answer, 201, () => {
        const published = answer.json.published as { appVersion: string; documentCount: number };
        console.log(`published ${published.appVersion} (${published.documentCount} documents)`);
      });
    }
    case 'check': {
      const answer = await call('POST', `${versionPath(first)}/check`, manifestOf(flags));
      if (answer.status === 200 && answer.json.ok === false) {
        if (json) console.log(JSON.stringify(answer.json, null, 2));
        else console.error(String(answer.json.message));
        return 1;
      }
      return done(answer, 200, () => console.log(`${String(answer.json.appVersion)}: all ${String(answer.json.documentCount)} documents validate against the live schema`));
    }
    case 'list': {
      if (first === undefined) throw new UsageError('list needs an app name');
      const answer = await call('GET', `/apps/${encodeURIComponent(first)}/versions`);
      return done(answer, 200, () => {
        const minimum = answer.json.minimumVersion;
        if (typeof minimum === 'string') console.log(`minimum supported version: ${minimum}`);
        for (const version of answer.json.versions as { appVersion: string; status: string; documentCount: number; lastUse?: string }[]) {
          console.log(`${version.appVersion.padEnd(28)} ${version.status.padEnd(8)} ${String(version.documentCount).padStart(5)} documents   last use ${version.lastUse ?? 'never'}`);
        }
      });
    }
    case 'retire': {
      const answer = await call('POST', `${versionPath(first)}/retire`);
      return done(answer, 200, () => console.log(`retired ${String((answer.json.retired as { appVersion: string }).appVersion)}`));
    }
    case 'min': {
      if (first === undefined || second === undefined) throw new UsageError('min needs an app and a version');
      const answer = await call('PUT', `/apps/${encodeURIComponent(first)}/minimum-version`, JSON.stringify({ version: second }));
      return done(answer, 200, () => console.log(`${first}: minimum supported version ${second}; retired: ${(answer.json.retired as string[]).join(', ') || 'none'}`));
    }
    default:
      throw new UsageError(command === undefined ? 'name a command' : `no command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${usage}`);
      process.exitCode = 2;
    } else {
      console.error(`app: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  },
);
