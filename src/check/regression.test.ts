import { describe, expect, it } from 'vitest';
import { approvalRecord, runEvidence } from '../../test/helpers/lifecycle-records.ts';
import type { PresetApprovalRecord } from '../contract/run.ts';
import type { RunEvidence } from '../presets/lifecycle-evidence.ts';
import { compareEvidence, regressionCheck } from './regression.ts';

/** A one-point run (motion_score 1.5) with higher mean scores than the shared default. */
const evidence = (overrides: Partial<RunEvidence> = {}): RunEvidence =>
  runEvidence({
    run_id: 'run-a',
    by_motion_score: [{ motion_score: 1.5, judged: 2, usable: 2, usable_rate: 1 }],
    mean_scores: { temporal_continuity: 0.8, subject_integrity: 0.9, camera_intent_match: 1 },
    recommended_range: { min: 1.5, max: 3, reason: 'r' },
    ...overrides,
  });

const approval = (run: RunEvidence | null, tolerance = 0.05): PresetApprovalRecord =>
  approvalRecord({
    run_id: run?.run_id ?? null,
    evidence: run === null ? { source: 'catalog' } : { run, regression_tolerance: tolerance },
  });

describe('compareEvidence', () => {
  it('flags only metrics that dropped by more than the tolerance', () => {
    const cmp = compareEvidence(
      evidence(),
      evidence({
        usable_rate: 4 / 6 - 0.04,
        mean_scores: { temporal_continuity: 0.7, subject_integrity: 0.95, camera_intent_match: 1 },
      }),
      0.05,
    );
    const byName = Object.fromEntries(cmp.metrics.map((m) => [m.metric, m]));
    expect(byName['usable_rate']?.regressed).toBe(false);
    expect(byName['temporal_continuity (mean score)']?.regressed).toBe(true);
    expect(byName['temporal_continuity (mean score)']?.drop).toBeCloseTo(0.1);
    expect(byName['subject_integrity (mean score)']?.regressed).toBe(false); // it improved
    expect(cmp.regressed).toBe(true);
  });

  it('treats a candidate with nothing judged as regressed where the baseline had a value', () => {
    const cmp = compareEvidence(evidence(), evidence({ judged: 0, usable: 0, usable_rate: null }), 0.05);
    expect(cmp.metrics.find((m) => m.metric === 'usable_rate')).toMatchObject({
      regressed: true,
      drop: null,
    });
  });
});

describe('regressionCheck', () => {
  const base = { presetId: 'product', candidateRef: 'product@2', tolerance: 0.05, requireBaseline: false };

  it('skips visibly with the approve command when there is no approved baseline', () => {
    const result = regressionCheck({ ...base, candidate: evidence({ run_id: 'run-new' }), baseline: null });
    expect(result.status).toBe('skipped');
    expect(result.message).toContain('no approved baseline for product');
    expect(result.hint).toContain('clipbench presets approve product --from run-new');
  });

  it('fails instead of skipping when the config requires a baseline', () => {
    const result = regressionCheck({ ...base, requireBaseline: true, candidate: evidence(), baseline: null });
    expect(result.status).toBe('failed');
  });

  it('skips when the approval carries no run evidence (e.g. recorded at retirement)', () => {
    const result = regressionCheck({ ...base, candidate: evidence(), baseline: approval(null) });
    expect(result.status).toBe('skipped');
    expect(result.message).toContain('without run evidence');
  });

  it('fails with evidence lines naming the metric, both values and the tolerance', () => {
    const result = regressionCheck({
      ...base,
      candidate: evidence({ run_id: 'run-b', usable: 0, usable_rate: 0 }),
      baseline: approval(evidence()),
    });
    expect(result.status).toBe('failed');
    expect(result.message).toContain('usable_rate');
    expect(result.evidence.join('\n')).toMatch(
      /usable_rate: 66\.7% → 0\.0% \(drop 66\.7 pts > tolerance 5\.0 pts\) REGRESSED/,
    );
  });

  it("uses the baseline's recorded tolerance, not the candidate's looser one", () => {
    const candidate = evidence({ usable_rate: 4 / 6 - 0.1 });
    const strict = regressionCheck({
      ...base,
      tolerance: 0.5,
      candidate,
      baseline: approval(evidence(), 0.05),
    });
    expect(strict.status).toBe('failed');
    const loose = regressionCheck({
      ...base,
      tolerance: 0.05,
      candidate,
      baseline: approval(evidence(), 0.2),
    });
    expect(loose.status).toBe('passed');
  });
});
