/**
 * `npm run bench -- --subscriptions`: live subscriptions on one gateway (with its demo fleet), figures
 * reported, not asserted. K rides are accepted (and stay ACCEPTED: a ride step of 10 minutes); at
 * each level N, N WebSocket subscribers (`DriverLocation`, one subscription per connection, spread
 * over the K trips) listen while driver positions are published to RabbitMQ at a fixed rate. Per
 * level: delivery latency publish → client (p50, p99), the gateway's CPU per delivered message, its
 * RSS per connection; then the same events through a hand-written ws + amqplib fan-out (the floor,
 * bench/servers/liveFanoutFloor.ts) as ratios.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { generousAdmissionEnv } from '../../test/harness/generousAdmissionEnv.ts';
import { startSystem, type RunningSystem } from '../../test/harness/startSystem.ts';
import { eventExchange, type DriverLocationEvent } from '../../src/events/DomainEvent.ts';
import { driverLocationKey } from '../../src/events/routingKeys.ts';
import { cpuSeconds, rssBytes } from '../processes/procStats.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const amqpUrl = 'amqp://guest:guest@127.0.0.1:5672';
const DriverLocation = readFileSync(new URL('../../clients/passenger/DriverLocation.graphql', import.meta.url), 'utf8');

/** What the subscriptions bench runs. */
export interface SubscriptionsBenchOptions {
  /** Subscriber counts, one measurement each. */
  readonly levels: readonly number[];
  /** Seconds of publishing per level. */
  readonly duration: number;
  /** Events published per second (all trips together, round robin). */
  readonly rate: number;
  /** Accepted rides the subscribers follow. */
  readonly trips: number;
}

interface Ride {
  readonly tripId: string;
  readonly riderId: string;
  readonly driverId: string;
}

/** One level's figures for one system. */
interface LevelFigures {
  readonly subscribers: number;
  readonly published: number;
  readonly delivered: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerDelivery: number;
  readonly rssKbPerConnection: number;
}

