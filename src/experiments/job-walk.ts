/**
 * One job's provider phase as a journaled walk: submitting → submitted → generated → downloaded.
 * Every step commits its journal row first and only then talks to the provider (no transaction
 * spans a call). A job found in `submitting` after a crash is looked up at the provider by its
 * idempotency key before anything is sent again; a `submitted` job is polled, never resubmitted.
 */
import { isAbsolute, relative } from 'node:path';
import type { VideoRequest } from '../contract/request.ts';
import type { JobRecord, JobState } from '../contract/run.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { type PollOptions, pollUntil } from '../http/poll.ts';
import type { JobStatus, ProviderCallContext, SubmittedJob, VideoProvider } from '../providers/provider.ts';
import { failedStatusError } from '../providers/run-job.ts';
import type { Store } from '../store/store.ts';

export type WalkCounters = { newSubmits: number; recovered: number };

export type WalkContext = {
  store: Store;
  provider: VideoProvider;
  workspaceRoot: string;
  mediaDir: string;
  poll: Omit<PollOptions, 'signal' | 'provider'>;
  /** Aborts in-flight provider calls (the runner's hard stop). */
  signal: AbortSignal;
  counters: WalkCounters;
  onTransition: (job: JobRecord, from: JobState | null) => void;
};

/** The key sent to the provider as idempotency / external id (the job key, or a `--fresh` variant). */
export function idempotencyKeyOf(job: JobRecord): string {
  const fromMeta = job.task_meta?.['idempotency_key'];
  return typeof fromMeta === 'string' ? fromMeta : job.job_key;
}

/** The provider's handle stored with the job when it reached `submitted`, if any. */
export function submittedJobOf(job: JobRecord): SubmittedJob | null {
  const stored = job.task_meta?.['submitted'];
  if (typeof stored !== 'object' || stored === null) return null;
  const s = stored as Partial<SubmittedJob>;
  if (typeof s.taskId !== 'string' || typeof s.providerId !== 'string') return null;
  return s as SubmittedJob;
}

/** Journal path of a file: relative to the workspace root when inside it (portable workspaces). */
export function storedPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

type Phase = 'submit' | 'lookup' | 'status' | 'download';

function callContext(job: JobRecord, ctx: WalkContext, retries: { n: number }): ProviderCallContext {
  return {
    jobKey: idempotencyKeyOf(job),
    signal: ctx.signal,
    mediaDir: ctx.mediaDir,
    onRetry: () => {
      retries.n += 1;
    },
  };
}

/** Runs one provider operation and appends its attempt row (tries, latency, outcome) to the run log. */
async function recorded<T>(
  ctx: WalkContext,
  job: JobRecord,
  phase: Phase,
  fn: (call: ProviderCallContext) => Promise<T>,
  detail: (value: T) => Record<string, unknown> | null = () => null,
): Promise<T> {
  const retries = { n: 0 };
  const startedMs = Date.now();
  try {
    const value = await fn(callContext(job, ctx, retries));
    ctx.store.attempts.record({
      jobId: job.id,
      phase,
      attempts: 1 + retries.n,
      latencyMs: Date.now() - startedMs,
      outcome: 'ok',
      detail: detail(value),
    });
    return value;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const status = (error as { httpStatus?: unknown }).httpStatus;
    try {
      ctx.store.attempts.record({
        jobId: job.id,
        phase,
        attempts: 1 + retries.n,
        latencyMs: Date.now() - startedMs,
        outcome: 'error',
        errorCode: typeof code === 'string' ? code : 'internal',
        httpStatus: typeof status === 'number' ? status : null,
      });
    } catch {
      // The original error matters more than a missing log row (e.g. the disk just filled up).
    }
    throw error;
  }
}

function move(
  ctx: WalkContext,
  job: JobRecord,
  to: JobState,
  patch: Parameters<Store['jobs']['transition']>[3],
) {
  const next = ctx.store.jobs.transition(job.id, job.state, to, patch);
  ctx.onTransition(next, job.state);
  return next;
}

/**
 * Submits a job the runner just moved to `submitting` (`resumed` false), or one found there after a
 * crash (`resumed` true: look it up by key first; if the provider has no such task, journal the
 * re-submit and send it with the same key, so the provider can still de-duplicate).
 */
