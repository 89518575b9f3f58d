import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { packageRoot } from '../processes/BenchProcess.ts';

/** Where and with what a run happened. */
export interface MachineInfo {
  readonly date: string;
  readonly nproc: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly commit: string;
  readonly packages: Readonly<Record<string, string>>;
}

/** The packages whose versions decide the result. */
const packages = [
  'graphql',
  '@apollo/gateway',
  '@apollo/server',
  '@apollo/subgraph',
  '@graphql-hive/gateway',
  '@graphql-hive/gateway-runtime',
  'graphql-jit',
  'dataloader',
  'undici',
  '@grpc/grpc-js',
  'autocannon',
];

function installedVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(`${packageRoot}node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function gitDescribe(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: packageRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: packageRoot, encoding: 'utf8' }).trim();
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}

/** This machine, this Node and the installed versions, now. */
export function machineInfo(): MachineInfo {
  return {
    date: new Date().toISOString(),
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit: gitDescribe(),
    packages: Object.fromEntries(packages.map((name) => [name, installedVersion(name)])),
  };
}
