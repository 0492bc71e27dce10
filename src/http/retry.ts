/**
 * @module http/retry — THE retry function. Providers and the runner never loop on their own.
 * Order of decisions: aborted → stop; not a retryable ProviderError → stop; out of attempts →
 * stop; else wait the server hint (`retryAfterMs`, capped) or capped exponential backoff with full
 * jitter (AWS architecture blog "Exponential Backoff And Jitter": sleep = random(0, min(cap, base·2^n))).
 */
import { isProviderError } from './errors.ts';
import { abortedError, type Clock, type Sleep, systemClock, systemSleep } from './timing.ts';

export type AttemptError = {
  attempt: number;
  code: string;
  message: string;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
};

/** What the run log records about one retried call. */
export type RetryMetrics = {
  attempts: number;
  delaysMs: number[];
  totalMs: number;
  errors: AttemptError[];
};

export type AttemptEvent = { attempt: number; error: AttemptError; willRetry: boolean; delayMs: number };

export type RetryOptions = {
  /** Total tries including the first. @default 5 */
  maxAttempts?: number | undefined;
  /** First backoff ceiling; Kling advises ≥ 1 s. @default 1000 */
  baseDelayMs?: number | undefined;
  /** Backoff ceiling. @default 30000 */
  maxDelayMs?: number | undefined;
  /** Longest server hint honoured; longer hints are cut to this. @default 120000 */
  maxServerDelayMs?: number | undefined;
  sleep?: Sleep | undefined;
  /** Uniform [0,1). @default Math.random */
  random?: (() => number) | undefined;
  clock?: Clock | undefined;
  signal?: AbortSignal | undefined;
  /** Called after each failed attempt (for progress and logs). */
  onAttempt?: ((event: AttemptEvent) => void) | undefined;
  /** Names the caller in AbortedError messages. @default 'http' */
  provider?: string | undefined;
};

export type RetryResult<T> = { value: T; metrics: RetryMetrics };

const metricsByError = new WeakMap<object, RetryMetrics>();

/** The metrics of the retry run that ended by throwing `error`, if any. */
export function retryMetricsOf(error: unknown): RetryMetrics | undefined {
  return typeof error === 'object' && error !== null ? metricsByError.get(error) : undefined;
}

/** The delay before attempt `attempt + 1`, from the server hint or jittered backoff. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxServerDelayMs' | 'random'> = {},
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxServerDelayMs ?? 120_000);
  const ceiling = Math.min(options.maxDelayMs ?? 30_000, (options.baseDelayMs ?? 1000) * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

function summarise(attempt: number, error: unknown): AttemptError {
  if (isProviderError(error))
    return {
      attempt,
      code: error.code,
      message: error.message,
      requestId: error.requestId,
      retryAfterMs: error.retryAfterMs,
    };
  return { attempt, code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Runs `fn` until it succeeds or fails for good; returns its value and the attempt metrics. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<RetryResult<T>> {
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new TypeError(
      `Expected \`maxAttempts\` to be an integer from 1 and up, got \`${maxAttempts}\` (${typeof maxAttempts})`,
    );
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? systemSleep;
  const startMs = clock();
  const metrics: RetryMetrics = { attempts: 0, delaysMs: [], totalMs: 0, errors: [] };
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw fail(abortedError(options.provider ?? 'http', options.signal));
    metrics.attempts = attempt;
    try {
      const value = await fn(attempt);
      metrics.totalMs = clock() - startMs;
      return { value, metrics };
    } catch (error) {
      const summary = summarise(attempt, error);
      metrics.errors.push(summary);
      const retryable = isProviderError(error) && error.retryable && !options.signal?.aborted;
      const willRetry = retryable && attempt < maxAttempts;
      const delayMs = willRetry ? retryDelayMs(attempt, summary.retryAfterMs, options) : 0;
      options.onAttempt?.({ attempt, error: summary, willRetry, delayMs });
      if (!willRetry) throw fail(error);
      metrics.delaysMs.push(delayMs);
      try {
        await sleep(delayMs, options.signal);
      } catch (sleepError) {
        throw fail(sleepError);
      }
    }
  }

  function fail(error: unknown): unknown {
    metrics.totalMs = clock() - startMs;
    if (typeof error === 'object' && error !== null) metricsByError.set(error, metrics);
    return error;
  }
}
