/**
 * The fal.ai queue adapter: submit to the endpoint id, then follow the returned status / response
 * URLs. COMPLETED is not success on fal: the result fetch decides (422 `detail` = failed job). Every
 * HTTP call goes through `withRetry` once; the Key header is only ever sent to the configured
 * queue origin, never to a URL a response pointed at elsewhere.
 */
import type { z } from 'zod';
import { registerSecret } from '../../errors/redact.ts';
import {
  errorFromStatus,
  MalformedResponseError,
  type ProviderError,
  providerError,
} from '../../http/errors.ts';
import { type RawResponse, requestJson } from '../../http/request.ts';
import { mediaInputUrl } from '../media-input.ts';
import type {
  JobStatus,
  Money,
  ProviderCallContext,
  ProviderConfig,
  ProviderDeps,
  SubmittedJob,
  VideoProvider,
} from '../provider.ts';
import { downloadResult, retriedCall } from '../provider-calls.ts';
import { submitOnce } from '../submit-once.ts';
import { FAL_CAPABILITIES } from './capabilities.ts';
import {
  estimateFalCost,
  estimateFalCostUsd,
  falAppId,
  falQueueState,
  falResultFailure,
  toFalRequest,
} from './map.ts';
import {
  FalCancelBodySchema,
  FalErrorBodySchema,
  type FalResultBody,
  FalResultBodySchema,
  FalStatusBodySchema,
  FalSubmitBodySchema,
} from './wire.ts';

export const FAL_PROVIDER_ID = 'fal';
export const FAL_DEFAULT_QUEUE_URL = 'https://queue.fal.run';
/** fal's limits for file inputs we inline as data URIs (Kling: images ≤ 10 MB, videos ≤ 100 MB). */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_VIDEO_BYTES = 100 * 1024 * 1024;

/** fal error classes by status, refined by typed fields: `detail[].type` and `X-Fal-Retryable`. */
export function classifyFalResponse(
  response: RawResponse,
  requestId: string | undefined,
): ProviderError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const parsed = FalErrorBodySchema.safeParse(response.body);
  const detail = parsed.success ? parsed.data.detail : undefined;
  const items = Array.isArray(detail) ? detail : [];
  const base = {
    provider: FAL_PROVIDER_ID,
    requestId,
    httpStatus: response.status,
    retryAfterMs: response.retryAfterMs,
    message: `HTTP ${response.status}: ${typeof detail === 'string' ? detail : response.text.slice(0, 300)}`,
  };
  const retryHeader = response.headers.get('x-fal-retryable');
  const retryable = retryHeader === 'true' ? true : retryHeader === 'false' ? false : undefined;
  if (items.some((d) => d.type === 'content_policy_violation')) return providerError('content_policy', base);
  // fal answers 403 for a locked account ("Exhausted balance"), not for a bad key (that is 401).
  if (response.status === 403) return providerError('quota_exhausted', base);
  return errorFromStatus(response.status, { ...base, retryable });
}

type FalCall<S extends z.ZodType> = {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  schema: S;
  requestId?: string | undefined;
  classify?: (response: RawResponse) => ProviderError | undefined;
  operation: string;
};

/** The fal adapter: the shared contract plus cancel (fal's `cancel_url`). */
export type FalProvider = VideoProvider & {
  /** Asks fal to cancel: queued jobs are dropped; running ones only get a signal and may still bill. */
  cancel(job: SubmittedJob, ctx: ProviderCallContext): Promise<FalCancelOutcome>;
};
export type FalCancelOutcome = 'CANCELLATION_REQUESTED' | 'ALREADY_COMPLETED' | 'NOT_FOUND';

