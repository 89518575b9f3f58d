import { describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode } from './errorCodes.ts';

const rows = Object.entries(errorCodes) as Array<[ErrorCode, (typeof errorCodes)[ErrorCode]]>;

describe('errorCodes', () => {
  it('blames the client for every 4xx, and never retries a client fault', () => {
    for (const [code, row] of rows) {
      if (row.status >= 400 && row.status < 500) expect(row.blame, code).toBe('client');
      if (row.blame === 'client') expect(row.retryable, code).toBe(false);
    }
  });

  it('blames the service for what an upstream failed with, and the deadline for timeouts', () => {
    expect(errorCodes.SERVICE_UNAVAILABLE.blame).toBe('service');
    expect(errorCodes.UPSTREAM_ERROR.blame).toBe('service');
    expect(errorCodes.DEADLINE_EXCEEDED.blame).toBe('deadline');
    expect(errorCodes.CIRCUIT_OPEN.blame).toBe('none');
  });
});
