/**
 * Pure contract ⇄ Kling wire mapping. No I/O: media are resolved by the client beforehand
 * (a URL passes through; a local file becomes base64 WITHOUT a `data:` prefix, which Kling rejects).
 * Decisions recorded in `notes` go to the run log so a result can be traced to what was sent.
 */
import { toKlingCameraControl } from '../../camera/render.ts';
import { requestCameraMove } from '../../camera/request-move.ts';
import type { StructuredMove } from '../../contract/camera-move.ts';
import type { VideoRequest } from '../../contract/request.ts';
import { InputError } from '../../errors/input-error.ts';
import type { JobStatus } from '../provider.ts';
import { klingReportedCost } from './prices.ts';
import type { KlingCameraControl, KlingCreateBody, KlingFamily, KlingTask } from './wire.ts';

export const KLING_DEFAULT_MODEL = 'kling-v2-5-turbo';
/** Models on which `camera_control` is documented to work (providers.md §1.5; newer ones UNCONFIRMED). */
export const KLING_CAMERA_CONTROL_MODELS: readonly string[] = ['kling-v1', 'kling-v1-5'];
export const KLING_DURATIONS_S = [5, 10] as const;
export const KLING_ASPECTS = ['16:9', '9:16', '1:1'] as const;

export type KlingMedia = { image?: string | undefined; video?: string | undefined };

export type KlingSubmission = {
  family: KlingFamily;
  body: KlingCreateBody;
  model: string;
  mode: 'std' | 'pro';
  durationS: number;
  notes: string[];
};

/** motion_score (0–10) has no Kling field; it becomes motion phrasing in the prompt. */
export function motionPhrase(motionScore: number): string | undefined {
  if (motionScore <= 2) return 'very subtle, minimal motion';
  if (motionScore <= 4) return 'gentle, restrained motion';
  if (motionScore < 6.5) return undefined;
  if (motionScore < 8.5) return 'dynamic, energetic motion';
  return 'very fast, intense, highly dynamic motion';
}

/**
 * A structured move → Kling `simple` camera control (exactly one non-zero axis in [-10, 10]),
 * from the camera module (the single home of per-provider camera phrasing). Kling names rotation
 * axes the other way round from us: its `tilt` turns left/right (our pan).
 */
export function klingCameraControl(move: StructuredMove): KlingCameraControl | undefined {
  return toKlingCameraControl(move) ?? undefined;
}

/** The move a request asks for, or undefined when its intent does not parse (then it is only phrased). */
function requestedMove(request: VideoRequest): StructuredMove | undefined {
  try {
    return requestCameraMove(request);
  } catch {
    return undefined;
  }
}

const CONSTRAINT_WORDS: Record<string, string> = {
  no_cuts: 'cuts, scene changes',
  no_text: 'text, captions',
  no_watermark: 'watermark, logo',
  no_jitter: 'camera shake, jitter',
  no_flicker: 'flicker',
  no_zoom_jumps: 'sudden zoom jumps',
  no_warped_limbs: 'warped limbs',
  no_extra_limbs: 'extra limbs',
  no_blur: 'blur',
  no_morphing: 'morphing, distortion',
};

function basePrompt(request: VideoRequest): string {
  const { identity } = request;
  if (identity.prompt !== undefined) return identity.prompt;
  const slots: Record<string, string> = {
    subject: identity.subject ?? '',
    scene: identity.scene ?? '',
    style: identity.style ?? '',
    camera: request.camera.intent,
    constraints: '',
  };
  return (identity.skeleton?.template ?? '')
    .replace(/\{(\w+)\}/g, (_m, name: string) => slots[name] ?? '')
    .trim();
}

function negativePrompt(request: VideoRequest): string | undefined {
  const parts = [request.negative.prompt, ...request.negative.constraints.map((c) => CONSTRAINT_WORDS[c])];
  const text = parts.filter((p): p is string => p !== undefined && p.length > 0).join(', ');
  return text.length > 0 ? text.slice(0, 2500) : undefined;
}

