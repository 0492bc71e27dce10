/**
 * The Replicate predictions adapter: create (official-model or version form), get, cancel. Outputs
 * are deleted after about an hour, so `download` is meant to run right after success (runJob does).
 * `Cancel-After` puts a deadline on every prediction so a forgotten job cannot run (and bill)
 * forever; `Prefer: wait` is off by default because video predictions outlast the 60 s hold.
 * Every HTTP call goes through `withRetry` once; the token only goes to the configured API origin.
 */
import { z } from 'zod';
import { registerSecret } from '../../errors/redact.ts';
import { errorFromStatus, type ProviderError, providerError, ResultExpiredError } from '../../http/errors.ts';
import { type RawResponse, requestJson } from '../../http/request.ts';
import { mediaInputUrl } from '../media-input.ts';
import type {
  JobStatus,
  ProviderCallContext,
  ProviderConfig,
  ProviderDeps,
  SubmittedJob,
  VideoProvider,
} from '../provider.ts';
import { downloadResult, retriedCall } from '../provider-calls.ts';
import { submitOnce } from '../submit-once.ts';
import { REPLICATE_CAPABILITIES } from './capabilities.ts';
import {
  estimateReplicateCost,
  estimateReplicateCostUsd,
  replicateFailureCode,
  replicateJobStatus,
  replicateOutputUrl,
  toReplicateRequest,
} from './map.ts';
import { type Prediction, PredictionSchema, ReplicateErrorBodySchema } from './wire.ts';

export const REPLICATE_PROVIDER_ID = 'replicate';
export const REPLICATE_DEFAULT_BASE_URL = 'https://api.replicate.com/v1';
/** Default `Cancel-After` deadline: generous for a video job, finite so nothing runs forever. */
export const REPLICATE_DEFAULT_CANCEL_AFTER_S = 3600;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const AccountSchema = z.looseObject({ username: z.string(), type: z.string().optional() });

/** Replicate errors by status; 429 hints come from `Retry-After` or the body's `retry_after`. */
export function classifyReplicateResponse(
  response: RawResponse,
  requestId: string | undefined,
): ProviderError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const parsed = ReplicateErrorBodySchema.safeParse(response.body);
  const body = parsed.success ? parsed.data : {};
  const bodyRetryMs = body.retry_after === undefined ? undefined : body.retry_after * 1000;
  const base = {
    provider: REPLICATE_PROVIDER_ID,
    requestId,
    httpStatus: response.status,
    retryAfterMs: response.retryAfterMs ?? bodyRetryMs,
    message: `HTTP ${response.status}: ${body.detail ?? response.text.slice(0, 300)}`,
  };
  if (response.status === 422 && replicateFailureCode(body.detail) === 'content_policy')
    return providerError('content_policy', base);
  return errorFromStatus(response.status, base);
}

/** The Replicate adapter: the shared contract plus cancel. */
export type ReplicateProvider = VideoProvider & {
  /** Cancels a prediction; returns its status afterwards (`canceled`, or the terminal one it had). */
  cancel(job: SubmittedJob, ctx: ProviderCallContext): Promise<Prediction['status']>;
};

type Call<S extends z.ZodType> = {
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  schema: S;
  requestId?: string | undefined;
  operation: string;
};

