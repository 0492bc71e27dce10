/**
 * Pure mapping between the clipbench request contract and Kling-on-fal wire inputs, plus the
 * interpretation of fal queue statuses and result errors. No I/O: local files are resolved to URLs
 * (or data URIs) by the client before `toFalRequest` sees them.
 */
import type { VideoRequest } from '../../contract/request.ts';
import { InputError } from '../../errors/input-error.ts';
import { negativeText, promptWithCamera } from '../prompt-phrasing.ts';
import type { JobStatus, Money } from '../provider.ts';
import {
  FAL_ASPECTS,
  FAL_DEFAULT_MODEL,
  FAL_DURATIONS_S,
  FAL_MODELS,
  type FalModelSpec,
  type FalPrice,
  type FalTask,
} from './models.ts';
import type { FalErrorBody, FalStatusBody } from './wire.ts';

/** Reference media after the client resolved paths to URLs or data URIs. */
export type FalResolvedMedia = { imageUrl?: string | undefined; videoUrl?: string | undefined };

export type FalWireRequest = {
  model: string;
  task: FalTask;
  /** e.g. `fal-ai/kling-video/v2.6/pro/image-to-video`; the submit path under the queue host. */
  endpointId: string;
  /** The JSON body: fal takes the model input object itself, no `{input}` wrapper. */
  input: Record<string, unknown>;
  price: FalPrice;
  audio: boolean;
};

/** The task family a request needs: a motion source wins, then a reference image, else text. */
export function falTaskFor(req: VideoRequest): FalTask {
  if (req.motion_source.reference_video !== undefined) return 'motion-control';
  if (req.identity.reference_image !== undefined) return 'image-to-video';
  return 'text-to-video';
}

/** Looks the request's model up in the endpoint table; unknown ids and unsupported tasks are input errors. */
export function resolveFalModel(req: VideoRequest): { model: string; spec: FalModelSpec; task: FalTask } {
  const model = req.provider.model ?? FAL_DEFAULT_MODEL;
  const spec = FAL_MODELS[model];
  if (spec === undefined) {
    throw new InputError({
      code: 'unknown_model',
      field: 'provider.model',
      message: `fal has no model \`${model}\` in clipbench's endpoint table`,
      hint: `use one of: ${Object.keys(FAL_MODELS).join(', ')}`,
    });
  }
  const task = falTaskFor(req);
  if (spec.tasks[task] === undefined) {
    const supporting = Object.entries(FAL_MODELS)
      .filter(([, s]) => s.tasks[task] !== undefined)
      .map(([id]) => id);
    throw new InputError({
      code: 'unsupported_task',
      field: 'provider.model',
      message: `fal model \`${model}\` has no ${task} endpoint`,
      hint: `for ${task} use one of: ${supporting.join(', ')}`,
    });
  }
  return { model, spec, task };
}

/**
 * The nearest duration the endpoints accept, as the string fal wants. Rounding follows the team
 * contract: `capabilities.durationsS` makes `clipbench plan` warn about it before anything is paid.
 */
export function falDurationString(durationS: number): string {
  const nearest = FAL_DURATIONS_S.reduce((best, d) =>
    Math.abs(d - durationS) < Math.abs(best - durationS) ? d : best,
  );
  return String(nearest);
}

function requireMedia(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`fal mapping needs the resolved ${what} URL`);
  return value;
}

function textOrImageInput(
  req: VideoRequest,
  spec: FalModelSpec,
  task: FalTask,
  media: FalResolvedMedia,
): Record<string, unknown> {
  const input: Record<string, unknown> = {
    prompt: promptWithCamera(req),
    duration: falDurationString(req.output.duration_s),
  };
  const negative = negativeText(req.negative);
  if (negative !== undefined) input['negative_prompt'] = negative;
  if (task === 'image-to-video') input[spec.imageField] = requireMedia(media.imageUrl, 'reference image');
  if (task === 'text-to-video') {
    // An aspect fal does not offer is left out (fal's default applies); `capabilities.aspects` warns.
    if ((FAL_ASPECTS as readonly string[]).includes(req.output.aspect))
      input['aspect_ratio'] = req.output.aspect;
  }
  // Audio doubles the v2.6 price and clipbench judges pictures, so it is off unless options turn it on.
  if (spec.audio) input['generate_audio'] = false;
  return input;
}

