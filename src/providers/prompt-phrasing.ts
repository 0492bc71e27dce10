/**
 * Prompt phrasing for providers that have no native field for a request layer (camera intent,
 * negative constraints). Pure text functions shared by the fal and Replicate adapters, so the
 * same request yields the same words on both and a sweep stays single-variable across providers.
 */
import type { StructuredMove } from '../contract/camera-move.ts';
import type { VideoRequest } from '../contract/request.ts';

const MOVE_WORDS: Record<StructuredMove['move'], string> = {
  static: 'static shot, camera does not move',
  pan_left: 'camera pans left',
  pan_right: 'camera pans right',
  tilt_up: 'camera tilts up',
  tilt_down: 'camera tilts down',
  push_in: 'camera pushes in',
  pull_out: 'camera pulls out',
  roll_cw: 'camera rolls clockwise',
  roll_ccw: 'camera rolls counter-clockwise',
  tracking: 'tracking shot, camera follows the subject',
};

const STABILITY_WORDS = {
  locked: 'locked-off tripod camera',
  steady: 'smooth stabilised camera',
  handheld: 'handheld camera',
} as const;

/** The camera layer as one sentence: the structured move when given, else the plain intent. */
export function cameraSentence(camera: VideoRequest['camera']): string {
  const parts: string[] = [];
  if (camera.move !== undefined) {
    const { move, speed, modifiers } = camera.move;
    const words = [speed ?? '', ...modifiers, MOVE_WORDS[move]].filter((w) => w !== '');
    parts.push(words.join(' '));
  } else {
    parts.push(camera.intent);
  }
  if (camera.zoom === 'in') parts.push('lens zooms in');
  if (camera.zoom === 'out') parts.push('lens zooms out');
  const stability = camera.move?.stability ?? camera.stability;
  if (stability !== undefined && stability !== null) parts.push(STABILITY_WORDS[stability]);
  return `Camera: ${parts.join(', ')}.`;
}

/**
 * The text prompt for a provider without structured camera fields: the (normalised) prompt with the
 * camera sentence appended — unless the prompt was rendered from a skeleton with a `{camera}` slot,
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
  return `${prompt.trimEnd()} ${cameraSentence(req.camera)}`;
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