const pad = (n: number): string => String(n).padStart(4, '0');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** Publishes driver positions for the rides' drivers at `rate` per second for `seconds`; resolves with the count. */
async function publish(rides: readonly Ride[], rate: number, seconds: number, revisionBase: number): Promise<number> {
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange(eventExchange, 'topic', { durable: false });
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let n = 0; n < total; n += 1) {
    const ride = rides[n % rides.length]!;
    const event: DriverLocationEvent = { type: 'driver.location', driverId: ride.driverId, revision: revisionBase + n, lat: 38.7 + (n % 1000) / 100_000, lng: -9.14, heading: n % 360, at: new Date().toISOString() };
    channel.publish(eventExchange, driverLocationKey(ride.driverId), Buffer.from(JSON.stringify(event)), { contentType: 'application/json', type: event.type });
    const due = started + ((n + 1) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await channel.close();
  await connection.close();
  return total;
}

/** Latencies of messages carrying `at` (the publish time), ms. */
function latencyOf(at: unknown): number | undefined {
  return typeof at === 'string' ? Date.now() - Date.parse(at) : undefined;
}

async function measureGateway(system: RunningSystem, rides: readonly Ride[], subscribers: number, options: SubscriptionsBenchOptions, revisionBase: number, log: (line: string) => void): Promise<LevelFigures> {
  const pid = system.process.pid!;
  const rssBefore = rssBytes(pid);
  const recording: Recording = { measuring: false, latencies: [] };
  const clients: Client[] = [];
  let ready = 0;
  let errors = 0;
  for (let n = 0; n < subscribers; n += 1) {
    const ride = rides[n % rides.length]!;
    const client = createClient({
      url: `${system.url.replace(/^http/, 'ws')}/passenger/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams: { Authorization: `Bearer ${await system.token('passenger', ride.riderId)}` },
    });
    clients.push(client);
    let first = true;
    client.subscribe(
      { query: DriverLocation, variables: { tripId: ride.tripId } },
      {
        next: (message) => {
          if (first) {
            first = false;
            ready += 1;
            return;
          }
          const latency = latencyOf((message.data as { driverLocation?: { at?: unknown } } | null)?.driverLocation?.at);
          if (recording.measuring && latency !== undefined) recording.latencies.push(latency);
        },
        error: (error) => {
          if (errors++ === 0) log(`gateway: a subscription failed: ${JSON.stringify(error)}`);
        },
        complete: () => undefined,
      },
    );
    // Connections in batches, so that the gateway is not measured opening them.
    if (n % 200 === 199) await waitUntil(() => ready + errors >= n + 1 - 50, 60_000);
  }
  await waitUntil(() => ready + errors >= subscribers, 120_000);
  const rssAfter = rssBytes(pid);
  log(`gateway: ${ready} subscribers ready${errors > 0 ? `, ${errors} refused` : ''}`);
  const figures = await measureWindow(pid, subscribers, rssBefore, rssAfter, recording, () => publish(rides, options.rate, options.duration, revisionBase));
  await Promise.all(clients.map((client) => client.dispose()));
  return figures;
}

/** What the subscribers of one level record: latencies while `measuring`. */
interface Recording {
  measuring: boolean;
  readonly latencies: number[];
}

/**
 * One level's window, the same for the gateway and the floor (process `pid`): publish for the
 * run's duration while the subscribers record, let the last deliveries arrive, then the figures.
 */
async function measureWindow(pid: number, subscribers: number, rssBefore: number, rssAfter: number, recording: Recording, publishAll: () => Promise<number>): Promise<LevelFigures> {
  const cpuBefore = cpuSeconds(pid);
  recording.measuring = true;
  const published = await publishAll();
  await waitUntil(() => false, 1_500).catch(() => undefined);
  recording.measuring = false;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const sorted = [...recording.latencies].sort((a, b) => a - b);
  return {
    subscribers,
    published,
    delivered: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuMsPerDelivery: sorted.length > 0 ? (cpu * 1000) / sorted.length : Number.NaN,
    rssKbPerConnection: (rssAfter - rssBefore) / 1024 / subscribers,
  };
}

async function measureFloor(rides: readonly Ride[], subscribers: number, options: SubscriptionsBenchOptions, revisionBase: number): Promise<LevelFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/liveFanoutFloor.ts'], { cwd: root, env: { ...process.env, AMQP_URL: amqpUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const port = await waitUntil(() => /floor listening on (\d+)/.exec(output)?.[1], 30_000);
    const pid = child.pid!;
    const rssBefore = rssBytes(pid);
    const recording: Recording = { measuring: false, latencies: [] };
    let ready = 0;
    const sockets: WebSocket[] = [];
    for (let n = 0; n < subscribers; n += 1) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/?driver=${rides[n % rides.length]!.driverId}`);
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { ready?: boolean; at?: unknown };
        if (message.ready) ready += 1;
        else if (recording.measuring) {
          const latency = latencyOf(message.at);
          if (latency !== undefined) recording.latencies.push(latency);
        }
      });
      sockets.push(socket);
      if (n % 200 === 199) await waitUntil(() => ready >= n + 1 - 50, 60_000);
    }
    await waitUntil(() => ready >= subscribers, 120_000);
    // The bindings are asynchronous: a moment for the broker.
    await waitUntil(() => false, 500).catch(() => undefined);
    const rssAfter = rssBytes(pid);
    const figures = await measureWindow(pid, subscribers, rssBefore, rssAfter, recording, () => publish(rides, options.rate, options.duration, revisionBase));
    for (const socket of sockets) socket.terminate();
    return figures;
  } finally {
    child.kill('SIGTERM');
  }
}

