/**
 * The video request contract: five layers plus output and provider. Stable internal schema that
 * every provider adapter maps from. Unknown keys are errors (strict objects) so typos never pass
 * silently. Defaults here are the base defaults; presets override them.
 */
import { z } from 'zod';
import { StabilitySchema, StructuredMoveSchema } from './camera-move.ts';

/** A prompt skeleton: a frozen template with named slots `{subject} {scene} {style} {camera} {constraints}`. */
export const PromptSkeletonSchema = z.strictObject({
  id: z.string().min(1).describe('stable id logged with every run, e.g. `product-hero@1`'),
  template: z.string().min(1).describe('text with {subject} {scene} {style} {camera} {constraints} slots'),
});
export type PromptSkeleton = z.infer<typeof PromptSkeletonSchema>;

/** Layer 1 fields, without the cross-field rule (kept separate so tools can walk the shape). */
export const IdentityShape = z.strictObject({
  prompt: z
    .string()
    .min(1)
    .max(2500)
    .optional()
    .describe('the full prompt; rendered from the skeleton if absent'),
  skeleton: PromptSkeletonSchema.optional(),
  subject: z.string().min(1).optional(),
  scene: z.string().min(1).optional(),
  style: z.string().min(1).optional(),
  reference_image: z.string().min(1).optional().describe('path or URL of the character/product image'),
});

/** Layer 1: identity + scene prompt. Either `prompt` or `skeleton` must be given. */
export const IdentitySchema = IdentityShape.refine(
  (identity) => identity.prompt !== undefined || identity.skeleton !== undefined,
  { message: 'either identity.prompt or identity.skeleton is required', path: ['prompt'] },
);

/** Layer 2: motion source (reference video). */
export const MotionSourceSchema = z.strictObject({
  reference_video: z.string().min(1).optional().describe('path or URL of the reference motion clip'),
  reference_id: z.string().min(1).default('auto').describe('`auto` = content hash of the reference video'),
});

/** Layer 3: motion controls. `motion_score` is on the brief's 0–10 scale; fractions allowed. */
export const MotionSchema = z.strictObject({
  motion_score: z.number().min(0).max(10).default(5),
  strength: z.number().min(0).max(1).optional().describe('provider motion strength 0..1 where supported'),
});

export const ZOOMS = ['none', 'in', 'out'] as const;

/** Layer 4: camera controls in plain testable words, plus optional structured override. */
export const CameraSchema = z.strictObject({
  intent: z
    .string()
    .min(1)
    .default('locked frame')
    .describe('e.g. "locked frame", "slow push-in", "gentle pan right"'),
  stability: StabilitySchema.optional(),
  zoom: z.enum(ZOOMS).optional(),
  move: StructuredMoveSchema.optional().describe('structured move; overrides what `intent` parses into'),
});

export const NEGATIVE_CONSTRAINTS = [
  'no_cuts',
  'no_text',
  'no_watermark',
  'no_jitter',
  'no_flicker',
  'no_zoom_jumps',
  'no_warped_limbs',
  'no_extra_limbs',
  'no_blur',
  'no_morphing',
] as const;

/** Layer 5: negative prompt and named quality constraints. */
export const NegativeSchema = z.strictObject({
  prompt: z.string().max(2500).optional(),
  constraints: z.array(z.enum(NEGATIVE_CONSTRAINTS)).default([]),
});

export const RESOLUTIONS = ['480p', '540p', '720p', '1080p'] as const;
export const ASPECTS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] as const;

export const OutputSchema = z.strictObject({
  duration_s: z.number().positive().max(60).default(5),
  resolution: z.enum(RESOLUTIONS).default('720p'),
  aspect: z.enum(ASPECTS).default('16:9'),
  fps: z.number().int().min(1).max(120).default(24),
});

/** Provider block: which adapter and model, plus a provider-specific escape hatch. */
export const ProviderBlockSchema = z.strictObject({
  id: z.string().min(1).default('simulator'),
  model: z.string().min(1).optional(),
  options: z.record(z.string(), z.unknown()).default({}).describe('passed to the provider as-is'),
});

export const VideoRequestSchema = z.strictObject({
  identity: IdentitySchema,
  motion_source: MotionSourceSchema.default({ reference_id: 'auto' }),
  motion: MotionSchema.default({ motion_score: 5 }),
  camera: CameraSchema.default({ intent: 'locked frame' }),
  negative: NegativeSchema.default({ constraints: [] }),
  output: OutputSchema.default({ duration_s: 5, resolution: '720p', aspect: '16:9', fps: 24 }),
  provider: ProviderBlockSchema.default({ id: 'simulator', options: {} }),
});

/** A request as written by a user (defaults not yet applied). */
export type VideoRequestInput = z.input<typeof VideoRequestSchema>;
/** A normalised request (defaults applied). */
export type VideoRequest = z.output<typeof VideoRequestSchema>;
