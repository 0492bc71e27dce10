import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ContentPolicyError,
  QuotaExhaustedError,
  RateLimitedError,
  ServerError,
} from './errors.ts';
import { retryDelayMs, retryMetricsOf, withRetry } from './retry.ts';

const instant = () => {
  const delaysMs: number[] = [];
  return { delaysMs, sleep: async (ms: number) => void delaysMs.push(ms) };
};

describe('withRetry', () => {
  it('retries a server error then returns the value with metrics', async () => {
    const { sleep, delaysMs } = instant();
    let clockMs = 0;
    const result = await withRetry(
      async (attempt) => {
        clockMs += 10;
        if (attempt < 3) throw new ServerError({ provider: 'p', message: 'boom', requestId: `r${attempt}` });
        return 'ok';
      },
      { sleep, random: () => 0.5, baseDelayMs: 1000, clock: () => clockMs },
    );
    expect(result.value).toBe('ok');
    expect(result.metrics.attempts).toBe(3);
    expect(result.metrics.delaysMs).toEqual([500, 1000]);
    expect(delaysMs).toEqual([500, 1000]);
    expect(result.metrics.errors.map((e) => [e.code, e.requestId])).toEqual([
      ['server_error', 'r1'],
      ['server_error', 'r2'],
    ]);
    expect(result.metrics.totalMs).toBe(30);
  });

  it('honours the server hint before backoff', async () => {
    const { sleep, delaysMs } = instant();
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls === 1) throw new RateLimitedError({ provider: 'p', message: '429', retryAfterMs: 7000 });
        return 1;
      },
      { sleep, random: () => 0 },
    );
    expect(delaysMs).toEqual([7000]);
  });

  it.each([
    ['auth', new AuthError({ provider: 'p', message: 'bad key' })],
    ['policy', new ContentPolicyError({ provider: 'p', message: 'refused' })],
    ['quota', new QuotaExhaustedError({ provider: 'p', message: 'no money' })],
    ['bug', new TypeError('x is undefined')],
  ])('never retries %s errors', async (_name, thrown) => {
    let calls = 0;
    const promise = withRetry(
      async () => {
        calls++;
        throw thrown;
      },
      { sleep: async () => {} },
    );
    await expect(promise).rejects.toBe(thrown);
    expect(calls).toBe(1);
    expect(retryMetricsOf(thrown)?.attempts).toBe(1);
  });

  it('stops after maxAttempts and attaches metrics to the error', async () => {
    const error = new ServerError({ provider: 'p', message: 'down' });
    const promise = withRetry(
      async () => {
        throw error;
      },
      { sleep: async () => {}, maxAttempts: 4 },
    );
    await expect(promise).rejects.toBe(error);
    expect(retryMetricsOf(error)).toMatchObject({ attempts: 4 });
    expect(retryMetricsOf(error)?.delaysMs).toHaveLength(3);
  });

  it('never retries once aborted, and reports aborted', async () => {
    const controller = new AbortController();
    const promise = withRetry(
      async () => {
        controller.abort();
        throw new ServerError({ provider: 'p', message: 'down' });
      },
      { sleep: async () => {}, signal: controller.signal },
    );
    await expect(promise).rejects.toMatchObject({ code: 'server_error' });
    const pre = new AbortController();
    pre.abort();
    await expect(withRetry(async () => 1, { signal: pre.signal })).rejects.toMatchObject({ code: 'aborted' });
  });

  it('rejects a nonsensical maxAttempts with a clear message', async () => {
    await expect(withRetry(async () => 1, { maxAttempts: 0 })).rejects.toThrow(
      'Expected `maxAttempts` to be an integer from 1 and up, got `0` (number)',
    );
  });
});

describe('retryDelayMs', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    expect(retryDelayMs(1, undefined, { random: () => 0.999, baseDelayMs: 1000 })).toBe(999);
    expect(retryDelayMs(3, undefined, { random: () => 0.5, baseDelayMs: 1000 })).toBe(2000);
    expect(retryDelayMs(20, undefined, { random: () => 0.5, baseDelayMs: 1000, maxDelayMs: 8000 })).toBe(
      4000,
    );
    expect(retryDelayMs(1, 500_000, { maxServerDelayMs: 60_000 })).toBe(60_000);
  });
});
