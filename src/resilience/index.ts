/** Resilience: the one service call pipeline (deadline, retry with budget, bulkhead, breaker, pick and outlier report, attempt timeout), its parts, and schema-declared fallbacks. */
export { JitteredBackoff, type JitteredBackoffOptions } from './JitteredBackoff.ts';
export { RetryBudget, type RetryBudgetOptions } from './RetryBudget.ts';
export { SlidingWindowBreaker, type SlidingWindowBreakerOptions } from './SlidingWindowBreaker.ts';
export { ServicePipeline, type BreakerState, type ServicePipelineOptions } from './ServicePipeline.ts';
export { callOutcome } from './callOutcome.ts';
export { raceTimeout, type RaceOutcome, type RaceTimeoutOptions } from './raceTimeout.ts';
export { countsAgainstBreaker, isBulkheadRejection, toPolicyError } from './policyErrors.ts';
export { applyFallbacks, type FallbackInput, type FallbackProvider, type FallbackProviders } from './fallback/applyFallbacks.ts';
export { assertFallbacks, checkFallbacks, FallbackDeclarationError } from './fallback/checkFallbacks.ts';
export {
  fallbackDirectiveName,
  fallbackDirectiveSdl,
  fallbackKindEnumName,
  readFallbackDirective,
  type FallbackDeclaration,
  type FallbackKind,
} from './fallback/fallbackDirective.ts';
export { stripFallbacks } from './fallback/stripFallbacks.ts';