async function submitStep(job: JobRecord, ctx: WalkContext, resumed: boolean): Promise<JobRecord> {
  let current = job;
  if (resumed) {
    const found = await recorded(ctx, current, 'lookup', (call) => ctx.provider.findByJobKey(call));
    if (found !== null) {
      ctx.counters.recovered += 1;
      return move(ctx, current, 'submitted', submittedPatch(current, found));
    }
    if (ctx.provider.capabilities.idempotency === 'none')
      throw new ClipbenchError({
        code: 'submit_outcome_unknown',
        kind: 'provider',
        message: `${ctx.provider.id}: job ${current.id} was being submitted when the runner stopped, and ${ctx.provider.id} cannot look tasks up by our key`,
        hint: `check the ${ctx.provider.id} dashboard for a task created then; not resubmitted, a second submit could pay twice`,
      });
    current = move(ctx, current, 'submitting', {});
  }
  const request = current.request as VideoRequest;
  const submitted = await recorded(
    ctx,
    current,
    'submit',
    (call) => ctx.provider.submit(request, call),
    (s) => ({ task_id: s.taskId, recovered: s.recovered }),
  );
  if (submitted.recovered) ctx.counters.recovered += 1;
  else ctx.counters.newSubmits += 1;
  return move(ctx, current, 'submitted', submittedPatch(current, submitted));
}

function submittedPatch(job: JobRecord, submitted: SubmittedJob) {
  return {
    providerTaskId: submitted.taskId,
    taskMeta: { ...(job.task_meta ?? {}), idempotency_key: idempotencyKeyOf(job), submitted },
  };
}

/** Polls a submitted job to its end; success journals the actual cost (replacing the estimate). */
async function pollStep(job: JobRecord, ctx: WalkContext): Promise<JobRecord> {
  let submitted = submittedJobOf(job);
  if (submitted === null) {
    // Journaled as submitted without a handle (older row): find it by key, never resubmit.
    submitted = await recorded(ctx, job, 'lookup', (call) => ctx.provider.findByJobKey(call));
    if (submitted === null)
      throw new Error(`job ${job.id} is submitted but the provider has no task for its key`);
  }
  const handle = submitted;
  const { value: status, polls } = await recorded(
    ctx,
    job,
    'status',
    (call) =>
      pollUntil<JobStatus>(
        async () => {
          const s = await ctx.provider.status(handle, call);
          return s.state === 'succeeded' || s.state === 'failed' ? { done: true, value: s } : { done: false };
        },
        { ...ctx.poll, signal: ctx.signal, provider: ctx.provider.id },
      ),
    (r) => ({ polls: r.polls, elapsed_ms: r.elapsedMs }),
  );
  void polls;
  if (status.state === 'failed') throw failedStatusError(ctx.provider.id, handle, status);
  if (status.state !== 'succeeded') throw new Error('unreachable: poll ended on a non-final state');
  const cost = status.cost;
  return move(ctx, job, 'generated', {
    costUsd: cost?.amountUsd ?? job.estimated_cost_usd ?? 0,
    costBasis: cost?.basis ?? 'estimate',
  });
}

/** Downloads the result at once (provider URLs expire) into the content-addressed media store. */
async function downloadStep(job: JobRecord, ctx: WalkContext): Promise<JobRecord> {
  const submitted = submittedJobOf(job);
  if (submitted === null) throw new Error(`job ${job.id} has no provider task to download`);
  const media = await recorded(
    ctx,
    job,
    'download',
    (call) => ctx.provider.download(submitted, call),
    (m) => ({ bytes: m.bytes }),
  );
  ctx.store.assets.put({
    contentHash: media.contentHash,
    kind: 'clip',
    path: storedPath(ctx.workspaceRoot, media.path),
    bytes: media.bytes,
    contentType: media.contentType,
    simulated: media.simulated,
  });
  return move(ctx, job, 'downloaded', { clipHash: media.contentHash, simulated: media.simulated });
}

/**
 * Walks a job from `submitting`, `submitted` or `generated` to `downloaded`. `resumed` says the job
 * was found in `submitting` in the journal (rather than moved there by this process just now).
 */
export async function walkProviderPhase(
  job: JobRecord,
  ctx: WalkContext,
  resumed: boolean,
): Promise<JobRecord> {
  let current = job;
  if (current.state === 'submitting') current = await submitStep(current, ctx, resumed);
  if (current.state === 'submitted') current = await pollStep(current, ctx);
  if (current.state === 'generated') current = await downloadStep(current, ctx);
  return current;
}

/** The phase a job in `state` is in, for error classification. */
export function providerPhaseOf(state: JobState): 'submit' | 'poll' | 'download' {
  return state === 'submitting' || state === 'planned'
    ? 'submit'
    : state === 'submitted'
      ? 'poll'
      : 'download';
}
