/**
 * @module providers/conformance — the ONE shared conformance suite. Call `describeConformance`
 * from a `*.test.ts` file with an adapter factory and a fake-server starter; it registers vitest
 * tests for every behaviour the runner relies on. A case an adapter cannot meet is skipped with a
 * stated reason (visible in the test name), never silently dropped.
 * Test-support code: not exported from src/index.ts (it imports vitest).
 */

import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VideoRequest } from '../contract/request.ts';
import type { FakeController, FakeErrorKind, FakeServerOptions } from '../fakes/fake-controller.ts';
import { ProviderError, type ProviderErrorCode } from '../http/errors.ts';
import { type Sleep, systemSleep } from '../http/timing.ts';
import type { ProviderCallContext, ProviderDeps, VideoProvider } from './provider.ts';
import { runJob } from './run-job.ts';

export const CONFORMANCE_CASES = [
  'happy_path',
  'find_by_job_key',
  'duplicate_submit',
  'error_classes',
  'retry_after_429',
  'server_error_then_success',
  'timeout',
  'dropped_connection',
  'lost_response_recovery',
  'expired_result_url',
  'malformed_json',
  'malformed_shape',
  'task_failed_moderation',
  'aborted',
  'cost',
] as const;
export type ConformanceCase = (typeof CONFORMANCE_CASES)[number];

export type ConformanceOptions = {
  providerId: string;
  /** Starts a fresh fake (one per test, so counters start at zero). */
  startFake: (options: FakeServerOptions) => Promise<FakeController>;
  /** Builds the adapter pointed at `fake` (usually `factory.create(fake.config, deps)`). */
  createProvider: (fake: FakeController, deps: ProviderDeps) => VideoProvider;
  /** A valid request for this provider. */
  request: VideoRequest;
  /** Cases this adapter cannot meet, each with the reason (shown in the test name). */
  skip?: Partial<Record<ConformanceCase, string>>;
  /** Error kinds (and the class each must map to) this provider documents. @default all of ERROR_EXPECTATIONS */
  errorKinds?: readonly FakeErrorKind[];
};

/** What each injected error must become, and whether the adapter may retry it. */
export const ERROR_EXPECTATIONS: Record<FakeErrorKind, { code: ProviderErrorCode; retried: boolean }> = {
  auth: { code: 'auth', retried: false },
  rate_limited: { code: 'rate_limited', retried: true },
  concurrency_limited: { code: 'rate_limited', retried: true },
  quota_exhausted: { code: 'quota_exhausted', retried: false },
  content_policy: { code: 'content_policy', retried: false },
  invalid_request: { code: 'invalid_request', retried: false },
  not_found: { code: 'not_found', retried: false },
  server_error: { code: 'server_error', retried: true },
};

const MAX_ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 400;

