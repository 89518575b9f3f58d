import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AdmissionController } from './AdmissionController.ts';
import { ConcurrencyLimiter } from './ConcurrencyLimiter.ts';
import { EventLoopDelayMonitor } from './EventLoopDelayMonitor.ts';

/** Enough of a ServerResponse for the controller: a status and a 'close' event. */
function response(): ServerResponse & { close(status: number): void } {
  const res = new EventEmitter() as EventEmitter & { statusCode: number; close(status: number): void };
  res.statusCode = 200;
  res.close = (status: number) => {
    res.statusCode = status;
    res.emit('close');
  };
  return res as unknown as ServerResponse & { close(status: number): void };
}

describe('AdmissionController', () => {
  it('refuses at the limit with OVERLOADED and Retry-After, holds each slot until the response closes, and frees it exactly once', () => {
    let now = 0;
    const shed: string[] = [];
    const concurrency = new ConcurrencyLimiter({ minLimit: 1, maxLimit: 2, initialLimit: 2, latencyThresholdMs: 300, backoffRatio: 0.5, now: () => now });
    const door = new AdmissionController({ concurrency, onShed: (client, reason) => shed.push(`${client}:${reason}`) });
    const [a, b, c] = [response(), response(), response()];
    expect(door.admit(a, 'passenger')).toBeUndefined();
    expect(door.admit(b, 'passenger')).toBeUndefined();
    expect(door.admit(c, 'web')).toEqual({ code: 'OVERLOADED', retryAfterSeconds: 1, message: expect.stringMatching(/limit of requests in flight/) });
    expect(shed).toEqual(['web:in_flight']);
    expect(door.inFlight).toBe(2);

    now += 50;
    a.close(200);
    a.emit('close');
    expect(door.inFlight).toBe(1);
    // 503/504 is a congestion signal whatever the latency: the limit halves (to its floor, 1).
    b.close(504);
    expect(door.inFlight).toBe(0);
    expect(door.limit).toBe(1);
  });

  it("measures latency from the end of the request's body, so a slow upload is not taken for a slow gateway", () => {
    let now = 0;
    const concurrency = new ConcurrencyLimiter({ minLimit: 1, maxLimit: 4, initialLimit: 2, latencyThresholdMs: 300, backoffRatio: 0.5, now: () => now });
    const door = new AdmissionController({ concurrency });
    const res = response();
    const req = new EventEmitter();
    Object.assign(res, { req });
    expect(door.admit(res, 'passenger')).toBeUndefined();
    now += 2_000; // the body trickles in for 2 s
    req.emit('end');
    now += 50;
    res.close(200);
    // Fast (50 ms) with the limit in use: +1, not ×0.5.
    expect(door.limit).toBe(3);
  });

  it('refuses everything while the event loop is overloaded, suggesting the time the overload had to last', () => {
    const eventLoop = new EventLoopDelayMonitor({ p99BoundMs: 500, windows: 3, windowMs: 1_000, onChange: () => undefined });
    const door = new AdmissionController({ eventLoop });
    for (let i = 0; i < 3; i += 1) eventLoop.observeWindow(800);
    expect(door.admit(response(), 'driver')).toMatchObject({ code: 'OVERLOADED', retryAfterSeconds: 3 });
    eventLoop.observeWindow(10);
    expect(door.admit(response(), 'driver')).toBeUndefined();
    expect(door.details()).toEqual({ limit: 'off', inFlight: 0, eventLoop: { overloaded: false, p99Ms: 10 } });
  });
});
