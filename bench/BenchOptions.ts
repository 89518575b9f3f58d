import { systemIds, type SystemId } from './systems/SystemUnderTest.ts';

/** What `npm run bench -- <options>` asked for, validated. */
export interface BenchOptions {
  /** Extra latency every service adds, ms; one comparison per value (`--latency 0,5`; default both; the bigger PassengerHome variants run at the first only). */
  readonly latencies: readonly number[];
  /** Seconds of load per measurement (`--duration`, default 3; 15 per concurrency level with `--goodput`, 5 with `--gateways-benchmark`). */
  readonly duration: number;
  /** Alternating rounds per latency (`--rounds`, default 3). */
  readonly rounds: number;
  /** Concurrent connections (`--connections`, default 10). */
  readonly connections: number;
  /** Seconds of unmeasured load per system and operation before the first round (`--warmup`, default 2). */
  readonly warmup: number;
  /** Systems to compare or profile (`--systems A,B,C,D,P`; default A,B,C,D, and P,B,C in plain and gateways-benchmark modes). */
  readonly systems: readonly SystemId[];
  /** Operations by label (`--operations PassengerHome,ProductDetails`; default all four; `PassengerHome in-process` only when named). */
  readonly operations: readonly string[] | undefined;
  /** Soak mode: seconds of steady load on A (`--soak 300`). */
  readonly soak: number | undefined;
  /** Fault mode (`--fault`): one pricing instance SIGKILLed and recommendations down. */
  readonly fault: boolean;
  /** Goodput mode (`--goodput`): A with its default admission control, PassengerHome at each of `levels` connections. */
  readonly goodput: boolean;
  /** Goodput mode with A's load shedding on (default) or off (`--no-shedding`: the figure before admission control). */
  readonly shedding: boolean;
  /** Concurrency levels of goodput mode, connections (`--levels 10,100,500`, the default). */
  readonly levels: readonly number[];
  /** Refusal mode (`--refusals`): how long A takes to refuse each hostile document, against `{ __typename }`. */
  readonly refusals: boolean;
  /** Timed requests per document and kind in refusal mode (`--samples`, default 200), after a warm-up. */
  readonly samples: number;
  /** Profile mode (`--profile`): the gateways of `--systems` under `--cpu-prof`, one load per system and operation; profiles in bench/profiles/. */
  readonly profile: boolean;
  /** Plain mode (`--plain`): this gateway in plain federation mode (P) against B and C on the fleet's operations; 0 ms services unless `--latency`. */
  readonly plain: boolean;
  /**
   * Gateways-benchmark mode (`--gateways-benchmark`): the public graphql-gateways-benchmark workload
   * (four subgraphs, one large query) through P, B and C; 5 s per measurement unless `--duration`,
   * no subgraph delay unless `--latency`.
   */
  readonly gatewaysBenchmark: boolean;
  /**
   * Subscriptions mode (`--subscriptions`): N WebSocket subscribers per level (`--subscribers`,
   * default 1000,2000,5000), driver positions published at `--rate` per second (default 20) for
   * `--duration` seconds (default 10), against a hand-written ws + amqplib fan-out. Printed only.
   */
  readonly subscriptions: boolean;
  readonly subscribers: readonly number[];
  readonly rate: number;
  /** Write bench/RESULTS.md (`--no-write` to only print). */
  readonly write: boolean;
  /** Only re-render bench/RESULTS.md from the saved results (`--render`), e.g. after editing FINDINGS.md. */
  readonly render: boolean;
}

/** A bad command-line option; the message names it and the value given. */
export class BenchOptionError extends Error {
  override name = 'BenchOptionError';
}

const usage = `npm run bench -- [--latency 0|5|0,5] [--duration <s>] [--rounds <n>] [--connections <n>] [--warmup <s>]
                     [--systems A,B,C,D,P] [--operations <label,...>] [--soak <s>] [--fault] [--profile] [--no-write] [--render]
                     [--goodput [--levels 10,100,500] [--no-shedding]] [--refusals [--samples <n>]]
                     [--plain] [--gateways-benchmark] [--subscriptions [--subscribers 1000,2000,5000] [--rate 20]]`;

function integer(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new BenchOptionError(`--${name} must be an integer ${min}..${max}; got ${JSON.stringify(raw ?? null)}\n${usage}`);
  }
  return value;
}

