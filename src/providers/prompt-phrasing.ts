/**
 * Prompt phrasing for providers that have no native field for a request layer (camera intent,
 * negative constraints). Pure text functions shared by the fal and Replicate adapters, so the
 * same request yields the same words on both and a sweep stays single-variable across providers.
 */
import { toBracketText } from '../camera/render.ts';
import { requestCameraMove } from '../camera/request-move.ts';
import type { VideoRequest } from '../contract/request.ts';
import { InputError } from '../errors/input-error.ts';

/**
 * The camera layer as prompt text: the request's structured move (camera.move, or camera.intent
 * parsed by src/camera) in the camera module's bracket form, e.g. "[Slow push in]". An intent the
 * parser does not know is passed through in brackets rather than dropped (validation warns first).
 */
export function cameraPromptText(req: Pick<VideoRequest, 'camera'>): string {
  try {
    return toBracketText(requestCameraMove(req as VideoRequest));
  } catch (error) {
    if (error instanceof InputError) return `[${req.camera.intent}]`;
    throw error;
  }
}

/**
 * The text prompt for a provider without structured camera fields: the (normalised) prompt with the
 * camera bracket text appended — unless the prompt was rendered from a skeleton with a `{camera}` slot,
 * where the camera intent is already in the text and repeating it would change the prompt.
 */
export function promptWithCamera(req: Pick<VideoRequest, 'identity' | 'camera' | 'negative'>): string {
  const { identity } = req;
  // Normalised requests carry the rendered prompt; render here only for a request that skipped that.
  const prompt =
    identity.prompt ??
    (identity.skeleton?.template ?? '')
      .replace(/\{(subject|scene|style|camera|constraints)\}/g, (_m, slot: string) => {
        if (slot === 'camera') return req.camera.intent;
        if (slot === 'constraints')
          return req.negative.constraints.map((c) => c.replaceAll('_', ' ')).join(', ');
        return identity[slot as 'subject' | 'scene' | 'style'] ?? '';
      })
      .replace(/\s+/g, ' ')
      .trim();
  if (identity.skeleton?.template.includes('{camera}') === true) return prompt;
  return `${prompt.trimEnd()} ${cameraPromptText(req)}`;
}

const CONSTRAINT_WORDS: Record<VideoRequest['negative']['constraints'][number], string> = {
  no_cuts: 'scene cuts',
  no_text: 'text',
  no_watermark: 'watermark',
  no_jitter: 'camera jitter',
  no_flicker: 'flicker',
  no_zoom_jumps: 'sudden zoom jumps',
  no_warped_limbs: 'warped limbs',
  no_extra_limbs: 'extra limbs',
  no_blur: 'blur',
  no_morphing: 'morphing',
};

/** Negative prompt plus named constraints as comma-separated words; undefined when both are empty. */
export function negativeText(negative: VideoRequest['negative']): string | undefined {
  const words = negative.constraints.map((c) => CONSTRAINT_WORDS[c]);
  const parts = [negative.prompt?.trim() ?? '', words.join(', ')].filter((p) => p !== '');
  return parts.length === 0 ? undefined : parts.join(', ');
}
