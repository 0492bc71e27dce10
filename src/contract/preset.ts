/**
 * Scenario presets (ad, dance, product, narrative, and user presets). A preset record is one
 * immutable version: `id@version` plus everything it fixes. Only lifecycle fields (`status`,
 * `replaced_by`, `retired_reason`) may change after approval; `contentHash` covers the rest so any
 * other edit to an approved version is detected and rejected.
 */
import { z } from 'zod';

export const PRESET_STATUSES = ['draft', 'approved', 'retired'] as const;

/** `id` or `id@version`, e.g. `product` or `product@2`. */
export const PresetRefSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*(@\d+)?$/, 'expected `id` or `id@version`, e.g. `product@1`');

const MotionRangeSchema = z
  .strictObject({
    min: z.number().min(0).max(10),
    max: z.number().min(0).max(10),
  })
  .refine((range) => range.min <= range.max, { message: 'min must be ≤ max', path: ['min'] })
  .describe('approved motion_score range for this scenario');

const SweepSchema = z
  .strictObject({
    baseline: z.number().min(0).max(10).describe('pass 1: low movement; identity and camera must be stable'),
    mid: z.number().min(0).max(10).describe('pass 2: moderate movement; continuity and anatomy'),
    stress: z
      .number()
      .min(0)
      .max(10)
      .describe('pass 3: high movement, only after passes 1 and 2 are healthy'),
    max_increment: z
      .number()
      .positive()
      .max(10)
      .describe('largest allowed motion_score step between consecutive sweep points'),
  })
  .refine((s) => s.baseline < s.mid && s.mid < s.stress, {
    message: 'sweep points must rise: baseline < mid < stress',
    path: ['mid'],
  });

const RubricSchema = z.strictObject({
  temporal_continuity_min: z.number().min(0).max(1).describe('minimum temporal-continuity score (0..1)'),
  subject_integrity_min: z.number().min(0).max(1).describe('minimum subject-integrity score (0..1)'),
  camera_intent_match_min: z.number().min(0).max(1).describe('minimum camera-intent-match score (0..1)'),
  usable_rate_min: z
    .number()
    .min(0)
    .max(1)
    .describe('share of usable clips a pass needs to count as healthy (three-pass gating)'),
  regression_tolerance: z
    .number()
    .min(0)
    .max(1)
    .describe('allowed usable-rate drop versus the last approved version before CI fails'),
});

const FailoverSchema = z.strictObject({
  lower_motion_score_by: z
    .number()
    .min(0)
    .max(10)
    .default(0)
    .describe('retry with motion_score lowered by this'),
  shorter_duration_s: z.number().positive().optional().describe('retry with this duration (seconds)'),
  fallback: z
    .strictObject({ provider: z.string().min(1), model: z.string().min(1).optional() })
    .optional()
    .describe('provider/model to fall back to after the retries above fail'),
  max_attempts: z.number().int().min(1).max(5).default(2),
});

const SimulatorSchema = z.strictObject({
  sweet_spot_motion_score: z
    .number()
    .min(0)
    .max(10)
    .describe('past this motion_score the offline simulator adds artifacts that grow with the excess'),
});

/** Reference quality gate thresholds for this scenario's motion sources (`clipbench gate --preset`). */
export const ReferenceGateSchema = z.strictObject({
  min_duration_s: z
    .number()
    .min(0)
    .optional()
    .describe('reject motion sources shorter than this (default 2 s)'),
  min_sharpness: z.number().min(0).max(1).optional().describe('readability: minimum sharpness 0..1'),
  min_subject_consistency: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('subject clarity: minimum subject consistency 0..1'),
});
export type ReferenceGate = z.infer<typeof ReferenceGateSchema>;

/** The fields a preset fixes (everything except identity and lifecycle). */
export const PresetBodyShape = {
  description: z.string().optional(),
  motion_score: MotionRangeSchema,
  sweep: SweepSchema,
  camera_templates: z.array(z.string().min(1)).min(1).describe('allowed camera intents (plain language)'),
  rubric: RubricSchema,
  failover: FailoverSchema,
  simulator: SimulatorSchema,
  reference_gate: ReferenceGateSchema.optional(),
  request: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('request defaults (any video-request fields); experiments layer their base over these'),
};

const PresetIdentityShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  version: z.number().int().min(1).describe('immutable once approved: publish changes as a new version'),
  extends: PresetRefSchema.optional().describe(
    'inherit every section not set here (`request` merges deeply)',
  ),
  status: z.enum(PRESET_STATUSES).default('approved'),
  replaced_by: PresetRefSchema.optional().describe('for retired presets: what to use instead'),
  retired_reason: z.string().optional(),
};

/**
 * A preset file as written. With `extends`, any section may be left out and is inherited whole;
 * a section that is given replaces the parent's (only `request` merges key by key).
 */
export const PresetFileSchema = z.strictObject({
  ...PresetIdentityShape,
  description: PresetBodyShape.description,
  motion_score: MotionRangeSchema.optional(),
  sweep: SweepSchema.optional(),
  camera_templates: PresetBodyShape.camera_templates.optional(),
  rubric: RubricSchema.optional(),
  failover: FailoverSchema.optional(),
  simulator: SimulatorSchema.optional(),
  reference_gate: ReferenceGateSchema.optional(),
  request: z.record(z.string(), z.unknown()).optional(),
});
export type PresetFile = z.infer<typeof PresetFileSchema>;

/** A fully resolved preset version (after `extends`), as used by expansion and the judge. */
export const PresetSchema = z.strictObject({
  ...PresetIdentityShape,
  status: z.enum(PRESET_STATUSES),
  ...PresetBodyShape,
});
export type Preset = z.infer<typeof PresetSchema>;

/** Fields that may change on an approved version (lifecycle only). */
export const PRESET_LIFECYCLE_FIELDS = ['status', 'replaced_by', 'retired_reason'] as const;

/** `id@version` of a resolved preset. */
export function presetRef(preset: Pick<Preset, 'id' | 'version'>): string {
  return `${preset.id}@${preset.version}`;
}

/** Splits `product@2` into its parts (version undefined for a bare id). */
export function parsePresetRef(ref: string): { id: string; version: number | undefined } {
  const [id = '', version] = ref.split('@');
  return { id, version: version === undefined ? undefined : Number(version) };
}
