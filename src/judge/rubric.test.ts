import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Defect } from '../contract/analysis.ts';
import type { StructuredMove } from '../contract/camera-move.ts';
import { longestCleanWindow } from './keep-window.ts';
import { judgeClip } from './rubric.ts';
import { DEFAULT_JUDGE_THRESHOLDS, resolveThresholds } from './thresholds.ts';

const PUSH_SLOW: StructuredMove = { move: 'push_in', speed: 'slow', modifiers: [], stability: null };

function clip(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    camera: { move: 'push_in', speed: 'slow', confidence: 0.9, rate: 0.03 },
    cuts: [],
    defects: [],
    metrics: { subject_consistency: 0.95 },
    video: { frames: 120, fps: 24, width: 320, height: 180, duration_s: 5 },
    ...overrides,
  };
}
const defect = (code: Defect['code'], start: number, end: number, severity: number): Defect => ({
  code,
  start_frame: start,
  end_frame: end,
  severity,
});

describe('judgeClip', () => {
  it('passes a clean clip whose camera matches the intent', () => {
    const rubric = judgeClip({ analysis: clip(), intent: PUSH_SLOW });
    expect(rubric.verdict).toBe('pass');
    expect(rubric.scores).toEqual({
      temporal_continuity: 1,
      subject_integrity: 0.95,
      camera_intent_match: 1,
    });
    expect(rubric.checks.every((c) => c.holds)).toBe(true);
    expect(rubric.edits).toEqual([]);
  });

  it('trims severe flicker at the head: pass_with_edits with "trim frames 0–11: flicker"', () => {
    const rubric = judgeClip({
      analysis: clip({ defects: [defect('flicker', 0, 11, 0.8)] }),
      intent: PUSH_SLOW,
    });
    expect(rubric.verdict).toBe('pass_with_edits');
    expect(rubric.edits.map((e) => e.text)).toEqual(['trim frames 0–11: flicker']);
    expect(rubric.edits[0]?.keep).toEqual({ start_frame: 12, end_frame: 119 });
    const reason = rubric.reasons.find((r) => r.metric === 'flicker');
    expect(reason).toMatchObject({ effect: 'edit', start_frame: 0, end_frame: 11, threshold: 0.75 });
  });

  it('keeps the head before a late cut: "cut at frame 99: keep frames 0–98"', () => {
    const rubric = judgeClip({ analysis: clip({ cuts: [{ frame: 99 }] }), intent: PUSH_SLOW });
    expect(rubric.verdict).toBe('pass_with_edits');
    expect(rubric.edits.map((e) => e.text)).toEqual(['cut at frame 99: keep frames 0–98']);
  });

  it('fails a mid-clip cut that would leave too little', () => {
    const rubric = judgeClip({
      analysis: clip({ cuts: [{ frame: 60 }], defects: [defect('cut', 60, 60, 1)] }),
      intent: PUSH_SLOW,
    });
    expect(rubric.verdict).toBe('fail');
    expect(rubric.checks.find((c) => c.name === 'temporal_continuity')?.holds).toBe(false);
    const reasons = rubric.reasons.filter((r) => r.metric === 'cut');
    expect(reasons).toHaveLength(1); // counted once
    expect(reasons[0]?.message).toContain('frames 0–59');
    expect(reasons[0]).toMatchObject({ effect: 'fail', value: 0.5, threshold: 0.75 });
    expect(rubric.edits).toEqual([]);
  });

  it('stabilises mild whole-clip shake and fails severe whole-clip shake', () => {
    const mild = judgeClip({
      analysis: clip({ defects: [defect('shake', 0, 119, 0.3)] }),
      intent: PUSH_SLOW,
    });
    expect(mild.verdict).toBe('pass_with_edits');
    expect(mild.edits.map((e) => e.text)).toEqual(['stabilise: mild shake']);
    const severe = judgeClip({
      analysis: clip({ defects: [defect('shake', 0, 119, 0.9)] }),
      intent: PUSH_SLOW,
    });
    expect(severe.verdict).toBe('fail');
    expect(severe.reasons.find((r) => r.metric === 'shake')?.message).toContain('no clean frames remain');
  });

  it('fails subject integrity below the consistency threshold, naming value and threshold', () => {
    const rubric = judgeClip({
      analysis: clip({ metrics: { subject_consistency: 0.4 } }),
      intent: PUSH_SLOW,
    });
    expect(rubric.verdict).toBe('fail');
    expect(rubric.reasons).toContainEqual(
      expect.objectContaining({ metric: 'subject_consistency', value: 0.4, threshold: 0.6, effect: 'fail' }),
    );
  });

  it('fails a wrong camera move and gives a partial for a speed one band off', () => {
    const wrong = judgeClip({
      analysis: clip({ camera: { move: 'pan_left', speed: 'slow', confidence: 0.9 } }),
      intent: PUSH_SLOW,
    });
    expect(wrong.verdict).toBe('fail');
    expect(wrong.scores.camera_intent_match).toBe(0);
    const oneOff = judgeClip({
      analysis: clip({ camera: { move: 'push_in', speed: 'medium', confidence: 0.9, rate: 0.08 } }),
      intent: PUSH_SLOW,
    });
    expect(oneOff.scores.camera_intent_match).toBe(DEFAULT_JUDGE_THRESHOLDS.speed_one_band_score);
    expect(oneOff.verdict).toBe('pass_with_edits');
    expect(oneOff.edits[0]).toMatchObject({ action: 'retime' });
    const twoOff = judgeClip({
      analysis: clip({ camera: { move: 'push_in', speed: 'fast', confidence: 0.9 } }),
      intent: PUSH_SLOW,
    });
    expect(twoOff.verdict).toBe('fail');
  });

  it('takes the preset rubric minimums: a one-band partial fails under a stricter camera minimum', () => {
    const analysis = clip({ camera: { move: 'push_in', speed: 'medium', confidence: 0.9 } });
    const strict = judgeClip({ analysis, intent: PUSH_SLOW, thresholds: { camera_intent_match_min: 0.8 } });
    expect(strict.verdict).toBe('fail');
    expect(strict.reasons).toContainEqual(
      expect.objectContaining({
        metric: 'camera_intent_match',
        threshold_name: 'camera_intent_match_min',
        effect: 'fail',
      }),
    );
  });

  it('fails a clip flagged too short, whatever else holds', () => {
    const rubric = judgeClip({ analysis: clip({ defects: [defect('too_short', 0, 119, 1)] }), intent: null });
    expect(rubric.verdict).toBe('fail');
  });

  it('ignores unknown threshold keys and keeps defaults for missing ones', () => {
    const t = resolveThresholds({ subject_integrity_min: 0.7, ...{ usable_rate_min: 0.8 } });
    expect(t.subject_integrity_min).toBe(0.7);
    expect(t.min_keep_fraction).toBe(DEFAULT_JUDGE_THRESHOLDS.min_keep_fraction);
    expect('usable_rate_min' in t).toBe(false);
  });
});

describe('longestCleanWindow', () => {
  it('avoids bad frames and never straddles a cut', () => {
    expect(longestCleanWindow(10, [{ start: 0, end: 1 }], [7])).toEqual({ start: 2, end: 6 });
    expect(longestCleanWindow(4, [{ start: 0, end: 3 }], [])).toBeNull();
  });
});