async function waitUntil<T>(check: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs the subscriptions bench and prints its table. */
export async function subscriptionsBench(options: SubscriptionsBenchOptions, log: (line: string) => void): Promise<void> {
  const system = await startSystem({
    ...generousAdmissionEnv,
    DEADLINE_MS: '4000',
    ATTEMPT_TIMEOUT_MS: '3000',
    // Each subscriber's read is its own call to trips (a fresh context per read): room for thousands at once.
    BULKHEAD_MAX_CONCURRENT: '10000',
    DEMO_RIDE_STEP_MS: '600000',
    SUBSCRIPTIONS_PER_USER: '10000',
    SUBSCRIPTION_MAX_CONNECTIONS: '1000000',
    SUBSCRIPTION_MAX_PENDING: '100000',
  });
  try {
    log(`gateway at ${system.url}; accepting ${options.trips} rides`);
    const rides: Ride[] = [];
    for (let n = 0; n < options.trips; n += 1) {
      const riderId = `r-${pad(801 + n)}`;
      const driverId = `d-${pad(301 + n)}`;
      const booked = await system.graphql<{ requestRide: { id: string } }>(
        'passenger',
        'mutation($p: ID!) { requestRide(productId: $p, pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: 38.7369, lng: -9.1427 }) { id } }',
        { p: 'p-economy' },
        { token: await system.token('passenger', riderId) },
      );
      const tripId = booked.data?.requestRide.id;
      if (!tripId) throw new Error(`requestRide failed: ${JSON.stringify(booked.errors)}`);
      const accepted = await system.graphql('driver', 'mutation($t: ID!) { acceptRide(tripId: $t) { id } }', { t: tripId }, { token: await system.token('driver', driverId) });
      if (accepted.errors) throw new Error(`acceptRide failed: ${JSON.stringify(accepted.errors)}`);
      rides.push({ tripId, riderId, driverId });
    }
    const rows: Array<{ gateway: LevelFigures; floor: LevelFigures }> = [];
    let revisionBase = 1_000_000_000;
    for (const level of options.levels) {
      log(`level ${level}: gateway`);
      let gateway: LevelFigures;
      try {
        gateway = await measureGateway(system, rides, level, options, revisionBase, log);
      } catch (error) {
        log(`level ${level}: stopped (${error instanceof Error ? error.message : String(error)}); open files limit ${readFileSync('/proc/self/limits', 'utf8').match(/Max open files\s+(\d+)/)?.[1] ?? '?'}`);
        break;
      }
      revisionBase += 10_000_000;
      log(`level ${level}: floor (ws + amqplib)`);
      const floor = await measureFloor(rides, level, options, revisionBase);
      revisionBase += 10_000_000;
      rows.push({ gateway, floor });
    }
    const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
    const lines = [
      `Live subscriptions: ${options.trips} accepted rides, ${options.rate} driver positions/s (round robin), ${options.duration} s per level; one DriverLocation subscription per WebSocket.`,
      '',
      '| subscribers | delivered (gateway / floor) | p50 ms | p99 ms | floor p50 / p99 ms | CPU ms per delivery (gateway / floor) | RSS KB per connection (gateway / floor) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(({ gateway: g, floor: f }) =>
        `| ${g.subscribers} | ${g.delivered} / ${f.delivered} | ${g.p50} | ${g.p99} | ${f.p50} / ${f.p99} | ${g.cpuMsPerDelivery.toFixed(3)} / ${f.cpuMsPerDelivery.toFixed(3)} (${ratio(g.cpuMsPerDelivery, f.cpuMsPerDelivery)}) | ${g.rssKbPerConnection.toFixed(1)} / ${f.rssKbPerConnection.toFixed(1)} (${ratio(g.rssKbPerConnection, f.rssKbPerConnection)}) |`,
      ),
      '',
      `Largest N with p99 under 100 ms: ${rows.filter((row) => row.gateway.p99 < 100).map((row) => row.gateway.subscribers).at(-1) ?? 'none measured'}.`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await system.stop();
  }
}
