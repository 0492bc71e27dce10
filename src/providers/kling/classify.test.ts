import { describe, expect, it } from 'vitest';
import type { RawResponse } from '../../http/request.ts';
import { classifyKlingResponse } from './classify.ts';

const raw = (status: number, body: unknown, retryAfterMs?: number): RawResponse => ({
  status,
  headers: new Headers(),
  body,
  text: JSON.stringify(body),
  retryAfterMs,
});

describe('classifyKlingResponse', () => {
  it('branches on the body code, not the HTTP status, for 429', () => {
    const throttled = classifyKlingResponse(
      raw(429, { code: 1302, message: 'too fast', request_id: 'r1' }, 2000),
    );
    expect(throttled).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 2000,
      requestId: 'r1',
    });
    const broke = classifyKlingResponse(raw(429, { code: 1102, message: 'depleted' }));
    expect(broke).toMatchObject({ code: 'quota_exhausted', retryable: false });
    expect(classifyKlingResponse(raw(429, { code: 1303 }))?.code).toBe('rate_limited');
  });
  it('1003/1004 are retryable auth (re-mint), 1000 is final', () => {
    expect(classifyKlingResponse(raw(401, { code: 1004 }))).toMatchObject({ code: 'auth', retryable: true });
    expect(classifyKlingResponse(raw(401, { code: 1003 }))).toMatchObject({ code: 'auth', retryable: true });
    expect(classifyKlingResponse(raw(401, { code: 1000 }))).toMatchObject({ code: 'auth', retryable: false });
  });
  it('policy, params, not found, server', () => {
    expect(classifyKlingResponse(raw(400, { code: 1301 }))?.code).toBe('content_policy');
    expect(classifyKlingResponse(raw(400, { code: 1201 }))?.code).toBe('invalid_request');
    expect(classifyKlingResponse(raw(404, { code: 1203 }))?.code).toBe('not_found');
    expect(classifyKlingResponse(raw(503, { code: 5001 }))).toMatchObject({
      code: 'server_error',
      retryable: true,
    });
  });
  it('a 200 with a non-zero code is still an error; success is undefined', () => {
    expect(classifyKlingResponse(raw(200, { code: 1201, message: 'bad' }))?.code).toBe('invalid_request');
    expect(classifyKlingResponse(raw(200, { code: 0, data: {} }))).toBeUndefined();
    expect(classifyKlingResponse(raw(502, undefined))?.code).toBe('server_error');
  });
});
