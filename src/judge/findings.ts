/**
 * Turns an analysis result's defects and cuts into findings: which rubric check each belongs to and
 * how it could be repaired — in post (stabilise, deflicker, regrade), by removing frames, or not at all.
 */
import type { AnalysisResult, DefectCode } from '../contract/analysis.ts';
import type { RubricCheckName } from '../contract/verdict.ts';
import type { JudgeThresholds } from './thresholds.ts';

export type Treatment = 'post_fix' | 'remove' | 'unfixable';
export type PostFixAction = 'stabilise' | 'deflicker' | 'regrade';

export type Finding = {
  check: RubricCheckName;
  code: DefectCode;
  startFrame: number;
  endFrame: number;
  severity: number;
  treatment: Treatment;
  /** Set when treatment is post_fix. */
  action?: PostFixAction | undefined;
  message?: string | undefined;
};

/** Which check each defect code counts against (extend with new codes; unknown codes count as temporal). */
export const DEFECT_CHECK: Record<DefectCode, RubricCheckName> = {
  shake: 'temporal_continuity',
  flicker: 'temporal_continuity',
  cut: 'temporal_continuity',
  freeze: 'temporal_continuity',
  zoom_jump: 'temporal_continuity',
  black_frames: 'temporal_continuity',
  too_short: 'temporal_continuity',
  blur: 'subject_integrity',
  underexposed: 'subject_integrity',
  overexposed: 'subject_integrity',
  subject_distortion: 'subject_integrity',
};

/** Defects a post-production step can repair when mild enough. */
const POST_FIX: Partial<Record<DefectCode, PostFixAction>> = {
  shake: 'stabilise',
  flicker: 'deflicker',
  underexposed: 'regrade',
  overexposed: 'regrade',
};

/** Collects findings from defects and cuts (a cut listed in both `cuts` and `defects` counts once). */
export function collectFindings(analysis: AnalysisResult, thresholds: JudgeThresholds): Finding[] {
  const findings: Finding[] = [];
  const cutFrames = new Set<number>();
  for (const defect of analysis.defects) {
    if (defect.code === 'cut') {
      cutFrames.add(defect.start_frame);
      continue;
    }
    const action = POST_FIX[defect.code];
    const treatment: Treatment =
      defect.code === 'too_short'
        ? 'unfixable'
        : action !== undefined && defect.severity <= thresholds.max_fixable_severity
          ? 'post_fix'
          : 'remove';
    findings.push({
      check: DEFECT_CHECK[defect.code] ?? 'temporal_continuity',
      code: defect.code,
      startFrame: Math.min(defect.start_frame, defect.end_frame),
      endFrame: Math.max(defect.start_frame, defect.end_frame),
      severity: defect.severity,
      treatment,
      ...(treatment === 'post_fix' ? { action } : {}),
      ...(defect.message === undefined ? {} : { message: defect.message }),
    });
  }
  for (const cut of analysis.cuts) cutFrames.add(cut.frame);
  for (const frame of [...cutFrames].sort((a, b) => a - b)) {
    // A cut at frame 0 (or past the end) splits nothing.
    if (frame <= 0 || frame >= analysis.video.frames) continue;
    findings.push({
      check: 'temporal_continuity',
      code: 'cut',
      startFrame: frame,
      endFrame: frame,
      severity: 1,
      treatment: 'remove',
    });
  }
  return findings;
}