function pickFamily(request: VideoRequest): KlingFamily {
  const hasVideo = request.motion_source.reference_video !== undefined;
  const hasImage = request.identity.reference_image !== undefined;
  if (hasVideo && !hasImage)
    throw new InputError({
      code: 'kling_motion_control_needs_image',
      field: 'identity.reference_image',
      message:
        'Kling motion control transfers a reference video onto a character image, but no image was given',
      hint: 'add identity.reference_image, or drop motion_source.reference_video for text-to-video',
    });
  if (hasVideo) return 'motion-control';
  return hasImage ? 'image2video' : 'text2video';
}

/** Maps a normalised request + resolved media to a Kling create call. */
export function toKlingSubmission(request: VideoRequest, jobKey: string, media: KlingMedia): KlingSubmission {
  const notes: string[] = [];
  const family = pickFamily(request);
  const options = request.provider.options;
  const model = request.provider.model ?? KLING_DEFAULT_MODEL;
  const mode: 'std' | 'pro' =
    options['mode'] === 'pro' || options['mode'] === 'std'
      ? options['mode']
      : request.output.resolution === '1080p'
        ? 'pro'
        : 'std';
  const durationS = request.output.duration_s >= 7.5 ? 10 : 5;
  if (durationS !== request.output.duration_s)
    notes.push(`duration ${request.output.duration_s}s sent as "${durationS}"`);

  const promptParts = [basePrompt(request)];
  const motion = motionPhrase(request.motion.motion_score);
  if (motion !== undefined) {
    promptParts.push(motion);
    notes.push(`motion_score ${request.motion.motion_score} phrased as "${motion}"`);
  }
  if (request.motion.strength !== undefined)
    notes.push('motion.strength ignored: Kling has no strength field');

  let cameraControl = options['camera_control'] as KlingCameraControl | undefined;
  const move = requestedMove(request);
  if (
    cameraControl === undefined &&
    move !== undefined &&
    move.move !== 'static' &&
    family !== 'motion-control'
  ) {
    if (KLING_CAMERA_CONTROL_MODELS.includes(model)) cameraControl = klingCameraControl(move);
    else
      notes.push(
        `camera_control not sent: ${model} does not document it; camera intent phrased into the prompt`,
      );
  }
  if (cameraControl === undefined) {
    promptParts.push(`Camera: ${request.camera.intent}`);
    if (request.camera.stability === 'locked') promptParts.push('locked-off tripod shot, no camera shake');
  }
  const prompt = promptParts.join('. ').slice(0, 2500);
  const negative = negativePrompt(request);

  let body: KlingCreateBody;
  if (family === 'motion-control') {
    body = {
      image_url: media.image,
      video_url: media.video,
      character_orientation: options['character_orientation'] ?? 'image',
      mode,
      prompt,
      keep_original_sound: 'no',
      external_task_id: jobKey,
    };
    notes.push('motion-control: model_name not sent (not documented for this endpoint)');
  } else {
    body = {
      model_name: model,
      prompt,
      mode,
      duration: String(durationS),
      external_task_id: jobKey,
      ...(negative === undefined ? {} : { negative_prompt: negative }),
      ...(cameraControl === undefined ? {} : { camera_control: cameraControl }),
      ...(typeof options['cfg_scale'] === 'number' ? { cfg_scale: options['cfg_scale'] } : {}),
      ...(family === 'image2video' ? { image: media.image } : {}),
    };
    if (family === 'text2video') {
      const aspect = (KLING_ASPECTS as readonly string[]).includes(request.output.aspect)
        ? request.output.aspect
        : '16:9';
      if (aspect !== request.output.aspect) notes.push(`aspect ${request.output.aspect} sent as 16:9`);
      body['aspect_ratio'] = aspect;
    }
  }
  return { family, body, model, mode, durationS, notes };
}

/** Maps a Kling task to our job status (`succeed` is Kling's spelling). */
export function fromKlingTask(task: KlingTask): JobStatus {
  switch (task.task_status) {
    case 'submitted':
      return { state: 'queued' };
    case 'processing':
      return { state: 'running' };
    case 'succeed':
      return { state: 'succeeded', cost: klingReportedCost(task.final_unit_deduction) };
    case 'failed': {
      const message = task.task_status_msg ?? 'task failed without a reason';
      // Post-submit moderation surfaces only as a failure message (providers.md §1.8); this
      // label is for reporting — failed tasks are never retried either way.
      const policy = /risk|moderat|policy|sensitive|violat|content/i.test(message);
      return { state: 'failed', code: policy ? 'content_policy' : 'server_error', message };
    }
  }
}
