/**
 * Failure injection for the simulator: seeded random failures (a pure function of the failure
 * seed, job key, call and attempt, so a test or demo sees the same failures every time) and the
 * programmable `FakeFault`s of the control. Both become the same typed errors the real adapters
 * raise, so the one retry function and the runner treat them exactly like a real provider's.
 */
import { createHash } from 'node:crypto';
import type { FakeErrorKind, FakeFault } from '../../fakes/fake-controller.ts';
import {
  MalformedResponseError,
  NetworkError,
  type ProviderError,
  providerError,
  RateLimitedError,
  TimeoutError,
} from '../../http/errors.ts';
import type { Sleep } from '../../http/timing.ts';
import type { SimFailureKind, SimulatorSettings } from './settings.ts';
import type { TaskFate } from './task-index.ts';

const PROVIDER = 'simulator';

/** Uniform [0, 1) from the sha256 of the parts: stable across runs and machines. */
export function seededUniform(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A 32-bit seed from any string (request hashes, job keys). */
export function seedFrom(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export type SimRoute = 'submit' | 'status';

const ROUTE_KINDS: Record<SimRoute, readonly SimFailureKind[]> = {
  submit: ['rate_limited', 'server_error', 'timeout'],
  status: ['server_error', 'timeout'],
};

/** The injected failure for one call attempt, or null. `content_policy` is a task fate, not a call failure. */
export function drawCallFailure(
  settings: Pick<SimulatorSettings, 'failureRate' | 'failureKinds' | 'failureSeed'>,
  route: SimRoute,
  jobKey: string,
  ordinal: number,
  attempt: number,
): SimFailureKind | null {
  const kinds = settings.failureKinds.filter((k) => ROUTE_KINDS[route].includes(k));
  if (settings.failureRate <= 0 || kinds.length === 0) return null;
  const parts = [settings.failureSeed, jobKey, route, ordinal, attempt];
  if (seededUniform(...parts) >= settings.failureRate) return null;
  return kinds[Math.floor(seededUniform(...parts, 'kind') * kinds.length)] ?? null;
}

/** Whether a new task will end in moderation (content_policy), decided once at creation. */
export function drawTaskFate(
  settings: Pick<SimulatorSettings, 'failureRate' | 'failureKinds' | 'failureSeed'>,
  jobKey: string,
): TaskFate {
  if (!settings.failureKinds.includes('content_policy') || settings.failureRate <= 0)
    return { kind: 'succeed' };
  return seededUniform(settings.failureSeed, jobKey, 'fate') < settings.failureRate
    ? {
        kind: 'fail',
        code: 'content_policy',
        message: 'simulated moderation: output flagged by content policy',
      }
    : { kind: 'succeed' };
}

/** The typed error for an error kind, as a real provider would answer it. */
export function injectedError(kind: FakeErrorKind, requestId: string, retryAfterS?: number): ProviderError {
  const base = { provider: PROVIDER, requestId, providerCode: `sim_${kind}` };
  const retryAfterMs = retryAfterS === undefined ? undefined : retryAfterS * 1000;
  if (kind === 'rate_limited' || kind === 'concurrency_limited')
    return new RateLimitedError({
      ...base,
      httpStatus: 429,
      retryAfterMs,
      message: `simulated 429: ${kind === 'rate_limited' ? 'too many requests' : 'too many unfinished tasks'}`,
    });
  const status: Record<Exclude<FakeErrorKind, 'rate_limited' | 'concurrency_limited'>, number> = {
    auth: 401,
    quota_exhausted: 402,
    content_policy: 400,
    invalid_request: 400,
    not_found: 404,
    server_error: 503,
  };
  return providerError(kind, {
    ...base,
    httpStatus: status[kind],
    retryAfterMs,
    message: `simulated ${kind.replace('_', ' ')}`,
  });
}

export type FaultEffect = { lostAnswer: boolean };

/**
 * Applies a programmable fault to one call: throws its error, waits out a slow answer (failing as a
 * timeout when it exceeds `timeoutMs`), or reports `lostAnswer` (the call takes effect, then the
 * caller throws a NetworkError — a dropped connection after the server acted).
 */
export async function applyFault(
  fault: FakeFault | undefined,
  options: { requestId: string; timeoutMs: number; sleep: Sleep; signal?: AbortSignal | undefined },
): Promise<FaultEffect> {
  if (fault === undefined || fault.kind === 'task_fails') return { lostAnswer: false };
  const { requestId } = options;
  switch (fault.kind) {
    case 'error':
      throw injectedError(fault.error, requestId, fault.retryAfterS);
    case 'drop':
      if (fault.when === 'after') return { lostAnswer: true };
      throw droppedError(requestId);
    case 'slow':
      await options.sleep(Math.min(fault.delayMs, options.timeoutMs), options.signal);
      if (fault.delayMs > options.timeoutMs) throw timeoutError(requestId, options.timeoutMs);
      return { lostAnswer: false };
    case 'malformed':
      throw new MalformedResponseError({
        provider: PROVIDER,
        requestId,
        message: 'simulated malformed answer',
      });
  }
}

export function droppedError(requestId: string): NetworkError {
  return new NetworkError({ provider: PROVIDER, requestId, message: 'simulated dropped connection' });
}

export function timeoutError(requestId: string, waitedMs: number): TimeoutError {
  return new TimeoutError({
    provider: PROVIDER,
    requestId,
    message: `simulated timeout after ${waitedMs} ms`,
  });
}
