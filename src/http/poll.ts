/**
 * @module http/poll — the poller for long jobs: call `fn` until it reports done, with an interval
 * that grows by `backoff` up to `maxIntervalMs`, an overall deadline and an abort signal. Errors
 * from `fn` propagate (retrying them is `withRetry`'s job inside `fn`). Never resubmits anything.
 */
import { TimeoutError } from './errors.ts';
import { abortedError, type Clock, type Sleep, systemClock, systemSleep } from './timing.ts';

export type PollStep<T> = { done: true; value: T } | { done: false };

export type PollOptions = {
  /** First wait between calls. @default 2000 */
  intervalMs?: number | undefined;
  /** Interval multiplier per call. @default 1.5 */
  backoff?: number | undefined;
  /** @default 30000 */
  maxIntervalMs?: number | undefined;
  /** Overall budget from the first call; Kling jobs can take over an hour. @default 4_200_000 (70 min) */
  deadlineMs?: number | undefined;
  signal?: AbortSignal | undefined;
  sleep?: Sleep | undefined;
  clock?: Clock | undefined;
  /** Names the caller in timeout/abort errors. @default 'poll' */
  provider?: string | undefined;
};

export type PollResult<T> = { value: T; polls: number; elapsedMs: number };

/** Polls `fn` until it returns `{done: true}`; throws TimeoutError past the deadline. */
export async function pollUntil<T>(
  fn: (poll: number) => Promise<PollStep<T>>,
  options: PollOptions = {},
): Promise<PollResult<T>> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? systemSleep;
  const provider = options.provider ?? 'poll';
  const deadlineMs = options.deadlineMs ?? 4_200_000;
  const startMs = clock();
  let intervalMs = options.intervalMs ?? 2000;
  for (let poll = 1; ; poll++) {
    if (options.signal?.aborted) throw abortedError(provider, options.signal);
    const step = await fn(poll);
    const elapsedMs = clock() - startMs;
    if (step.done) return { value: step.value, polls: poll, elapsedMs };
    if (elapsedMs + intervalMs > deadlineMs)
      throw new TimeoutError({
        provider,
        message: `job not finished after ${poll} polls in ${elapsedMs} ms (deadline ${deadlineMs} ms)`,
        hint: 'the job may still finish: resume later, it will be looked up, not resubmitted',
      });
    await sleep(intervalMs, options.signal);
    intervalMs = Math.min(options.maxIntervalMs ?? 30_000, intervalMs * (options.backoff ?? 1.5));
  }
}
