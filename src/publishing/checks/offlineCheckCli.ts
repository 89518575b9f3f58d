/**
 * `npm run subgraph -- check --offline [--base <git ref>] [--strict] [--json]` (dispatched here by
 * the subgraph CLI) and `npm run subgraph:offline -- [...]`: the repository's own schema check,
 * run by CI. Exit code 0 when it passes, 1 when it rejects, 2 on a usage or internal error.
 */
import { pathToFileURL } from 'node:url';
import { formatOfflineCheck } from './formatReport.ts';
import { offlineCheck } from './offlineCheck.ts';

const usage = 'usage: npm run subgraph -- check --offline [--base <git ref>] [--strict] [--json]';

/** Runs the offline check with command-line `args` (`check` and `--offline` may lead them), prints the report; resolves to the exit code. */
export async function runOfflineCheckCli(args: readonly string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): Promise<number> {
  let base: string | undefined;
  let strict = false;
  let json = false;
  const rest = [...args];
  if (rest[0] === 'check') rest.shift();
  for (let arg = rest.shift(); arg !== undefined; arg = rest.shift()) {
    if (arg === '--offline') continue;
    else if (arg === '--strict') strict = true;
    else if (arg === '--json') json = true;
    else if (arg === '--base' && rest[0] !== undefined && !rest[0].startsWith('--')) base = rest.shift();
    else if (arg.startsWith('--base=')) base = arg.slice('--base='.length);
    else {
      err(`${arg === '--base' ? '--base needs a git ref' : `unknown argument: ${arg}`}\n${usage}`);
      return 2;
    }
  }
  try {
    const result = await offlineCheck({ ...(base === undefined ? {} : { base }), strict });
    out(json ? JSON.stringify(result, null, 2) : formatOfflineCheck(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    err(`schema check failed to run: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runOfflineCheckCli(process.argv.slice(2));
}
