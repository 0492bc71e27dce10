/**
 * Plain records for preset-lifecycle unit tests: a run's evidence (a healthy product@1 sweep on the
 * simulator) and a preset approval row. Override only the fields a test is about.
 */
import type { PresetApprovalRecord } from '../../src/contract/run.ts';
import { EVIDENCE_KIND, type RunEvidence } from '../../src/presets/lifecycle-evidence.ts';

/** Evidence of a six-job product@1 run, 4 usable, recommended range 1.5–3. */
export function runEvidence(overrides: Partial<RunEvidence> = {}): RunEvidence {
  return {
    kind: EVIDENCE_KIND,
    run_id: 'run-1',
    preset: 'product@1',
    provider: 'simulator',
    model: null,
    simulated: true,
    jobs: 6,
    judged: 6,
    usable: 4,
    failed_jobs: 0,
    usable_rate: 4 / 6,
    by_motion_score: [
      { motion_score: 1.5, judged: 2, usable: 2, usable_rate: 1 },
      { motion_score: 3, judged: 2, usable: 2, usable_rate: 1 },
      { motion_score: 4.5, judged: 2, usable: 0, usable_rate: 0 },
    ],
    mean_scores: { temporal_continuity: 0.7, subject_integrity: 0.7, camera_intent_match: 1 },
    camera_intent_match_rate: 1,
    usable_rate_min: 0.7,
    recommended_range: { min: 1.5, max: 3, reason: 'healthy' },
    cost_usd: 0.24,
    ...overrides,
  };
}

/** An approval of product@1 (range 1.5–3), not retired. */
export function approvalRecord(fields: Partial<PresetApprovalRecord> = {}): PresetApprovalRecord {
  return {
    id: 1,
    preset_id: 'product',
    version: 1,
    range_min: 1.5,
    range_max: 3,
    run_id: 'run-1',
    evidence: {},
    preset: null,
    approved_at: '2026-01-01T00:00:00.000Z',
    retired: false,
    retired_at: null,
    retired_reason: null,
    replacement: null,
    ...fields,
  };
}
