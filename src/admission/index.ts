/** Admission control (503 OVERLOADED: adaptive in-flight limit, event-loop delay) and rate limits (429 RATE_LIMITED), at the edge before any work. */
export { AdmissionController, type AdmissionControllerOptions } from './AdmissionController.ts';
export { AdmissionMetrics, type AdmissionGauges, type RateLimitScope, type ShedReason } from './AdmissionMetrics.ts';
export { AimdLimit, type AimdLimitOptions, type AimdSample } from './AimdLimit.ts';
export { ConcurrencyLimiter, type ConcurrencyLimiterOptions, type ConcurrencySlot } from './ConcurrencyLimiter.ts';
export { connectRateLimitRedis, type RateLimitRedis } from './connectRateLimitRedis.ts';
export { createAdmission, type Admission } from './createAdmission.ts';
export { EventLoopDelayMonitor, type EventLoopDelayMonitorOptions } from './EventLoopDelayMonitor.ts';
export { GuardedWindowCounters, type GuardedWindowCountersOptions } from './GuardedWindowCounters.ts';
export { MemoryWindowCounters, type MemoryWindowCountersOptions } from './MemoryWindowCounters.ts';
export { RateLimits, type RateLimitSubject, type RateLimitsOptions, type RateLimitValues } from './RateLimits.ts';
export { RedisWindowCounters, type RedisEval, type RedisWindowCountersOptions } from './RedisWindowCounters.ts';
export type { Refusal } from './Refusal.ts';
export { sendRefusal } from './sendRefusal.ts';
export { slidingWindow } from './slidingWindow.ts';
export { viewerKeyOf, type ViewerKey } from './viewerKeyOf.ts';
export type { WindowCheck, WindowCounters, WindowVerdict } from './WindowCounters.ts';
