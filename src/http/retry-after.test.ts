import { describe, expect, it } from 'vitest';
import { retryAfterMsFromHeaders } from './retry-after.ts';

describe('retryAfterMsFromHeaders', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('prefers retry-after-ms', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(
      250,
    );
  });
  it('reads delta seconds', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
  });
  it('reads an HTTP date', () => {
    const headers = new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' });
    expect(retryAfterMsFromHeaders(headers, now)).toBe(5000);
  });
  it('ignores garbage and absence', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMsFromHeaders(new Headers(), now)).toBeUndefined();
  });
});
