/**
 * What every adapter does the same way around its own wire format: run a call through the one
 * retry function with its injected edges, and download a result file into the media directory.
 * Kept here so the retry wiring (limits, abort, run-log events) cannot drift between adapters.
 */

import { downloadToDir } from '../http/download.ts';
import { isProviderError, type ProviderError } from '../http/errors.ts';
import { withRetry } from '../http/retry.ts';
import type { MediaFile, ProviderCallContext, ProviderDeps } from './provider.ts';

export type RetriedCall<T> = {
  /** Provider id, for abort messages. */
  provider: string;
  /** Names the call in the run log's retry events (`submit`, `status`, …). */
  operation: string;
  /** One attempt (numbered from 1). */
  attempt: (attempt: number) => Promise<T>;
  /**
   * Called when an attempt fails with a ProviderError, before the retry decision: a value ends the
   * call as if the attempt had succeeded (e.g. a lost submit answer recovered by job key).
   */
  recover?: ((error: ProviderError) => Promise<T | undefined>) | undefined;
};

/** Runs one provider call through `withRetry` with the adapter's deps and the call's context. */
export async function retriedCall<T>(
  deps: Pick<ProviderDeps, 'retry' | 'sleep' | 'random' | 'clock'>,
  ctx: Pick<ProviderCallContext, 'signal' | 'onRetry'>,
  call: RetriedCall<T>,
): Promise<T> {
  const { recover } = call;
  const attempt =
    recover === undefined
      ? call.attempt
      : async (n: number) => {
          try {
            return await call.attempt(n);
          } catch (error) {
            if (isProviderError(error)) {
              const recovered = await recover(error);
              if (recovered !== undefined) return recovered;
            }
            throw error;
          }
        };
  const { value } = await withRetry(attempt, {
    ...deps.retry,
    sleep: deps.sleep,
    random: deps.random,
    clock: deps.clock,
    signal: ctx.signal,
    provider: call.provider,
    onAttempt: (event) => ctx.onRetry?.({ ...event, operation: call.operation }),
  });
  return value;
}

/** Downloads a provider's result URL into `ctx.mediaDir` (content-addressed, size-capped). */
export async function downloadResult(
  deps: Pick<ProviderDeps, 'fetch' | 'maxDownloadBytes'>,
  ctx: Pick<ProviderCallContext, 'mediaDir' | 'signal'>,
  result: { provider: string; url: string; requestId: string },
): Promise<MediaFile> {
  const file = await downloadToDir({
    provider: result.provider,
    fetch: deps.fetch,
    url: result.url,
    dir: ctx.mediaDir,
    maxBytes: deps.maxDownloadBytes,
    signal: ctx.signal,
    requestId: result.requestId,
  });
  return { ...file, simulated: false, sourceUrl: result.url };
}
