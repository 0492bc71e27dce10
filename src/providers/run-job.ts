/**
 * One generation end to end against any provider: submit (or recover) → poll → download at once.
 * The runner and `generate` use this; retries live inside the adapter's HTTP calls, polling here.
 */
import type { VideoRequest } from '../contract/request.ts';
import {
  ContentPolicyError,
  PROVIDER_ERROR_CODES,
  type ProviderErrorCode,
  providerError,
} from '../http/errors.ts';
import { type PollOptions, pollUntil } from '../http/poll.ts';
import type { JobStatus, MediaFile, ProviderCallContext, SubmittedJob, VideoProvider } from './provider.ts';

export type JobOutcome = {
  job: SubmittedJob;
  status: Extract<JobStatus, { state: 'succeeded' }>;
  media: MediaFile;
  polls: number;
  elapsedMs: number;
};

function isErrorCode(code: string): code is ProviderErrorCode {
  return (PROVIDER_ERROR_CODES as readonly string[]).includes(code);
}

/** Turns a provider-reported task failure into the matching typed error. */
export function failedStatusError(
  provider: string,
  job: SubmittedJob,
  status: Extract<JobStatus, { state: 'failed' }>,
): Error {
  const options = {
    provider,
    requestId: job.taskId,
    message: `task ${job.taskId} failed: ${status.message}`,
  };
  if (status.code === 'content_policy') return new ContentPolicyError(options);
  return providerError(isErrorCode(status.code) ? status.code : 'server_error', {
    ...options,
    retryable: false,
  });
}

/** Submits (or recovers) the job, polls until it ends, downloads the result; throws on failure. */
export async function runJob(
  provider: VideoProvider,
  request: VideoRequest,
  ctx: ProviderCallContext,
  poll: PollOptions = {},
): Promise<JobOutcome> {
  const job = await provider.submit(request, ctx);
  const {
    value: status,
    polls,
    elapsedMs,
  } = await pollUntil<JobStatus>(
    async () => {
      const current = await provider.status(job, ctx);
      return current.state === 'succeeded' || current.state === 'failed'
        ? { done: true, value: current }
        : { done: false };
    },
    { provider: provider.id, signal: ctx.signal, ...poll },
  );
  if (status.state === 'failed') throw failedStatusError(provider.id, job, status);
  if (status.state !== 'succeeded') throw new Error('unreachable: poll ended on a non-final state');
  const media = await provider.download(job, ctx);
  return { job, status, media, polls, elapsedMs };
}
