import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../contract/analysis.ts';
import { gateFromAnalysis } from './gate.ts';

function analysis(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    camera: { move: 'pan_right', speed: 'slow', confidence: 0.9 },
    cuts: [],
    defects: [],
    metrics: { sharpness: 0.8, subject_consistency: 0.95 },
    video: { frames: 120, fps: 24, width: 640, height: 360, duration_s: 5 },
    ...overrides,
  };
}

describe('gateFromAnalysis', () => {
  it('accepts a clean, long enough clip', () => {
    expect(gateFromAnalysis(analysis())).toEqual({ verdict: 'accept', reasons: [] });
  });

  it('rejects with one reason per defect, carrying its frame range', () => {
    const g = gateFromAnalysis(
      analysis({
        defects: [{ code: 'freeze', start_frame: 10, end_frame: 20, severity: 0.5, message: 'frozen' }],
      }),
    );
    expect(g.verdict).toBe('reject');
    expect(g.reasons).toEqual([expect.objectContaining({ code: 'freeze', start_frame: 10, end_frame: 20 })]);
    expect(g.reasons[0]?.message).toContain('pacing');
  });

  it('rejects short clips by the configured minimum and low sharpness / subject clarity', () => {
    const short = analysis({ video: { frames: 36, fps: 24, width: 640, height: 360, duration_s: 1.5 } });
    expect(gateFromAnalysis(short).reasons.map((r) => r.code)).toEqual(['too_short']);
    expect(gateFromAnalysis(short, { minDurationS: 1 }).verdict).toBe('accept');
    const soft = gateFromAnalysis(analysis({ metrics: { sharpness: 0.05, subject_consistency: 0.3 } }));
    expect(soft.reasons.map((r) => r.code)).toEqual(['low_sharpness', 'subject_unclear']);
  });
});
