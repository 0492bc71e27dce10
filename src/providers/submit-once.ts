/**
 * Submit guard for providers without an idempotency key (fal, Replicate). A create call whose
 * connection dropped or timed out may or may not have created a paid task, and nothing can look it
 * up by our job key, so retrying it could pay twice. Those outcomes are made non-retryable here (the
 * one retry function then stops) and say so; answered errors (429, 5xx) are still retried, because
 * an answer without a task id means no task was created.
 */
import { isProviderError, providerError } from '../http/errors.ts';

/** Runs one submit attempt; network/timeout failures become final "outcome unknown" errors. */
export async function submitOnce<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (isProviderError(error) && (error.code === 'network' || error.code === 'timeout')) {
      throw providerError(error.code, {
        provider: error.provider,
        requestId: error.requestId,
        retryable: false,
        message: `submit outcome unknown (${error.message}); not retried, a second submit could pay twice`,
        hint: `check the ${error.provider} dashboard for a task created just now before running this job again`,
        cause: error,
      });
    }
    throw error;
  }
}
