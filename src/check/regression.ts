/**
 * Check 5 — regression against the last approved version of the preset. Pure: compares the
 * candidate run's evidence with the evidence recorded when the baseline was approved. A metric
 * regresses when it drops by more than the tolerance (absolute, on the 0..1 scale of every metric
 * compared). The tolerance is the BASELINE's `rubric.regression_tolerance`: the approved version sets
 * the bar, so a candidate cannot pass by loosening its own tolerance.
 */
import type { PresetApprovalRecord } from '../contract/run.ts';
import { parseRunEvidence, type RunEvidence } from '../presets/lifecycle-evidence.ts';
import { type CheckResult, checkResult } from './result.ts';

export type RegressionMetric = {
  metric: string;
  baseline: number | null;
  candidate: number | null;
  /** baseline − candidate (positive = worse), null when either side has no value. */
  drop: number | null;
  regressed: boolean;
};

export type RegressionComparison = { regressed: boolean; tolerance: number; metrics: RegressionMetric[] };

const METRICS: ReadonlyArray<[string, (e: RunEvidence) => number | null]> = [
  ['usable_rate', (e) => e.usable_rate],
  ['temporal_continuity (mean score)', (e) => e.mean_scores.temporal_continuity],
  ['subject_integrity (mean score)', (e) => e.mean_scores.subject_integrity],
  ['camera_intent_match (mean score)', (e) => e.mean_scores.camera_intent_match],
  ['camera_intent_match (share of clips)', (e) => e.camera_intent_match_rate],
];

/** Compares two evidence records metric by metric. A candidate with no value where the baseline had one regresses. */
export function compareEvidence(
  baseline: RunEvidence,
  candidate: RunEvidence,
  tolerance: number,
): RegressionComparison {
  const metrics = METRICS.map(([metric, read]): RegressionMetric => {
    const b = read(baseline);
    const c = read(candidate);
    const drop = b === null || c === null ? null : Math.round((b - c) * 10_000) / 10_000;
    const regressed = (b !== null && c === null) || (drop !== null && drop > tolerance + 1e-9);
    return { metric, baseline: b, candidate: c, drop, regressed };
  });
  return { regressed: metrics.some((m) => m.regressed), tolerance, metrics };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** One evidence line per metric, e.g. `usable_rate: 83.3% → 33.3% (drop 50.0 pts > tolerance 5.0 pts) REGRESSED`. */
export function metricLines(comparison: RegressionComparison): string[] {
  return comparison.metrics.map((m) => {
    const fmt = m.metric.includes('mean score') ? num : pct;
    const drop =
      m.drop === null
        ? m.regressed
          ? 'no judged clips in the candidate run'
          : 'not comparable'
        : `drop ${(m.drop * 100).toFixed(1)} pts ${m.regressed ? '>' : '≤'} tolerance ${(comparison.tolerance * 100).toFixed(1)} pts`;
    return `${m.metric}: ${fmt(m.baseline)} → ${fmt(m.candidate)} (${drop})${m.regressed ? ' REGRESSED' : ''}`;
  });
}

/** Usable rate at motion_score values both runs swept (information beside the overall metric). */
export function sharedPointLines(baseline: RunEvidence, candidate: RunEvidence): string[] {
  return candidate.by_motion_score.flatMap((c) => {
    const b = baseline.by_motion_score.find((p) => p.motion_score === c.motion_score);
    if (b === undefined) return [];
    return [`motion_score ${c.motion_score}: usable ${b.usable}/${b.judged} → ${c.usable}/${c.judged}`];
  });
}

export type RegressionInput = {
  presetId: string;
  /** The preset under test, `id@version`. */
  candidateRef: string;
  candidate: RunEvidence;
  /** The last approved (non-retired) version of the preset, if any. */
  baseline: PresetApprovalRecord | null;
  /** Fallback tolerance when the baseline recorded none (the candidate preset's). */
  tolerance: number;
  requireBaseline: boolean;
};

function noBaseline(input: RegressionInput, why: string): CheckResult {
  const hint = `review the sweep run, then record it as the baseline: clipbench presets approve ${input.presetId} --from ${input.candidate.run_id}`;
  return checkResult('regression', {
    status: input.requireBaseline ? 'failed' : 'skipped',
    message: `skipped: no approved baseline for ${input.presetId} (${why})`,
    evidence: [
      `candidate ${input.candidateRef}: usable ${pct(input.candidate.usable_rate)} (${input.candidate.usable}/${input.candidate.judged}) in run ${input.candidate.run_id}`,
      input.requireBaseline
        ? 'regression.require_baseline is true, so a missing baseline fails the check'
        : 'the first run of a preset has nothing to compare with; approve a run to enable this check',
    ],
    hint,
    data: { baseline: null, candidate: input.candidate },
  });
}

/** Builds the regression check result. */
export function regressionCheck(input: RegressionInput): CheckResult {
  if (input.baseline === null) return noBaseline(input, 'no approved version recorded in this workspace');
  const approved = input.baseline;
  const baselineEvidence = parseRunEvidence(approved.evidence);
  const baselineRef = `${approved.preset_id}@${approved.version}`;
  if (baselineEvidence === null) return noBaseline(input, `${baselineRef} was recorded without run evidence`);
  const storedTolerance = approved.evidence['regression_tolerance'];
  const tolerance = typeof storedTolerance === 'number' ? storedTolerance : input.tolerance;
  const comparison = compareEvidence(baselineEvidence, input.candidate, tolerance);
  const regressed = comparison.metrics.filter((m) => m.regressed);
  const evidence = [
    `baseline ${baselineRef} (approved ${approved.approved_at}, run ${baselineEvidence.run_id}) vs candidate ${input.candidateRef} (run ${input.candidate.run_id})`,
    ...metricLines(comparison),
    ...sharedPointLines(baselineEvidence, input.candidate),
  ];
  return checkResult('regression', {
    status: regressed.length > 0 ? 'failed' : 'passed',
    message:
      regressed.length > 0
        ? `${regressed.map((m) => m.metric).join(', ')} dropped beyond tolerance ${(tolerance * 100).toFixed(1)} pts vs ${baselineRef}`
        : `no drop beyond tolerance ${(tolerance * 100).toFixed(1)} pts vs ${baselineRef}`,
    evidence,
    ...(regressed.length > 0
      ? {
          hint: `lower the sweep back toward ${baselineRef}'s approved range, or approve deliberately with \`clipbench presets approve ${input.presetId} --from ${input.candidate.run_id}\``,
        }
      : {}),
    data: {
      baseline: { ref: baselineRef, evidence: baselineEvidence },
      candidate: input.candidate,
      comparison,
    },
  });
}
