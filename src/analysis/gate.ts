/**
 * The reference quality gate: is this clip a usable motion source? Four questions, each from the
 * analysis result, each a reason with a frame range when it fails:
 * readability (not blurred, not under/over-exposed, no black frames), pacing consistency (no
 * cuts, no freezes, no shake/jitter, no zoom jumps, no flicker), subject clarity (subject
 * consistency), and duration (≥ `minDurationS`, default 2 s).
 */
import {
  type AnalysisResult,
  type DefectCode,
  type GateResult,
  GateResultSchema,
} from '../contract/analysis.ts';
import { type AnalyzeFileOptions, analyzeFile } from './analyze.ts';
import type { AnalysisThresholds } from './config.ts';

export type GateConfig = {
  /** @default 2 */
  minDurationS?: number | undefined;
  /**
   * Minimum `sharpness` metric (0..1) for readability. @default 0.1 (as `blurAbsolute`: an upscaled
   * 256-px photo reads 0.17 and is a clean reference)
   */
  minSharpness?: number | undefined;
  /** Minimum `subject_consistency` (0..1). @default 0.6 */
  minSubjectConsistency?: number | undefined;
  /** Defect codes that reject (all of them by default). */
  rejectOn?: readonly DefectCode[] | undefined;
  /** Analysis threshold overrides. */
  thresholds?: Partial<AnalysisThresholds> | undefined;
};

type ResolvedGate = {
  minDurationS: number;
  minSharpness: number;
  minSubjectConsistency: number;
  rejectOn: readonly DefectCode[];
};

export const DEFAULT_GATE: ResolvedGate = {
  minDurationS: 2,
  minSharpness: 0.1,
  minSubjectConsistency: 0.6,
  rejectOn: [
    'cut',
    'freeze',
    'shake',
    'flicker',
    'zoom_jump',
    'blur',
    'underexposed',
    'overexposed',
    'black_frames',
    'too_short',
    'subject_distortion',
  ],
};

const GROUP: Record<DefectCode, string> = {
  blur: 'readability',
  underexposed: 'readability',
  overexposed: 'readability',
  black_frames: 'readability',
  cut: 'pacing',
  freeze: 'pacing',
  shake: 'pacing',
  flicker: 'pacing',
  zoom_jump: 'pacing',
  too_short: 'duration',
  subject_distortion: 'subject clarity',
};

/** Gate verdict from an existing analysis (pure). */
export function gateFromAnalysis(analysis: AnalysisResult, config: GateConfig = {}): GateResult {
  const c: ResolvedGate = {
    minDurationS: config.minDurationS ?? DEFAULT_GATE.minDurationS,
    minSharpness: config.minSharpness ?? DEFAULT_GATE.minSharpness,
    minSubjectConsistency: config.minSubjectConsistency ?? DEFAULT_GATE.minSubjectConsistency,
    rejectOn: config.rejectOn ?? DEFAULT_GATE.rejectOn,
  };
  const reasons: GateResult['reasons'] = [];
  const reject = new Set<DefectCode>(c.rejectOn);
  for (const d of analysis.defects) {
    if (!reject.has(d.code)) continue;
    reasons.push({
      code: d.code,
      message: `${GROUP[d.code]}: ${d.message ?? d.code} (frames ${d.start_frame}–${d.end_frame}, severity ${d.severity})`,
      start_frame: d.start_frame,
      end_frame: d.end_frame,
    });
  }
  const last = Math.max(0, analysis.video.frames - 1);
  if (
    analysis.video.duration_s < c.minDurationS &&
    reject.has('too_short') &&
    !reasons.some((r) => r.code === 'too_short')
  ) {
    reasons.push({
      code: 'too_short',
      message: `duration: ${analysis.video.duration_s} s is shorter than the ${c.minDurationS} s minimum`,
      start_frame: 0,
      end_frame: last,
    });
  }
  const sharpness = analysis.metrics['sharpness'];
  if (sharpness !== undefined && sharpness < c.minSharpness && !reasons.some((r) => r.code === 'blur')) {
    reasons.push({
      code: 'low_sharpness',
      message: `readability: sharpness ${sharpness} is below ${c.minSharpness}`,
      start_frame: 0,
      end_frame: last,
    });
  }
  const subject = analysis.metrics['subject_consistency'];
  if (
    subject !== undefined &&
    subject < c.minSubjectConsistency &&
    !reasons.some((r) => r.code === 'subject_distortion')
  ) {
    reasons.push({
      code: 'subject_unclear',
      message: `subject clarity: consistency ${subject} is below ${c.minSubjectConsistency}`,
      start_frame: 0,
      end_frame: last,
    });
  }
  return GateResultSchema.parse({ verdict: reasons.length > 0 ? 'reject' : 'accept', reasons });
}

/** Analyses a reference clip and gates it. */
export async function gateFile(
  file: string,
  config: GateConfig = {},
  options: Omit<AnalyzeFileOptions, 'thresholds'> = {},
): Promise<GateResult & { analysis: AnalysisResult }> {
  const minDurationS = config.minDurationS ?? DEFAULT_GATE.minDurationS;
  const analysis = await analyzeFile(file, {
    ...options,
    thresholds: { ...config.thresholds, minDurationS },
  });
  return { ...gateFromAnalysis(analysis, config), analysis };
}