/** Creates the adapter from config (`REPLICATE_API_TOKEN`, optional base URL and deadlines). */
export function createReplicateClient(
  config: ProviderConfig,
  deps: ProviderDeps,
  token: string,
): ReplicateProvider {
  registerSecret(token);
  const baseUrl = (config['REPLICATE_BASE_URL'] ?? REPLICATE_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const cancelAfterS = Number(config['REPLICATE_CANCEL_AFTER_S'] ?? REPLICATE_DEFAULT_CANCEL_AFTER_S);
  const preferWaitS = Number(config['REPLICATE_PREFER_WAIT_S'] ?? 0);

  async function call<S extends z.ZodType>(ctx: ProviderCallContext, c: Call<S>) {
    const once = () =>
      requestJson({
        provider: REPLICATE_PROVIDER_ID,
        fetch: deps.fetch,
        url: `${baseUrl}${c.path}`,
        method: c.method,
        body: c.body,
        headers: { authorization: `Bearer ${token}`, ...c.headers },
        schema: c.schema,
        timeoutMs: deps.requestTimeoutMs,
        signal: ctx.signal,
        clock: deps.clock,
        classify: (r) => classifyReplicateResponse(r, c.requestId),
        requestIdOf: (r) => c.requestId ?? r.headers.get('x-request-id') ?? undefined,
      });
    // Only the create call is non-idempotent; cancel is safe to repeat.
    const isCreate = c.operation === 'submit';
    return retriedCall(deps, ctx, {
      provider: REPLICATE_PROVIDER_ID,
      operation: c.operation,
      attempt: isCreate ? () => submitOnce(once) : once,
    });
  }

  const getPrediction = async (job: SubmittedJob, ctx: ProviderCallContext) =>
    (
      await call(ctx, {
        path: `/predictions/${encodeURIComponent(job.taskId)}`,
        schema: PredictionSchema,
        requestId: job.taskId,
        operation: 'status',
      })
    ).data;

  const createHeaders = (): Record<string, string> => {
    const headers: Record<string, string> = {};
    if (Number.isFinite(cancelAfterS) && cancelAfterS >= 5)
      headers['cancel-after'] = `${Math.round(cancelAfterS)}s`;
    // Replicate clamps the hold to ≥ 1 s and ≤ 60 s.
    if (Number.isFinite(preferWaitS) && preferWaitS > 0)
      headers['prefer'] = `wait=${Math.min(60, Math.max(1, Math.ceil(preferWaitS)))}`;
    return headers;
  };

  const provider: ReplicateProvider = {
    id: REPLICATE_PROVIDER_ID,
    capabilities: REPLICATE_CAPABILITIES,

    async submit(req, ctx) {
      const imageUrl =
        req.identity.reference_image === undefined
          ? undefined
          : await mediaInputUrl(req.identity.reference_image, 'identity.reference_image', MAX_IMAGE_BYTES);
      const wire = toReplicateRequest(req, imageUrl);
      const { data } = await call(ctx, {
        path: wire.path,
        method: 'POST',
        body: wire.body,
        headers: createHeaders(),
        schema: PredictionSchema,
        operation: 'submit',
      });
      return {
        providerId: REPLICATE_PROVIDER_ID,
        taskId: data.id,
        model: wire.model,
        jobKey: ctx.jobKey,
        meta: {
          version: data.version ?? null,
          estimateUsd: estimateReplicateCostUsd(req),
          createdStatus: data.status,
        },
        submittedAtMs: deps.clock(),
        recovered: false,
      };
    },

    async status(job, ctx): Promise<JobStatus> {
      const status = replicateJobStatus(await getPrediction(job, ctx));
      if (status.state !== 'succeeded') return status;
      const estimate = job.meta['estimateUsd'];
      return typeof estimate === 'number'
        ? { state: 'succeeded', cost: { amountUsd: estimate, basis: 'price_table' } }
        : status;
    },

    async download(job, ctx) {
      const prediction = await getPrediction(job, ctx);
      const url = replicateOutputUrl(prediction.output);
      if (url === null) {
        const removed = prediction['data_removed'] === true;
        const options = {
          provider: REPLICATE_PROVIDER_ID,
          requestId: job.taskId,
          message: removed
            ? 'prediction output was deleted (Replicate keeps API outputs about an hour)'
            : `prediction ${prediction.status} has no output file`,
        };
        if (removed) throw new ResultExpiredError(options);
        throw providerError('malformed_response', options);
      }
      return downloadResult(deps, ctx, { provider: REPLICATE_PROVIDER_ID, url, requestId: job.taskId });
    },

    async cancel(job, ctx) {
      const { data } = await call(ctx, {
        path: `/predictions/${encodeURIComponent(job.taskId)}/cancel`,
        method: 'POST',
        schema: PredictionSchema,
        requestId: job.taskId,
        operation: 'cancel',
      });
      return data.status;
    },

    // Replicate has no idempotency key or caller-id lookup (README "Never pay twice on Replicate").
    findByJobKey: async () => null,

    estimateCost: estimateReplicateCost,

    async checkCredentials(ctx) {
      const started = deps.clock();
      const { data } = await call(
        { jobKey: 'credential-check', mediaDir: '', signal: ctx.signal },
        { path: '/account', schema: AccountSchema, operation: 'check' },
      );
      return {
        ok: true,
        detail: `token accepted (account ${data.username})`,
        latencyMs: deps.clock() - started,
      };
    },
  };
  return provider;
}
