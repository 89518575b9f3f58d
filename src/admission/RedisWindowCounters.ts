import { slidingWindow } from './slidingWindow.ts';
import type { WindowCheck, WindowCounters, WindowVerdict } from './WindowCounters.ts';

/** The one Redis command {@link RedisWindowCounters} needs (node-redis's `client.eval`). */
export interface RedisEval {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options of {@link RedisWindowCounters}. */
export interface RedisWindowCountersOptions {
  readonly client: RedisEval;
  /** Clock, ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Checks and counts in one round trip, atomically (a script runs alone), so gateways sharing Redis
 * never admit more than the limit between them. KEYS: per check, its current then its previous
 * window's counter; ARGV: per check, limit, elapsed share of the window, TTL ms. Returns the
 * 1-based index of the first check over its limit (0: none, and every current counter was
 * incremented), then each check's current and previous counts before this request. A counter
 * lives two windows (it is the previous one in the next). Several keys in one script: on Redis
 * Cluster they would need one hash slot.
 */
const script = `
local n = #KEYS / 2
local reply = {0}
for i = 1, n do
  local current = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local previous = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  reply[2 * i] = current
  reply[2 * i + 1] = previous
  if reply[1] == 0 and previous * (1 - tonumber(ARGV[3 * i - 1])) + current + 1 > tonumber(ARGV[3 * i - 2]) then
    reply[1] = i
  end
end
if reply[1] == 0 then
  for i = 1, n do
    redis.call('INCR', KEYS[2 * i - 1])
    redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[3 * i])
  end
end
return reply
`;

/**
 * {@link WindowCounters} in Redis, shared by every gateway replica: two fixed-window counters per
 * key (`<key>:<window index>`), weighted as in {@link slidingWindow}, checked and counted by one
 * Lua script per request. Why not a sorted set of timestamps: it holds one member per request
 * (5 000/s per client app → 5 000 members per key per second, trimmed on every call), where two
 * counters per key stay O(1) in memory and work at any rate, at the price of assuming requests were
 * spread evenly over the previous window. Rejects when Redis fails; {@link GuardedWindowCounters}
 * bounds the wait and falls back.
 */
export class RedisWindowCounters implements WindowCounters {
  readonly #client: RedisEval;
  readonly #now: () => number;

  constructor(options: RedisWindowCountersOptions) {
    this.#client = options.client;
    this.#now = options.now ?? Date.now;
  }

  async consume(checks: readonly WindowCheck[]): Promise<WindowVerdict> {
    const now = this.#now();
    const keys: string[] = [];
    const args: string[] = [];
    const positions = checks.map((check) => {
      const position = slidingWindow.position(now, check.windowMs);
      keys.push(`${check.key}:${position.index}`, `${check.key}:${position.index - 1}`);
      args.push(String(check.limit), String(position.elapsed), String(2 * check.windowMs));
      return position;
    });
    const reply = await this.#client.eval(script, { keys, arguments: args });
    if (!Array.isArray(reply) || reply.length !== 1 + 2 * checks.length || !reply.every((value) => typeof value === 'number')) {
      throw new Error(`unexpected rate-limit script reply ${JSON.stringify(reply)}`);
    }
    const counts = reply as number[];
    const refused = counts[0]!;
    if (refused === 0) return { allowed: true };
    const index = refused - 1;
    const check = checks[index]!;
    return {
      allowed: false,
      index,
      retryAfterMs: slidingWindow.retryAfterMs(counts[2 * refused - 1]!, counts[2 * refused]!, positions[index]!.elapsed, check.limit, check.windowMs),
    };
  }
}
