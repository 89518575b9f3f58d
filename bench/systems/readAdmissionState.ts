/** What A's `/readyz` says of its admission control now; fields it does not show are undefined. */
export interface AdmissionState {
  /** The adaptive in-flight limit, requests. */
  readonly limit: number | undefined;
  /** Admitted requests not yet answered. */
  readonly inFlight: number | undefined;
  /** Whether the event-loop monitor is shedding. */
  readonly eventLoopOverloaded: boolean | undefined;
}

const unknownState: AdmissionState = { limit: undefined, inFlight: undefined, eventLoopOverloaded: undefined };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads `admission` from A's `/readyz` details (`{ limit, inFlight, eventLoop: { overloaded } }`;
 * src/admission/AdmissionController.ts). Never throws: a missing or changed field reads as
 * undefined, so the bench reports what it can instead of failing on a detail.
 */
export async function readAdmissionState(origin: string): Promise<AdmissionState> {
  try {
    const response = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2_000) });
    const admission = record(record(await response.json())?.admission);
    if (!admission) return unknownState;
    const eventLoop = record(admission.eventLoop);
    return {
      limit: typeof admission.limit === 'number' ? admission.limit : undefined,
      inFlight: typeof admission.inFlight === 'number' ? admission.inFlight : undefined,
      eventLoopOverloaded: typeof eventLoop?.overloaded === 'boolean' ? eventLoop.overloaded : undefined,
    };
  } catch {
    return unknownState;
  }
}
