/**
 * Rubric thresholds with their defaults. Every number the judge compares against lives here, by
 * name; src/judge/README.md explains each. Presets override any subset (their `rubric` block).
 */
import type { RubricThresholds } from '../contract/verdict.ts';

export type JudgeThresholds = { [K in keyof RubricThresholds]-?: number };

export const DEFAULT_JUDGE_THRESHOLDS: JudgeThresholds = {
  temporal_continuity_min: 0.6,
  subject_integrity_min: 0.6,
  camera_intent_match_min: 0.5,
  min_keep_fraction: 0.75,
  max_fixable_severity: 0.5,
  min_subject_consistency: 0.6,
  min_camera_confidence: 0.5,
  speed_one_band_score: 0.6,
};

/**
 * Score impacts (not thresholds: how much a finding lowers its check's score). A fixed-in-post blemish
 * costs at most POST_FIX_IMPACT × severity; trimming costs TRIM_IMPACT × the fraction of frames removed;
 * an unfixable finding costs at least UNFIXABLE_IMPACT, so a failed rule always scores ≤ 0.5.
 */
export const POST_FIX_IMPACT = 0.25;
export const TRIM_IMPACT = 0.5;
export const UNFIXABLE_IMPACT = 0.5;
/** Camera score when the measured speed is two bands away (slow vs fast): a failure. */
export const SPEED_TWO_BANDS_SCORE = 0.2;

/** Applies defaults to a partial thresholds object (extra keys, e.g. a preset's usable_rate_min, are ignored). */
export function resolveThresholds(overrides: RubricThresholds = {}): JudgeThresholds {
  const out: JudgeThresholds = { ...DEFAULT_JUDGE_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_JUDGE_THRESHOLDS) as (keyof JudgeThresholds)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}
