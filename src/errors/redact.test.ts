import { describe, expect, it } from 'vitest';
import { redact, registerSecret } from './redact.ts';

describe('redact', () => {
  it('hides credential-like environment values', () => {
    const env = { KLING_SECRET_KEY: 'sk-very-secret-123', HOME: '/root' };
    expect(redact('token sk-very-secret-123 in /root', env)).toBe('token *** in /root');
  });

  it('hides registered values', () => {
    registerSecret('config-file-key-999');
    expect(redact('x config-file-key-999 y', {})).toBe('x *** y');
  });
});
