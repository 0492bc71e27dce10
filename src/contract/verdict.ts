/**
 * The rubric and verdict contract: three hard checks (temporal continuity, subject integrity,
 * camera-intent match), each scored 0..1, and a verdict with reasons a person can check. Reasons name
 * the metric, the frame range, the measured value and the threshold; edits are concrete actions.
 */
import { z } from 'zod';

export const VERDICTS = ['pass', 'pass_with_edits', 'fail'] as const;
export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

/** Usable = pass or pass_with_edits (the brief's definition of a usable clip). */
export function isUsable(verdict: Verdict | null | undefined): boolean {
  return verdict === 'pass' || verdict === 'pass_with_edits';
}

export const RUBRIC_CHECKS = ['temporal_continuity', 'subject_integrity', 'camera_intent_match'] as const;
export const RubricCheckNameSchema = z.enum(RUBRIC_CHECKS);
export type RubricCheckName = z.infer<typeof RubricCheckNameSchema>;

/** What a reason did to the verdict: `fail` breaks its check, `edit` needs a fix, `note` is information. */
export const ReasonEffectSchema = z.enum(['fail', 'edit', 'note']);
export type ReasonEffect = z.infer<typeof ReasonEffectSchema>;

export const RubricReasonSchema = z.object({
  check: RubricCheckNameSchema,
  effect: ReasonEffectSchema,
  /** The metric or defect code, e.g. `flicker`, `cut`, `subject_consistency`, `camera_move`. */
  metric: z.string(),
  start_frame: z.number().int().min(0).optional(),
  end_frame: z.number().int().min(0).optional(),
  /** Measured value (number, or a label such as a move name). */
  value: z.union([z.number(), z.string(), z.null()]),
  /** The threshold or expectation it was compared with. */
  threshold: z.union([z.number(), z.string(), z.null()]),
  /** The named threshold, so a person can find it in src/judge/README.md or the preset. */
  threshold_name: z.string().optional(),
  message: z.string(),
});
export type RubricReason = z.infer<typeof RubricReasonSchema>;

export const EDIT_ACTIONS = ['trim', 'cut', 'stabilise', 'deflicker', 'regrade', 'retime'] as const;
export const EditActionSchema = z.enum(EDIT_ACTIONS);

export const RubricEditSchema = z.object({
  action: EditActionSchema,
  start_frame: z.number().int().min(0).optional(),
  end_frame: z.number().int().min(0).optional(),
  /** For trim/cut: the frames to keep, inclusive. */
  keep: z.object({ start_frame: z.number().int().min(0), end_frame: z.number().int().min(0) }).optional(),
  /** For retime: playback speed factor (> 1 = faster). */
  factor: z.number().positive().optional(),
  /** One line for a person, e.g. "trim frames 0–11: flicker". */
  text: z.string(),
});
export type RubricEdit = z.infer<typeof RubricEditSchema>;

export const CheckResultSchema = z.object({
  name: RubricCheckNameSchema,
  score: z.number().min(0).max(1),
  /** False when a hard rule of this check failed; any false check makes the verdict `fail`. */
  holds: z.boolean(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/**
 * Rubric thresholds (all optional: defaults in src/judge/thresholds.ts, documented in
 * src/judge/README.md). The three `*_min` names match a preset's `rubric` block, so a preset's rubric
 * can be passed as-is (unknown keys such as `usable_rate_min` are ignored).
 */
export const RubricThresholdsSchema = z.object({
  /** A check holds only when its score is at least this (and no hard rule of it failed). */
  temporal_continuity_min: z.number().min(0).max(1).optional(),
  subject_integrity_min: z.number().min(0).max(1).optional(),
  camera_intent_match_min: z.number().min(0).max(1).optional(),
  /** Trims and cuts must keep at least this fraction of the frames. */
  min_keep_fraction: z.number().min(0).max(1).optional(),
  /** A defect up to this severity can be fixed in post (stabilise, deflicker, regrade) instead of cut out. */
  max_fixable_severity: z.number().min(0).max(1).optional(),
  /** subject_consistency metric (1 = the same subject throughout) below this fails subject integrity. */
  min_subject_consistency: z.number().min(0).max(1).optional(),
  /** Camera classifier confidence below which the camera score is scaled down. */
  min_camera_confidence: z.number().min(0).max(1).optional(),
  /** Camera-intent score when the measured speed is one band away from the requested one (a partial). */
  speed_one_band_score: z.number().min(0).max(1).optional(),
});
export type RubricThresholds = z.infer<typeof RubricThresholdsSchema>;

export const RubricSchema = z.object({
  /** Bumped when the rules change, so stored verdicts can be told apart. */
  rubric_version: z.number().int().positive(),
  verdict: VerdictSchema,
  scores: z.object({
    temporal_continuity: z.number().min(0).max(1),
    subject_integrity: z.number().min(0).max(1),
    camera_intent_match: z.number().min(0).max(1),
  }),
  checks: z.array(CheckResultSchema),
  reasons: z.array(RubricReasonSchema),
  edits: z.array(RubricEditSchema),
  /** The resolved thresholds the verdict was computed with (defaults applied). */
  thresholds: z.record(z.string(), z.number()),
});
export type Rubric = z.infer<typeof RubricSchema>;

export const VerdictSourceSchema = z.enum(['auto', 'human']);
export type VerdictSource = z.infer<typeof VerdictSourceSchema>;

/** A stored verdict: automatic (with its rubric) or human (with an optional note). Human wins. */
export const VerdictRecordSchema = z.object({
  id: z.number().int(),
  job_id: z.number().int(),
  source: VerdictSourceSchema,
  verdict: VerdictSchema,
  scores: z
    .object({
      temporal_continuity: z.number().nullable(),
      subject_integrity: z.number().nullable(),
      camera_intent_match: z.number().nullable(),
    })
    .nullable(),
  rubric: RubricSchema.nullable(),
  note: z.string().nullable(),
  reviewer: z.string().nullable(),
  created_at: z.string(),
});
export type VerdictRecord = z.infer<typeof VerdictRecordSchema>;
