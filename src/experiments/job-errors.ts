/**
 * What the runner does with an error thrown while walking one job. Decided from typed fields (error
 * class and code), never from message text:
 * - `interrupt`: the stop signal aborted the call — park the job where it is; resume continues it.
 * - `park_fatal`: the run cannot go on (bad credentials, quota, a store/disk/tool failure) — park the
 *   job so nothing paid is lost, stop the run, surface the error.
 * - `park_later`: the job may still finish at the provider (poll deadline) — park it for a resume.
 * - `fail_job`: this job failed (policy refusal, provider-side failure, unreadable clip) — journal
 *   it as failed; the preset's failover may replace it.
 * - `fail_fatal`: the request itself is unusable on this provider (input error): fail the job and stop.
 */
import type { JobError } from '../contract/run.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { isProviderError } from '../http/errors.ts';
import { MediaError } from '../media/media-error.ts';
import { StoreError } from '../store/store-error.ts';

export type ErrorDisposition = 'interrupt' | 'park_fatal' | 'park_later' | 'fail_job' | 'fail_fatal';

/** Provider error codes that end the whole run rather than one job. */
const RUN_FATAL_PROVIDER_CODES = new Set(['auth', 'quota_exhausted']);

export function classifyJobError(
  error: unknown,
  phase: 'submit' | 'poll' | 'download' | 'analyse',
  aborted: boolean,
): ErrorDisposition {
  if (error instanceof StoreError) return 'park_fatal';
  if (isProviderError(error)) {
    if (error.code === 'aborted' || aborted) return 'interrupt';
    if (RUN_FATAL_PROVIDER_CODES.has(error.code)) return 'park_fatal';
    if (error.code === 'timeout' && phase === 'poll') return 'park_later';
    return 'fail_job';
  }
  if (aborted) return 'interrupt';
  if (error instanceof MediaError) {
    // A clip the decoder cannot read is this job's failure; a missing tool is the machine's.
    if (phase === 'analyse' && error.kind === 'input') return 'fail_job';
    return 'park_fatal';
  }
  if (error instanceof ClipbenchError && error.code === 'submit_outcome_unknown') return 'fail_job';
  if (error instanceof ClipbenchError && error.kind === 'input') return 'fail_fatal';
  // File-system failures (disk full, unwritable media dir) and anything unknown stop the run.
  return 'park_fatal';
}

/** The journal form of an error (code, message, plus typed fields worth keeping). */
export function jobErrorOf(error: unknown, phase: string): JobError {
  if (error instanceof ClipbenchError) {
    const json = error.toJSON();
    return { ...json, code: error.code, message: error.message, phase };
  }
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : 'internal';
  return { code, message: error instanceof Error ? error.message : String(error), phase };
}
