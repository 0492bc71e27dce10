/**
 * The Kling adapter (official API): HTTP edge over the pure mapping in map.ts. Every HTTP call goes
 * through `withRetry` exactly once. Never pays twice: our job key is sent as `external_task_id`;
 * when a submit fails ambiguously (dropped connection, timeout, 5xx, bad body) or is refused as a
 * duplicate, the task is looked up by that id before anything is sent again.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { VideoRequest } from '../../contract/request.ts';
import { InputError } from '../../errors/input-error.ts';
import { isProviderError, ProviderError } from '../../http/errors.ts';
import { requestJson } from '../../http/request.ts';
import { abortedError } from '../../http/timing.ts';
import type {
  CredentialCheck,
  MediaFile,
  ProviderCallContext,
  ProviderDeps,
  SubmittedJob,
  VideoProvider,
} from '../provider.ts';
import { downloadResult, retriedCall } from '../provider-calls.ts';
import { createKlingTokenSource } from './auth.ts';
import { KLING_CAPABILITIES } from './capabilities.ts';
import { classifyKlingResponse, KLING_REMINT_CODES, klingRequestId } from './classify.ts';
import { fromKlingTask, type KlingMedia, toKlingSubmission } from './map.ts';
import { klingEstimate } from './prices.ts';
import {
  KLING_FAMILIES,
  type KlingFamily,
  KlingListEnvelopeSchema,
  type KlingTask,
  KlingTaskEnvelopeSchema,
} from './wire.ts';

export const KLING_DEFAULT_BASE_URL = 'https://api-singapore.klingai.com';
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export type KlingClientConfig = { accessKey: string; secretKey: string; baseUrl: string };

/** Errors after which a submit may or may not have created the task. */
const AMBIGUOUS = new Set(['network', 'timeout', 'server_error', 'malformed_response', 'invalid_request']);

/** A URL passes through; a local file becomes raw base64 (Kling rejects a `data:` prefix). */
async function resolveMedia(request: VideoRequest): Promise<KlingMedia> {
  const isUrl = (s: string) => /^https?:\/\//i.test(s);
  const media: KlingMedia = {};
  const image = request.identity.reference_image;
  if (image !== undefined) {
    if (isUrl(image)) media.image = image;
    else {
      const bytes = await readFile(image).catch((cause: unknown) => {
        throw new InputError({
          code: 'file_not_found',
          file: image,
          message: 'cannot read the reference image',
          cause,
        });
      });
      if (bytes.byteLength > MAX_IMAGE_BYTES)
        throw new InputError({
          code: 'image_too_large',
          file: image,
          message: 'Kling accepts images up to 10 MB',
        });
      media.image = bytes.toString('base64');
    }
  }
  const video = request.motion_source.reference_video;
  if (video !== undefined) {
    if (!isUrl(video))
      throw new InputError({
        code: 'kling_video_needs_url',
        field: 'motion_source.reference_video',
        message: 'Kling motion control takes the reference video as a URL, not a local file',
        hint: 'host the clip somewhere Kling can fetch it and put its https URL here',
      });
    media.video = video;
  }
  return media;
}