function motionControlInput(req: VideoRequest, media: FalResolvedMedia): Record<string, unknown> {
  return {
    prompt: promptWithCamera(req),
    image_url: requireMedia(media.imageUrl, 'character image'),
    video_url: requireMedia(media.videoUrl, 'reference video'),
    // `video`: the character follows the reference clip's orientation (allows refs up to 30 s).
    character_orientation: 'video',
    keep_original_sound: false,
  };
}

/** Maps a normalised request to the fal endpoint id and input body. */
export function toFalRequest(req: VideoRequest, media: FalResolvedMedia): FalWireRequest {
  const { model, spec, task } = resolveFalModel(req);
  if (task === 'motion-control' && req.identity.reference_image === undefined) {
    throw new InputError({
      code: 'missing_reference_image',
      field: 'identity.reference_image',
      message: 'Kling motion control on fal needs a character image (identity.reference_image)',
    });
  }
  const mapped =
    task === 'motion-control' ? motionControlInput(req, media) : textOrImageInput(req, spec, task, media);
  // provider.options is the documented escape hatch: passed as-is, after (so over) the mapping.
  const input = { ...mapped, ...req.provider.options };
  const price = spec.tasks[task] as FalPrice;
  return {
    model,
    task,
    endpointId: `${spec.base}/${task}`,
    input,
    price,
    audio: input['generate_audio'] === true,
  };
}

/** The price-table estimate as Money, for the factory (offline) and the adapter alike. */
export function estimateFalCost(req: VideoRequest): Money {
  return { amountUsd: estimateFalCostUsd(req), basis: 'price_table' };
}

/** Price-table cost of a request in USD (fal's queue API never reports the actual charge). */
export function estimateFalCostUsd(req: VideoRequest): number {
  const { spec, task } = resolveFalModel(req);
  const price = spec.tasks[task] as FalPrice;
  const audio = req.provider.options['generate_audio'] === true;
  const perS = audio && price.audioUsdPerS !== undefined ? price.audioUsdPerS : price.usdPerS;
  // Motion control bills the reference clip's length, unknown before submit: output.duration_s stands in.
  const durationS =
    task === 'motion-control' ? req.output.duration_s : Number(falDurationString(req.output.duration_s));
  return Math.round(perS * durationS * 10_000) / 10_000;
}

/** `owner/app` of an endpoint id: fal's status/result/cancel URLs drop the endpoint subpath. */
export function falAppId(endpointId: string): string {
  return endpointId.split('/').slice(0, 2).join('/');
}

/**
 * A queue status as a clipbench job status. COMPLETED is not yet success: fal reports failed jobs as
 * COMPLETED too, so the caller must fetch the result to decide (see `falResultFailure`).
 */
export function falQueueState(body: FalStatusBody): JobStatus | 'completed' {
  if (body.status === 'IN_QUEUE') return { state: 'queued' };
  if (body.status === 'IN_PROGRESS') return { state: 'running' };
  return 'completed';
}

/** Readable text of a fal `detail` (a string, or a list of `{loc, msg, type}` validation items). */
export function falDetailText(detail: FalErrorBody['detail']): string {
  if (detail === undefined) return 'no detail';
  if (typeof detail === 'string') return detail;
  return detail.map((d) => `${(d.loc ?? []).join('.')}: ${d.msg ?? d.type ?? 'invalid'}`).join('; ');
}

/**
 * The terminal failure a non-2xx result fetch describes, or null when the status is not a job
 * failure (auth, rate limit, 5xx: transport problems the HTTP layer handles). Decided from the
 * typed `detail[].type`, never from message text.
 */
export function falResultFailure(
  httpStatus: number,
  body: FalErrorBody,
): { state: 'failed'; code: string; message: string } | null {
  if (httpStatus !== 400 && httpStatus !== 422) return null;
  const items = Array.isArray(body.detail) ? body.detail : [];
  const policy = items.some((d) => d.type === 'content_policy_violation');
  return {
    state: 'failed',
    code: policy ? 'content_policy' : 'invalid_request',
    message: `fal: ${falDetailText(body.detail)}`,
  };
}
