/**
 * @module judge — the rubric. Pure: analysis result + requested camera move + thresholds → three
 * scores (temporal continuity, subject integrity, camera-intent match), hard checks, a verdict and
 * reasons a person can check. Any failed check → `fail`; all hold but an edit is needed →
 * `pass_with_edits` (with concrete edits); otherwise `pass`.
 */
import type { AnalysisResult } from '../contract/analysis.ts';
import type { StructuredMove } from '../contract/camera-move.ts';
import {
  type CheckResult,
  RUBRIC_CHECKS,
  type Rubric,
  type RubricCheckName,
  type RubricReason,
  type RubricThresholds,
  type Verdict,
} from '../contract/verdict.ts';
import { judgeCameraIntent } from './camera-intent.ts';
import { collectFindings } from './findings.ts';
import { frameRange } from './keep-window.ts';
import { planRepairs } from './repair.ts';
import { resolveThresholds } from './thresholds.ts';

/** Bump when the rules change so stored verdicts can be told apart. */
export const RUBRIC_VERSION = 1;

export type JudgeInput = {
  analysis: AnalysisResult;
  /** The requested camera move (parsed from the request's camera intent); null = not judged. */
  intent: StructuredMove | null;
  /** Overrides (e.g. a preset's `rubric` block); defaults in thresholds.ts. */
  thresholds?: RubricThresholds | undefined;
};

const MIN_KEY: Record<
  RubricCheckName,
  'temporal_continuity_min' | 'subject_integrity_min' | 'camera_intent_match_min'
> = {
  temporal_continuity: 'temporal_continuity_min',
  subject_integrity: 'subject_integrity_min',
  camera_intent_match: 'camera_intent_match_min',
};

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const round = (value: number) => Math.round(value * 1000) / 1000;

/** Judges one clip. */
export function judgeClip(input: JudgeInput): Rubric {
  const t = resolveThresholds(input.thresholds);
  const { analysis } = input;
  const frames = analysis.video.frames;
  const lastFrame = Math.max(0, frames - 1);
  const findings = collectFindings(analysis, t);
  if (frames === 0)
    findings.push({
      check: 'temporal_continuity',
      code: 'too_short',
      startFrame: 0,
      endFrame: 0,
      severity: 1,
      treatment: 'unfixable',
      message: 'the clip has no frames',
    });
  const repairs = planRepairs(findings, frames, t);
  const reasons: RubricReason[] = [...repairs.reasons];
  const failed = new Set(repairs.failed);

  // Subject consistency is a whole-clip metric (1 = the same subject throughout).
  const consistency = analysis.metrics['subject_consistency'];
  let subjectBase = 1;
  if (consistency !== undefined) {
    subjectBase = clamp01(consistency);
    if (consistency < t.min_subject_consistency) {
      failed.add('subject_integrity');
      reasons.push({
        check: 'subject_integrity',
        effect: 'fail',
        metric: 'subject_consistency',
        start_frame: 0,
        end_frame: lastFrame,
        value: consistency,
        threshold: t.min_subject_consistency,
        threshold_name: 'min_subject_consistency',
        message: `subject_consistency frames ${frameRange(0, lastFrame)}: ${consistency.toFixed(2)} < min ${t.min_subject_consistency.toFixed(2)}`,
      });
    }
  }

  const camera = judgeCameraIntent(input.intent, analysis.camera, frames, t);
  reasons.push(...camera.reasons);
  if (camera.failed) failed.add('camera_intent_match');

  const scores = {
    temporal_continuity: round(clamp01(1 - repairs.impact.temporal_continuity)),
    subject_integrity: round(clamp01(subjectBase - repairs.impact.subject_integrity)),
    camera_intent_match: round(clamp01(camera.score)),
  };
  const checks: CheckResult[] = RUBRIC_CHECKS.map((name) => {
    const min = t[MIN_KEY[name]];
    if (!failed.has(name) && scores[name] < min) {
      failed.add(name);
      reasons.push({
        check: name,
        effect: 'fail',
        metric: name,
        start_frame: 0,
        end_frame: lastFrame,
        value: scores[name],
        threshold: min,
        threshold_name: MIN_KEY[name],
        message: `${name.replace(/_/g, ' ')} score ${scores[name].toFixed(2)} < min ${min.toFixed(2)} (accumulated blemishes)`,
      });
    }
    return { name, score: scores[name], holds: !failed.has(name) };
  });

  const edits = [...repairs.edits, ...camera.edits];
  const verdict: Verdict = failed.size > 0 ? 'fail' : edits.length > 0 ? 'pass_with_edits' : 'pass';
  return {
    rubric_version: RUBRIC_VERSION,
    verdict,
    scores,
    checks,
    reasons,
    // Edits are only actionable on a usable clip; a failed clip's reasons still show what was found.
    edits: verdict === 'fail' ? [] : edits,
    thresholds: { ...t },
  };
}