/** Creates the fal adapter from config (`FAL_KEY`, optional `FAL_QUEUE_URL`) and edge deps. */
export function createFalClient(config: ProviderConfig, deps: ProviderDeps, key: string): FalProvider {
  registerSecret(key);
  const queueUrl = (config['FAL_QUEUE_URL'] ?? FAL_DEFAULT_QUEUE_URL).replace(/\/+$/, '');
  const queueOrigin = new URL(queueUrl).origin;

  /** A URL from a response, if it is on our queue origin; else the one we build ourselves. */
  const onQueue = (candidate: unknown, fallback: string): string =>
    typeof candidate === 'string' && URL.canParse(candidate) && new URL(candidate).origin === queueOrigin
      ? candidate
      : fallback;

  async function call<S extends z.ZodType>(ctx: ProviderCallContext, c: FalCall<S>) {
    const once = () =>
      requestJson({
        provider: FAL_PROVIDER_ID,
        fetch: deps.fetch,
        url: c.url,
        method: c.method,
        body: c.body,
        headers: { authorization: `Key ${key}` },
        schema: c.schema,
        timeoutMs: deps.requestTimeoutMs,
        signal: ctx.signal,
        clock: deps.clock,
        classify: c.classify ?? ((r) => classifyFalResponse(r, c.requestId)),
        requestIdOf: (r) => c.requestId ?? r.headers.get('x-fal-request-id') ?? undefined,
      });
    return retriedCall(deps, ctx, {
      provider: FAL_PROVIDER_ID,
      operation: c.operation,
      attempt: c.method === 'POST' ? () => submitOnce(once) : once,
    });
  }

  const routes = (job: SubmittedJob) => {
    const root = `${queueUrl}/${falAppId(String(job.meta['endpointId']))}/requests/${job.taskId}`;
    return {
      status: onQueue(job.meta['statusUrl'], `${root}/status`),
      response: onQueue(job.meta['responseUrl'], root),
    };
  };

  /** Fetches the result: the video, or the terminal failure a COMPLETED job carries. */
  async function fetchResult(job: SubmittedJob, ctx: ProviderCallContext) {
    const { data, status } = await call(ctx, {
      url: routes(job).response,
      schema: FalErrorBodySchema.or(FalResultBodySchema),
      requestId: job.taskId,
      operation: 'result',
      classify: (r) => {
        if (falResultFailure(r.status, {}) !== null) return undefined; // a failed job, read below
        if (r.status >= 500 && r.headers.get('x-fal-retryable') === 'false') return undefined;
        return classifyFalResponse(r, job.taskId);
      },
    });
    if (status >= 400) {
      const body = FalErrorBodySchema.parse(data);
      const failure = falResultFailure(status, body) ?? {
        state: 'failed' as const,
        code: 'server_error',
        message: `fal: job ended with HTTP ${status} (not retryable)`,
      };
      return { failure };
    }
    const ok = FalResultBodySchema.safeParse(data);
    if (!ok.success)
      throw new MalformedResponseError({
        provider: FAL_PROVIDER_ID,
        requestId: job.taskId,
        httpStatus: status,
        message: 'result has no `video.url`',
      });
    return { result: ok.data as FalResultBody };
  }

  const provider: FalProvider = {
    id: FAL_PROVIDER_ID,
    capabilities: FAL_CAPABILITIES,

    async submit(req, ctx) {
      const media = {
        imageUrl:
          req.identity.reference_image === undefined
            ? undefined
            : await mediaInputUrl(req.identity.reference_image, 'identity.reference_image', MAX_IMAGE_BYTES),
        videoUrl:
          req.motion_source.reference_video === undefined
            ? undefined
            : await mediaInputUrl(
                req.motion_source.reference_video,
                'motion_source.reference_video',
                MAX_VIDEO_BYTES,
              ),
      };
      const wire = toFalRequest(req, media);
      const { data } = await call(ctx, {
        url: `${queueUrl}/${wire.endpointId}`,
        method: 'POST',
        body: wire.input,
        schema: FalSubmitBodySchema,
        operation: 'submit',
      });
      return {
        providerId: FAL_PROVIDER_ID,
        taskId: data.request_id,
        model: wire.model,
        jobKey: ctx.jobKey,
        meta: {
          endpointId: wire.endpointId,
          statusUrl: data.status_url,
          responseUrl: data.response_url,
          cancelUrl: data.cancel_url,
          estimateUsd: estimateFalCostUsd(req),
        },
        submittedAtMs: deps.clock(),
        recovered: false,
      };
    },

    async status(job, ctx): Promise<JobStatus> {
      const { data } = await call(ctx, {
        url: routes(job).status,
        schema: FalStatusBodySchema,
        requestId: job.taskId,
        operation: 'status',
      });
      const state = falQueueState(data);
      if (state !== 'completed') return state;
      const { failure } = await fetchResult(job, ctx);
      if (failure !== undefined) return failure;
      return { state: 'succeeded', cost: costOf(job) };
    },

    async download(job, ctx) {
      const { failure, result } = await fetchResult(job, ctx);
      if (failure !== undefined || result === undefined)
        throw providerError(failure?.code === 'content_policy' ? 'content_policy' : 'invalid_request', {
          provider: FAL_PROVIDER_ID,
          requestId: job.taskId,
          message: `nothing to download: ${failure?.message ?? 'no result'}`,
        });
      return downloadResult(deps, ctx, {
        provider: FAL_PROVIDER_ID,
        url: result.video.url,
        requestId: job.taskId,
      });
    },

    async cancel(job, ctx) {
      const root = `${queueUrl}/${falAppId(String(job.meta['endpointId']))}/requests/${job.taskId}`;
      const { data } = await call(ctx, {
        url: onQueue(job.meta['cancelUrl'], `${root}/cancel`),
        method: 'PUT',
        schema: FalCancelBodySchema,
        requestId: job.taskId,
        operation: 'cancel',
        // 400 ALREADY_COMPLETED and 404 NOT_FOUND are answers, not failures.
        classify: (r) =>
          FalCancelBodySchema.safeParse(r.body).success ? undefined : classifyFalResponse(r, job.taskId),
      });
      return data.status;
    },

    // fal has no idempotency key and no lookup by caller id: a job whose submit answer was lost
    // cannot be found again (see README "Never pay twice on fal").
    findByJobKey: async () => null,

    estimateCost: estimateFalCost,

    async checkCredentials(ctx) {
      const started = deps.clock();
      // A status read of a request id that cannot exist: free; 404 means the key was accepted.
      const probe = `${queueUrl}/fal-ai/kling-video/requests/00000000-0000-0000-0000-000000000000/status`;
      await call(
        { jobKey: 'credential-check', mediaDir: '', signal: ctx.signal },
        {
          url: probe,
          schema: FalErrorBodySchema,
          operation: 'check',
          classify: (r) => (r.status === 404 ? undefined : classifyFalResponse(r, undefined)),
        },
      );
      return { ok: true, detail: `FAL_KEY accepted by ${queueOrigin}`, latencyMs: deps.clock() - started };
    },
  };

  function costOf(job: SubmittedJob): Money | undefined {
    const estimate = job.meta['estimateUsd'];
    return typeof estimate === 'number' ? { amountUsd: estimate, basis: 'price_table' } : undefined;
  }

  return provider;
}