/** Parses the bench's arguments; throws {@link BenchOptionError} naming the option and value. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options = {
    latencies: [0, 5] as number[],
    duration: 3,
    rounds: 3,
    connections: 10,
    warmup: 2,
    systems: ['A', 'B', 'C', 'D'] as SystemId[],
    operations: undefined as string[] | undefined,
    soak: undefined as number | undefined,
    fault: false,
    goodput: false,
    shedding: true,
    levels: [10, 100, 500] as number[],
    refusals: false,
    samples: 200,
    profile: false,
    plain: false,
    gatewaysBenchmark: false,
    subscriptions: false,
    subscribers: [1000, 2000, 5000] as number[],
    rate: 20,
    write: true,
    render: false,
  };
  let durationGiven = false;
  let latencyGiven = false;
  let systemsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--latency': {
        const raw = value();
        options.latencies = (raw ?? '').split(',').map((part) => integer('latency', part, 0, 1000));
        latencyGiven = true;
        break;
      }
      case '--duration':
        options.duration = integer('duration', value(), 1, 3600);
        durationGiven = true;
        break;
      case '--rounds':
        options.rounds = integer('rounds', value(), 1, 100);
        break;
      case '--connections':
        options.connections = integer('connections', value(), 1, 1000);
        break;
      case '--warmup':
        options.warmup = integer('warmup', value(), 0, 600);
        break;
      case '--systems': {
        const raw = value() ?? '';
        const ids = raw.split(',').map((id) => id.trim().toUpperCase());
        const bad = ids.filter((id) => !(systemIds as readonly string[]).includes(id));
        if (bad.length > 0 || ids.length === 0) throw new BenchOptionError(`--systems takes ${systemIds.join(',')}; got ${JSON.stringify(raw)}\n${usage}`);
        options.systems = systemIds.filter((id) => ids.includes(id));
        systemsGiven = true;
        break;
      }
      case '--operations':
        options.operations = (value() ?? '').split(',').map((label) => label.trim());
        break;
      case '--soak':
        options.soak = integer('soak', value(), 10, 86_400);
        break;
      case '--fault':
        options.fault = true;
        break;
      case '--goodput':
        options.goodput = true;
        break;
      case '--no-shedding':
        options.shedding = false;
        break;
      case '--levels': {
        const raw = value();
        options.levels = (raw ?? '').split(',').map((part) => integer('levels', part, 1, 1000));
        break;
      }
      case '--refusals':
        options.refusals = true;
        break;
      case '--samples':
        options.samples = integer('samples', value(), 10, 100_000);
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--plain':
        options.plain = true;
        break;
      case '--gateways-benchmark':
        options.gatewaysBenchmark = true;
        break;
      case '--subscriptions':
        options.subscriptions = true;
        break;
      case '--subscribers':
        options.subscribers = (value() ?? '').split(',').map((part) => integer('subscribers', part, 1, 100_000));
        break;
      case '--rate':
        options.rate = integer('rate', value(), 1, 10_000);
        break;
      case '--no-write':
        options.write = false;
        break;
      case '--render':
        options.render = true;
        break;
      case '--help':
        throw new BenchOptionError(usage);
      default:
        throw new BenchOptionError(`unknown option ${JSON.stringify(arg)}\n${usage}`);
    }
  }
  // A level of goodput mode must run long enough for the adaptive limit to settle (it moves per
  // request, the event-loop monitor per second): 15 s unless asked otherwise.
  if (options.goodput && !durationGiven) options.duration = 15;
  if (options.subscriptions && !durationGiven) options.duration = 10;
  const modes = [options.soak !== undefined, options.fault, options.goodput, options.refusals, options.plain, options.gatewaysBenchmark, options.subscriptions].filter(Boolean).length;
  if (modes > 1) throw new BenchOptionError(`choose one mode of --soak, --fault, --goodput, --refusals, --plain, --gateways-benchmark, --subscriptions\n${usage}`);
  if (options.plain || options.gatewaysBenchmark) {
    // Both are about CPU per request: 0 ms services (no subgraph delay) unless asked otherwise.
    if (!latencyGiven) options.latencies = [0];
    if (!systemsGiven) options.systems = ['B', 'C', 'P'];
    const allowed: readonly SystemId[] = options.plain ? ['A', 'B', 'C', 'D', 'P'] : ['B', 'C', 'P'];
    const bad = options.systems.filter((id) => !allowed.includes(id));
    if (bad.length > 0) throw new BenchOptionError(`--gateways-benchmark runs P, B and C only; got ${bad.join(',')}\n${usage}`);
  } else if (!systemsGiven) {
    options.systems = ['A', 'B', 'C', 'D'];
  }
  // Its query takes tens of ms of CPU: longer measurements for enough answers per round. (The public
  // benchmark runs 50 virtual users; `--connections 50` does that, at latencies of seconds here.)
  if (options.gatewaysBenchmark && !durationGiven) options.duration = 5;
  return Object.freeze(options);
}