/** Creates the Kling adapter. Keys stay inside this closure and the token source. */
export function createKlingClient(config: KlingClientConfig, deps: ProviderDeps): VideoProvider {
  const tokens = createKlingTokenSource(config.accessKey, config.secretKey, deps.clock);
  const base = config.baseUrl.replace(/\/+$/, '');

  /** One Kling call: fresh token per attempt, re-mint on 1003/1004, typed errors, the one retry loop. */
  async function call<S extends z.ZodType>(
    operation: string,
    path: string,
    schema: S,
    ctx: Pick<ProviderCallContext, 'signal' | 'onRetry'>,
    body?: unknown,
    attemptHook?: (error: ProviderError) => Promise<z.output<S> | undefined>,
  ): Promise<z.output<S>> {
    return retriedCall(deps, ctx, {
      provider: 'kling',
      operation,
      attempt: async () => {
        try {
          const response = await requestJson({
            provider: 'kling',
            fetch: deps.fetch,
            url: `${base}${path}`,
            method: body === undefined ? 'GET' : 'POST',
            headers: { authorization: `Bearer ${await tokens.token()}` },
            body,
            schema,
            timeoutMs: deps.requestTimeoutMs,
            signal: ctx.signal,
            clock: deps.clock,
            classify: classifyKlingResponse,
            requestIdOf: klingRequestId,
          });
          return response.data;
        } catch (error) {
          if (isProviderError(error) && KLING_REMINT_CODES.has(Number(error.providerCode)))
            tokens.invalidate();
          throw error;
        }
      },
      recover: attemptHook,
    });
  }

  function toJob(
    task: KlingTask,
    family: KlingFamily,
    jobKey: string,
    model: string,
    recovered: boolean,
  ): SubmittedJob {
    return {
      providerId: 'kling',
      taskId: task.task_id,
      model,
      jobKey,
      meta: { family },
      submittedAtMs: task.created_at ?? deps.clock(),
      recovered,
    };
  }

  /** Queries one family for a task by task id or external_task_id (Kling accepts either in the path). */
  async function lookup(
    family: KlingFamily,
    id: string,
    ctx: Pick<ProviderCallContext, 'signal' | 'onRetry'>,
  ): Promise<KlingTask | null> {
    try {
      const envelope = await call(
        `lookup ${family}`,
        `/v1/videos/${family}/${encodeURIComponent(id)}`,
        KlingTaskEnvelopeSchema,
        ctx,
      );
      return envelope.data;
    } catch (error) {
      // An unknown id answers "not found" (or, on some deployments, an invalid-parameter code).
      if (isProviderError(error) && (error.code === 'not_found' || error.code === 'invalid_request'))
        return null;
      throw error;
    }
  }

  function familyOf(job: SubmittedJob): KlingFamily {
    const family = job.meta['family'];
    if (typeof family === 'string' && (KLING_FAMILIES as readonly string[]).includes(family))
      return family as KlingFamily;
    throw new InputError({
      code: 'kling_job_meta',
      message: `job ${job.taskId} has no Kling task family in its meta`,
    });
  }

  async function fetchTask(job: SubmittedJob, ctx: ProviderCallContext): Promise<KlingTask> {
    const family = familyOf(job);
    const envelope = await call(
      'status',
      `/v1/videos/${family}/${encodeURIComponent(job.taskId)}`,
      KlingTaskEnvelopeSchema,
      ctx,
    );
    return envelope.data;
  }

  return {
    id: 'kling',
    capabilities: KLING_CAPABILITIES,

    async submit(request, ctx) {
      if (ctx.signal?.aborted) throw abortedError('kling', ctx.signal);
      const submission = toKlingSubmission(request, ctx.jobKey, await resolveMedia(request));
      const { family, model } = submission;
      let recovered = false;
      const envelope = await call(
        'submit',
        `/v1/videos/${family}`,
        KlingTaskEnvelopeSchema,
        ctx,
        submission.body,
        async (error) => {
          if (!AMBIGUOUS.has(error.code)) return undefined;
          const existing = await lookup(family, ctx.jobKey, ctx).catch(() => null);
          if (existing === null) return undefined;
          recovered = true;
          return { code: 0, message: 'recovered by external_task_id', data: existing };
        },
      );
      return {
        ...toJob(envelope.data, family, ctx.jobKey, model, recovered),
        meta: { family, notes: submission.notes },
      };
    },

    async status(job, ctx) {
      return fromKlingTask(await fetchTask(job, ctx));
    },

    async download(job, ctx): Promise<MediaFile> {
      const task = await fetchTask(job, ctx);
      const url = task.task_result?.videos[0]?.url;
      if (task.task_status !== 'succeed' || url === undefined)
        throw new ProviderError('invalid_request', false, {
          provider: 'kling',
          requestId: task.task_id,
          message: `task ${task.task_id} has no result to download (status ${task.task_status})`,
        });
      return downloadResult(deps, ctx, { provider: 'kling', url, requestId: task.task_id });
    },

    async findByJobKey(ctx) {
      for (const family of KLING_FAMILIES) {
        const task = await lookup(family, ctx.jobKey, ctx);
        if (task !== null) return toJob(task, family, ctx.jobKey, 'unknown', true);
      }
      return null;
    },

    estimateCost(request) {
      return estimateKlingCost(request);
    },

    async checkCredentials(ctx): Promise<CredentialCheck> {
      const startMs = deps.clock();
      const envelope = await call(
        'check',
        '/v1/videos/text2video?pageNum=1&pageSize=1',
        KlingListEnvelopeSchema,
        ctx,
      );
      return {
        ok: true,
        detail: `token accepted by ${base} (list query returned ${envelope.data.length} task${envelope.data.length === 1 ? '' : 's'})`,
        latencyMs: deps.clock() - startMs,
      };
    },
  };
}

/** List-price estimate for a request (no credentials needed). */
export function estimateKlingCost(request: VideoRequest): ReturnType<typeof klingEstimate> {
  let submission: ReturnType<typeof toKlingSubmission>;
  try {
    submission = toKlingSubmission(request, 'estimate', { image: 'x', video: 'x' });
  } catch {
    // A request Kling cannot run (e.g. reference video without an image) fails at submit with a
    // clear InputError; the estimate prices it as motion control so planning still works.
    const mode = request.output.resolution === '1080p' ? 'pro' : 'std';
    return klingEstimate({
      model: 'motion-control',
      mode,
      durationS: request.output.duration_s,
      motionControl: true,
    });
  }
  return klingEstimate({
    model: submission.model,
    mode: submission.mode,
    durationS: submission.durationS,
    motionControl: submission.family === 'motion-control',
  });
}
