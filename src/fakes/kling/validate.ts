/**
 * The Kling fake's request validation, from the documented constraints (providers.md §1.3–1.6):
 * string durations, enums, base64 without a `data:` prefix, `simple` camera control with exactly one
 * non-zero axis in [-10, 10], required fields per family; a prompt containing `forbidden-content`
 * triggers the moderation code 1301.
 */
import { createHash } from 'node:crypto';

export type KlingRejection = { code: number; message: string };

const CAMERA_AXES = ['horizontal', 'vertical', 'pan', 'tilt', 'roll', 'zoom'] as const;
const CAMERA_PRESETS = ['down_back', 'forward_up', 'right_turn_forward', 'left_turn_forward'];
export const MODERATION_TRIGGER = 'forbidden-content';

function checkImage(name: string, value: unknown): KlingRejection | undefined {
  if (typeof value !== 'string' || value.length === 0) return { code: 1201, message: `${name} is required` };
  if (value.startsWith('data:'))
    return { code: 1201, message: `${name}: base64 must not carry a data: prefix` };
  return undefined;
}

function checkCamera(control: unknown): KlingRejection | undefined {
  if (control === undefined) return undefined;
  if (typeof control !== 'object' || control === null)
    return { code: 1201, message: 'camera_control must be an object' };
  const { type, config } = control as { type?: unknown; config?: Record<string, unknown> };
  if (typeof type === 'string' && CAMERA_PRESETS.includes(type)) return undefined;
  if (type !== 'simple' || typeof config !== 'object' || config === null)
    return { code: 1201, message: 'camera_control.type must be simple (with config) or a named preset' };
  const values = CAMERA_AXES.map((axis) => config[axis] ?? 0);
  if (values.some((v) => typeof v !== 'number' || v < -10 || v > 10))
    return { code: 1201, message: 'camera_control.config values must be numbers in [-10, 10]' };
  if (values.filter((v) => v !== 0).length !== 1)
    return { code: 1201, message: 'camera_control.config: choose exactly one non-zero field' };
  return undefined;
}

/** Returns why Kling would refuse this create body, or undefined if it is acceptable. */
export function validateKlingCreate(
  family: string,
  body: Record<string, unknown>,
): KlingRejection | undefined {
  const prompt = body['prompt'];
  if (prompt !== undefined && (typeof prompt !== 'string' || prompt.length > 2500))
    return { code: 1201, message: 'prompt must be a string of at most 2500 characters' };
  if (typeof prompt === 'string' && prompt.includes(MODERATION_TRIGGER))
    return { code: 1301, message: 'Content security policy triggered' };
  if (body['mode'] !== undefined && body['mode'] !== 'std' && body['mode'] !== 'pro')
    return { code: 1201, message: 'mode must be std or pro' };
  if (family === 'motion-control') {
    const image = checkImage('image_url', body['image_url']);
    if (image !== undefined) return image;
    if (typeof body['video_url'] !== 'string') return { code: 1201, message: 'video_url is required' };
    if (body['character_orientation'] !== 'image' && body['character_orientation'] !== 'video')
      return { code: 1201, message: 'character_orientation must be image or video' };
    return undefined;
  }
  if (typeof prompt !== 'string' && family === 'text2video')
    return { code: 1201, message: 'prompt is required' };
  if (body['duration'] !== undefined && body['duration'] !== '5' && body['duration'] !== '10')
    return { code: 1201, message: 'duration must be the string "5" or "10"' };
  if (
    family === 'text2video' &&
    body['aspect_ratio'] !== undefined &&
    !['16:9', '9:16', '1:1'].includes(String(body['aspect_ratio']))
  )
    return { code: 1201, message: 'aspect_ratio must be 16:9, 9:16 or 1:1' };
  if (family === 'image2video') {
    const image = checkImage('image', body['image']);
    if (image !== undefined) return image;
    if (body['camera_control'] !== undefined && body['image_tail'] !== undefined)
      return { code: 1201, message: 'image_tail and camera_control are mutually exclusive' };
  }
  return checkCamera(body['camera_control']);
}

/** Deterministic placeholder bytes served as a result when no real clip is configured. */
export function fakeVideoBytes(): Buffer {
  const chunks: Buffer[] = [Buffer.from('\x00\x00\x00\x18ftypmp42clipbench-fake-kling-result')];
  let seed = createHash('sha256').update('clipbench fake kling').digest();
  for (let i = 0; i < 64; i++) {
    chunks.push(seed);
    seed = createHash('sha256').update(seed).digest();
  }
  return Buffer.concat(chunks);
}
