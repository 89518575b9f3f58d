import { describe, expect, it } from 'vitest';
import { errorStatusPlugin } from './errorStatusPlugin.ts';
import { formatError } from './formatError.ts';

async function statusFor(singleResult: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }): Promise<number | undefined> {
  const http: { status?: number } = {};
  const listener = await errorStatusPlugin().requestDidStart!({} as never);
  await listener!.willSendResponse!({ response: { http, body: { kind: 'single', singleResult } } } as never);
  return http.status;
}

describe('errorStatusPlugin', () => {
  it('answers the 4xx of the error table when nothing could be executed for a caller-made reason', async () => {
    expect(await statusFor({ errors: [{ message: 'm', extensions: { code: 'QUERY_PLANNING_FAILED' } }] })).toBe(400);
    expect(await statusFor({ data: null, errors: [{ message: 'm', extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } }] })).toBe(422);
    expect(await statusFor({ errors: [{ message: 'm', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] })).toBe(400);
  });

  it('leaves a status Apollo Server chose alone (405 for a GET mutation)', async () => {
    const http: { status?: number } = { status: 405 };
    const listener = await errorStatusPlugin().requestDidStart!({} as never);
    await listener!.willSendResponse!({ response: { http, body: { kind: 'single', singleResult: { errors: [{ message: 'm', extensions: { code: 'BAD_REQUEST' } }] } } } } as never);
    expect(http.status).toBe(405);
  });

  it('leaves answers with data, and failures of services, alone', async () => {
    expect(await statusFor({ data: { me: null }, errors: [{ message: 'm', extensions: { code: 'UNAUTHENTICATED' } }] })).toBeUndefined();
    expect(await statusFor({ data: null, errors: [{ message: 'm', extensions: { code: 'SERVICE_UNAVAILABLE' } }] })).toBeUndefined();
  });
});

describe('formatError', () => {
  it('says which limit stopped validation instead of "Validation aborted."', () => {
    const formatted = formatError({ message: 'Too many validation errors, error limit reached. Validation aborted.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatted).toEqual({ message: expect.stringMatching(/after 100 errors/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});
