/** Resilience: per-service call policies (deadline, retry, budget, breaker, bulkhead) and schema-declared fallbacks. */
export { JitteredBackoff, type JitteredBackoffOptions } from './JitteredBackoff.ts';
export { RetryBudget, type RetryBudgetOptions } from './RetryBudget.ts';
export { SlidingWindowBreaker, type SlidingWindowBreakerOptions } from './SlidingWindowBreaker.ts';
export { ServicePolicy, type Attempt, type BreakerState, type ServicePolicyOptions } from './ServicePolicy.ts';
export { ResilientServiceClient } from './ResilientServiceClient.ts';
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
