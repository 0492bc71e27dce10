/**
 * Run evidence from a stored run: the numbers a preset approval records and a CI check compares.
 * Pure over `RunView`; usable = pass + pass_with_edits over judged clips (human verdict wins, as in
 * reports), scores are the automatic rubric's (a human verdict carries no scores).
 */
import type { RunView } from '../contract/run.ts';
import type { RUBRIC_CHECKS } from '../contract/verdict.ts';
import { EVIDENCE_KIND, type RunEvidence } from '../presets/lifecycle-evidence.ts';
import { summarizeRun } from '../reports/summary.ts';

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Rounds to 4 decimals so stored evidence and messages stay readable. */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** Summarises a run into approval/regression evidence. */
export function runEvidence(run: RunView, options: { usableRateMin?: number | undefined } = {}): RunEvidence {
  const summary = summarizeRun(run, { usableRateMin: options.usableRateMin });
  const rubrics = run.jobs
    .filter((j) => j.verdict !== null)
    .map((j) => j.auto_verdict?.rubric ?? null)
    .filter((r) => r !== null);
  const scoreOf = (name: (typeof RUBRIC_CHECKS)[number]) => round(mean(rubrics.map((r) => r.scores[name])));
  const cameraHolds = rubrics.map(
    (r) => r.checks.find((c) => c.name === 'camera_intent_match')?.holds ?? false,
  );
  return {
    kind: EVIDENCE_KIND,
    run_id: summary.run_id,
    preset: summary.preset,
    provider: summary.provider,
    model: summary.model,
    simulated: summary.simulated,
    jobs: summary.jobs,
    judged: summary.judged,
    usable: summary.usable,
    failed_jobs: summary.states.failed ?? 0,
    usable_rate: round(summary.usable_rate),
    by_motion_score: summary.by_motion_score.map((p) => ({
      motion_score: p.motion_score,
      judged: p.judged,
      usable: p.usable,
      usable_rate: round(p.usable_rate),
    })),
    mean_scores: {
      temporal_continuity: scoreOf('temporal_continuity'),
      subject_integrity: scoreOf('subject_integrity'),
      camera_intent_match: scoreOf('camera_intent_match'),
    },
    camera_intent_match_rate: round(
      cameraHolds.length === 0 ? null : cameraHolds.filter(Boolean).length / cameraHolds.length,
    ),
    usable_rate_min: summary.usable_rate_min,
    recommended_range: summary.recommendation
      ? {
          min: summary.recommendation.min,
          max: summary.recommendation.max,
          reason: summary.recommendation.reason,
        }
      : null,
    cost_usd: Math.round(summary.cost.total_cost_usd * 10_000) / 10_000,
  };
}
