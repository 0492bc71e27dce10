import { describe, expect, it } from 'vitest';
import { pollUntil } from './poll.ts';

describe('pollUntil', () => {
  it('grows the interval up to the cap and returns the value', async () => {
    const waits: number[] = [];
    let now = 0;
    const result = await pollUntil(
      async (poll) => (poll === 5 ? { done: true, value: 'v' } : { done: false }),
      {
        intervalMs: 100,
        backoff: 2,
        maxIntervalMs: 300,
        clock: () => now,
        sleep: async (ms) => {
          waits.push(ms);
          now += ms;
        },
      },
    );
    expect(result).toEqual({ value: 'v', polls: 5, elapsedMs: 900 });
    expect(waits).toEqual([100, 200, 300, 300]);
  });

  it('throws a timeout past the deadline', async () => {
    let now = 0;
    const promise = pollUntil(async () => ({ done: false }), {
      intervalMs: 100,
      backoff: 1,
      deadlineMs: 350,
      clock: () => now,
      sleep: async (ms) => {
        now += ms;
      },
      provider: 'kling',
    });
    await expect(promise).rejects.toMatchObject({ code: 'timeout', provider: 'kling' });
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    const promise = pollUntil(
      async () => {
        controller.abort();
        return { done: false };
      },
      { signal: controller.signal, intervalMs: 1 },
    );
    await expect(promise).rejects.toMatchObject({ code: 'aborted' });
  });
});
