import { admissionDefaults } from '../../src/config/index.ts';
import { benchAdmissionEnv } from './benchAdmissionEnv.ts';

/**
 * Admission for gateway A in goodput mode: load shedding exactly as `npm start` runs it (the
 * adaptive in-flight limit and the event-loop monitor at their defaults; that is what is measured),
 * but rate limits as generous as in the other modes, because every bench connection is one demo
 * user behind one address and a real rate limit would make the run about the limit instead.
 *
 * The defaults are written out (from `admissionDefaults`, so they follow the gateway's own) rather
 * than left unset, so that an `ADMISSION_*` variable in the shell running the bench cannot leak
 * into the measurement.
 */
export const goodputAdmissionEnv: Readonly<Record<string, string>> = {
  ADMISSION_MAX_IN_FLIGHT: String(admissionDefaults.maxInFlight),
  ADMISSION_MIN_IN_FLIGHT: String(admissionDefaults.minInFlight),
  ADMISSION_INITIAL_IN_FLIGHT: String(admissionDefaults.initialInFlight),
  ADMISSION_LATENCY_MS: String(admissionDefaults.latencyMs),
  ADMISSION_BACKOFF_RATIO: String(admissionDefaults.backoffRatio),
  ADMISSION_EVENT_LOOP_P99_MS: String(admissionDefaults.eventLoopP99Ms),
  ADMISSION_EVENT_LOOP_WINDOWS: String(admissionDefaults.eventLoopWindows),
  ADMISSION_EVENT_LOOP_WINDOW_MS: String(admissionDefaults.eventLoopWindowMs),
  ...Object.fromEntries(Object.entries(benchAdmissionEnv).filter(([name]) => name.startsWith('RATE_LIMIT_'))),
};
