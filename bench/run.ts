/**
 * `npm run bench`: the gateway (A) side by side with plain Apollo federation (B), Hive Gateway (C)
 * and a hand-written aggregator (D), on one demo fleet, in alternating rounds; results in
 * bench/RESULTS.md. Modes: `--soak <s>`, `--fault`, `--profile`, `--goodput`, `--refusals`, `--plain`
 * (this gateway in plain federation mode against B and C), `--gateways-benchmark` (the public
 * gateways benchmark's workload through P, B and C), `--subscriptions` (live subscriptions against a
 * ws + amqplib fan-out). See bench/README.md.
 */
import { parseBenchOptions, BenchOptionError, type BenchOptions } from './BenchOptions.ts';
import { startBenchEnvironment } from './BenchEnvironment.ts';
import { compareSystems } from './modes/compareSystems.ts';
import { faultSystems } from './modes/faultSystems.ts';
import { gatewaysBenchmarkMode } from './modes/gatewaysBenchmarkMode.ts';
import { goodputGateway } from './modes/goodputGateway.ts';
import { plainSystems } from './modes/plainSystems.ts';
import { fleetProfileTarget, newProfileDir, profileGateways } from './modes/profileGateways.ts';
import { refusalTimings } from './modes/refusalTimings.ts';
import { soakGateway } from './modes/soakGateway.ts';
import { subscriptionsBench } from './modes/subscriptionsBench.ts';
import { benchOperations } from './operations.ts';
import { saveResults } from './report/resultFiles.ts';
import { writeResultsMarkdown } from './report/renderResults.ts';
import { goodputAdmissionEnv } from './systems/goodputAdmissionEnv.ts';
import type { SystemId } from './systems/SystemUnderTest.ts';

const log = (line: string): void => console.log(`[bench] ${line}`);

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchOptionError)) throw error;
  console.error(error.message);
  process.exit(2);
}

if (options.render) {
  log(`wrote ${writeResultsMarkdown()}`);
  process.exit(0);
}

if (options.subscriptions) {
  // Its own system (gateway and fleet) and floor; figures printed, not saved.
  await subscriptionsBench({ levels: options.subscribers, duration: options.duration, rate: options.rate, trips: 50 }, log);
  process.exit(0);
}

if (options.gatewaysBenchmark) {
  // Its own subgraphs and gateways: no registry, no demo fleet.
  const profileDir = options.profile ? newProfileDir() : undefined;
  const results = await gatewaysBenchmarkMode(options, log, profileDir);
  if (results && options.write) {
    saveResults(results);
    log(`wrote ${writeResultsMarkdown()}`);
  }
  process.exit(0);
}

const operations = benchOperations().filter((operation) => (options.operations ? options.operations.includes(operation.label) : !operation.optIn));
if (operations.length === 0) {
  console.error(`--operations matched none of: ${benchOperations().map((o) => o.label).join(', ')}`);
  process.exit(2);
}

const aOnly = options.soak !== undefined || options.goodput || options.refusals;
const systems: readonly SystemId[] = aOnly ? ['A'] : options.systems;
const profileDir = options.profile ? newProfileDir() : undefined;
// Goodput measures A's default load shedding; `--no-shedding` turns it off for the figure before it.
const goodputEnv = options.shedding ? goodputAdmissionEnv : { ...goodputAdmissionEnv, ADMISSION_MAX_IN_FLIGHT: '0', ADMISSION_EVENT_LOOP_P99_MS: '0' };
const env = await startBenchEnvironment(systems, {
  log,
  // One session (token) per connection, up to the highest goodput level.
  connections: options.goodput ? Math.max(options.connections, ...options.levels) : options.connections,
  ...(profileDir ? { profileDir } : {}),
  // Every mode but goodput keeps load shedding out of the way.
  ...(options.goodput ? { admissionEnv: goodputEnv } : {}),
});
const stop = async (): Promise<void> => {
  await env.stop().catch(() => undefined);
};
process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
try {
  if (profileDir) {
    await profileGateways(fleetProfileTarget(env), operations, options, profileDir, log);
  } else if (options.soak !== undefined) {
    const results = await soakGateway(env, operations[0]!, options, log);
    if (options.write) saveResults(results);
  } else if (options.goodput) {
    // PassengerHome unless --operations names another (the first named).
    const operation = options.operations ? operations[0]! : (operations.find((o) => o.label === 'PassengerHome') ?? operations[0]!);
    const results = await goodputGateway(env, operation, options, goodputEnv, log);
    if (options.write) saveResults(results);
  } else if (options.refusals) {
    const results = await refusalTimings(env, options, log);
    if (options.write) saveResults(results);
  } else if (options.plain) {
    const results = await plainSystems(env, operations, options, log);
    if (options.write) saveResults(results);
  } else if (options.fault) {
    const results = await faultSystems(env, operations.filter((o) => o.trips === undefined || o.trips === 10), options, log);
    if (options.write) saveResults(results);
  } else {
    const results = await compareSystems(env, operations, options, log);
    if (options.write) saveResults(results);
  }
  if (options.write && !options.profile) log(`wrote ${writeResultsMarkdown()}`);
} finally {
  await stop();
}
