import { describe, expect, it } from 'vitest';
import { registerSecret } from '../errors/redact.ts';
import { AuthError, errorFromStatus, PROVIDER_ERROR_CODES, providerError } from './errors.ts';

describe('provider error tree', () => {
  it('maps HTTP statuses to classes', () => {
    const codes = [401, 402, 404, 408, 429, 400, 503].map(
      (status) => errorFromStatus(status, { provider: 'p', message: 'x' }).code,
    );
    expect(codes).toEqual([
      'auth',
      'quota_exhausted',
      'not_found',
      'timeout',
      'rate_limited',
      'invalid_request',
      'server_error',
    ]);
  });

  it('has one class per code with exit 3 and a stable JSON form', () => {
    for (const code of PROVIDER_ERROR_CODES) {
      const error = providerError(code, { provider: 'kling', message: 'm', requestId: 'req-1' });
      expect(error.code).toBe(code);
      expect(error.exitCode).toBe(3);
      expect(error.toJSON()).toMatchObject({ code, provider: 'kling', requestId: 'req-1', kind: 'provider' });
    }
  });

  it('redacts registered secrets from messages and hints', () => {
    registerSecret('super-secret-value-42');
    const error = new AuthError({
      provider: 'kling',
      message: 'token super-secret-value-42 rejected',
      hint: 'key super-secret-value-42',
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('super-secret-value-42');
    expect(error.message).toContain('***');
  });
});