/** A sleep that records every retry delay and returns at once (retries are instant in tests). */
export function recordingSleep(): { sleep: Sleep; delaysMs: number[] } {
  const delaysMs: number[] = [];
  return {
    delaysMs,
    sleep: async (ms, signal) => {
      delaysMs.push(ms);
      if (signal?.aborted) throw signal.reason;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Provider deps for tests: real fetch, clock and sleep, a fixed random (0.5); override what a test needs. */
export function testProviderDeps(over: Partial<ProviderDeps> = {}): ProviderDeps {
  return { fetch: globalThis.fetch, clock: Date.now, sleep: systemSleep, random: () => 0.5, ...over };
}

/** The ProviderError `promise` rejects with; any other error is re-thrown, success fails the test. */
export async function providerRejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError, but the call succeeded');
}

/** Registers the conformance tests for one adapter. */
export function describeConformance(options: ConformanceOptions): void {
  const { providerId, request } = options;
  const skipReason = (name: ConformanceCase): string | undefined => options.skip?.[name];
  const test = (name: ConformanceCase, body: () => Promise<void>): void => {
    const reason = skipReason(name);
    if (reason !== undefined) it.skip(`${name} — skipped: ${reason}`, body);
    else it(name, body);
  };

  describe(`provider conformance: ${providerId}`, () => {
    let fake: FakeController;
    let provider: VideoProvider;
    let recorder: ReturnType<typeof recordingSleep>;
    let mediaDir: string;
    let keyCounter = 0;
    const ctx = (jobKey?: string, signal?: AbortSignal): ProviderCallContext => ({
      jobKey: jobKey ?? `conformance-${process.pid}-${++keyCounter}`,
      mediaDir,
      signal,
    });
    const poll = { intervalMs: 15, backoff: 1, deadlineMs: 10_000 };

    beforeEach(async () => {
      fake = await options.startFake({ stageMs: 30 });
      recorder = recordingSleep();
      mediaDir = await mkdtemp(join(tmpdir(), `clipbench-conf-${providerId}-`));
      provider = options.createProvider(
        fake,
        testProviderDeps({
          sleep: recorder.sleep,
          retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 100, maxDelayMs: 1000 },
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
        }),
      );
    });
    afterEach(async () => {
      await fake.stop();
      await rm(mediaDir, { recursive: true, force: true });
    });

    test('happy_path', async () => {
      const outcome = await runJob(provider, request, ctx(), poll);
      expect(outcome.job.providerId).toBe(providerId);
      expect(outcome.job.recovered).toBe(false);
      expect(outcome.polls).toBeGreaterThanOrEqual(1);
      expect(fake.counters().statusQueries).toBeGreaterThanOrEqual(outcome.polls);
      const bytes = await readFile(outcome.media.path);
      expect(bytes.byteLength).toBe(outcome.media.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(outcome.media.contentHash);
      expect(outcome.media.path).toContain(outcome.media.contentHash);
      expect(fake.counters()).toMatchObject({ submits: 1, tasksCreated: 1, downloads: 1 });
    });

    test('find_by_job_key', async () => {
      const context = ctx();
      const job = await provider.submit(request, context);
      const found = await provider.findByJobKey(context);
      expect(found?.taskId).toBe(job.taskId);
      expect(await provider.findByJobKey(ctx('never-submitted-key'))).toBeNull();
    });

    test('duplicate_submit', async () => {
      const context = ctx();
      const first = await provider.submit(request, context);
      const second = await provider.submit(request, context);
      expect(second.taskId).toBe(first.taskId);
      expect(second.recovered).toBe(true);
      expect(fake.counters().tasksCreated).toBe(1);
    });

    test('error_classes', async () => {
      for (const kind of options.errorKinds ?? (Object.keys(ERROR_EXPECTATIONS) as FakeErrorKind[])) {
        const expected = ERROR_EXPECTATIONS[kind];
        fake.clearFaults();
        const before = fake.counters().submits;
        fake.setFault({ kind: 'error', error: kind, on: 'submit', times: Number.POSITIVE_INFINITY });
        const error = await providerRejection(provider.submit(request, ctx()));
        expect({ kind, code: error.code }).toEqual({ kind, code: expected.code });
        expect(error.provider).toBe(providerId);
        expect(error.exitCode).toBe(3);
        expect({ kind, submits: fake.counters().submits - before }).toEqual({
          kind,
          submits: expected.retried ? MAX_ATTEMPTS : 1,
        });
      }
      expect(fake.counters().tasksCreated).toBe(0);
    });

    test('retry_after_429', async () => {
      fake.setFault({ kind: 'error', error: 'rate_limited', on: 'submit', times: 2, retryAfterS: 2 });
      const job = await provider.submit(request, ctx());
      expect(job.taskId).not.toBe('');
      expect(recorder.delaysMs.filter((ms) => ms === 2000)).toHaveLength(2);
      expect(fake.counters()).toMatchObject({ submits: 3, tasksCreated: 1 });
    });

    test('server_error_then_success', async () => {
      const job = await provider.submit(request, ctx());
      fake.setFault({ kind: 'error', error: 'server_error', on: 'status', times: 2 });
      const status = await provider.status(job, ctx(job.jobKey));
      expect(['queued', 'running', 'succeeded']).toContain(status.state);
      expect(recorder.delaysMs).toHaveLength(2);
    });

    test('timeout', async () => {
      const job = await provider.submit(request, ctx());
      fake.setFault({ kind: 'slow', delayMs: REQUEST_TIMEOUT_MS * 3, on: 'status', times: 1 });
      expect(['queued', 'running', 'succeeded']).toContain(
        (await provider.status(job, ctx(job.jobKey))).state,
      );
      fake.setFault({ kind: 'slow', delayMs: REQUEST_TIMEOUT_MS * 3, on: 'status', times: MAX_ATTEMPTS });
      const error = await providerRejection(provider.status(job, ctx(job.jobKey)));
      expect(error.code).toBe('timeout');
    });

    test('dropped_connection', async () => {
      fake.setFault({ kind: 'drop', when: 'before', on: 'submit', times: 1 });
      const job = await provider.submit(request, ctx());
      expect(job.recovered).toBe(false);
      expect(fake.counters().tasksCreated).toBe(1);
      fake.setFault({ kind: 'drop', when: 'before', on: 'status', times: Number.POSITIVE_INFINITY });
      const error = await providerRejection(provider.status(job, ctx(job.jobKey)));
      expect(error.code).toBe('network');
    });

    test('lost_response_recovery', async () => {
      fake.setFault({ kind: 'drop', when: 'after', on: 'submit', times: 1 });
      const context = ctx();
      const job = await provider.submit(request, context);
      expect(job.recovered).toBe(true);
      expect(fake.counters()).toMatchObject({ submits: 1, tasksCreated: 1 });
      const outcome = await runJob(provider, request, context, poll);
      expect(outcome.job.taskId).toBe(job.taskId);
      expect(fake.counters().tasksCreated).toBe(1);
    });

    test('expired_result_url', async () => {
      const context = ctx();
      const job = await provider.submit(request, context);
      await runUntilDone(provider, job, context);
      fake.expireResults();
      const error = await providerRejection(provider.download(job, context));
      expect(error.code).toBe('result_expired');
      expect(error.retryable).toBe(false);
    });

    test('malformed_json', async () => {
      const job = await provider.submit(request, ctx());
      fake.setFault({ kind: 'malformed', shape: 'not_json', on: 'status', times: Number.POSITIVE_INFINITY });
      const error = await providerRejection(provider.status(job, ctx(job.jobKey)));
      expect(error.code).toBe('malformed_response');
      expect(error.provider).toBe(providerId);
    });

    test('malformed_shape', async () => {
      const job = await provider.submit(request, ctx());
      fake.setFault({
        kind: 'malformed',
        shape: 'wrong_shape',
        on: 'status',
        times: Number.POSITIVE_INFINITY,
      });
      const error = await providerRejection(provider.status(job, ctx(job.jobKey)));
      expect(error.code).toBe('malformed_response');
      expect(error.requestId).toBeTruthy();
    });

    test('task_failed_moderation', async () => {
      fake.setFault({ kind: 'task_fails', reason: 'content_policy' });
      const error = await providerRejection(runJob(provider, request, ctx(), poll));
      expect(error.code).toBe('content_policy');
      expect(fake.counters().downloads).toBe(0);
    });

    test('aborted', async () => {
      const controller = new AbortController();
      controller.abort(new Error('user pressed ctrl-c'));
      const error = await providerRejection(provider.submit(request, ctx(undefined, controller.signal)));
      expect(error.code).toBe('aborted');
      expect(fake.counters().submits).toBe(0);
    });

    test('cost', async () => {
      const estimate = provider.estimateCost(request);
      expect(estimate.amountUsd).toBeGreaterThan(0);
      const outcome = await runJob(provider, request, ctx(), poll);
      expect(outcome.status.cost?.amountUsd ?? estimate.amountUsd).toBeGreaterThan(0);
    });
  });
}

async function runUntilDone(
  provider: VideoProvider,
  job: Awaited<ReturnType<VideoProvider['submit']>>,
  context: ProviderCallContext,
) {
  for (let i = 0; i < 400; i++) {
    const status = await provider.status(job, context);
    if (status.state === 'succeeded') return;
    if (status.state === 'failed') throw new Error(`task failed: ${status.message}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  throw new Error('task did not finish');
}
