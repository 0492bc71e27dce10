/**
 * Injected time: every retry, poll and token uses these instead of globals, so tests run with a
 * fake clock and an instant sleep.
 */
import { AbortedError } from './errors.ts';

/** Milliseconds since the epoch. */
export type Clock = () => number;
/** Waits `ms`, rejecting with the signal's abort as an `AbortedError`. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = () => Date.now();

/** Real sleep that stops early when `signal` aborts. */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError('sleep', signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError('sleep', signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The AbortedError for an aborted signal, keeping the reason as cause. */
export function abortedError(provider: string, signal: AbortSignal | undefined): AbortedError {
  return new AbortedError({ provider, message: 'aborted by the caller', cause: signal?.reason });
}
