import { describe, expect, it } from 'vitest';
import type { ClipContext } from './clip-context.ts';
import { resolveThresholds } from './config.ts';
import type { FrameRecord } from './features.ts';
import { runningMedian, subjectMetric } from './subject.ts';

const FPS = 30;

/** A steady-light, well-fitted pair whose score S = misfitTop − misfitFloor is `score`. */
function record(index: number, score: number): FrameRecord {
  return {
    index,
    timeS: index / FPS,
    meanLuma: 120,
    stdLuma: 40,
    darkFrac: 0,
    brightFrac: 0,
    lowLuma: 20,
    highLuma: 220,
    gradEnergy: 100,
    detail: 2,
    hasPrev: index > 0,
    mad: 3,
    histDist: 0.01,
    tx: 1,
    ty: 0,
    a: 0,
    b: 0,
    inlierRatio: 0.9,
    validCount: 40,
    coarseNcc: 0.99,
    mcNcc: 0.99,
    bridgeNcc: -1,
    zoomLogScale: 0,
    zoomNcc: -1,
    fgFrac: 0.1,
    misfitTop: 0.05 + score,
    misfitFloor: 0.05,
  };
}

function context(scores: (i: number) => number, frames = 90): ClipContext {
  return {
    records: Array.from({ length: frames }, (_, i) => record(i, scores(i))),
    cells: null,
    fps: FPS,
    width: 256,
    height: 144,
    thresholds: resolveThresholds(),
    cutFrames: new Set(),
  };
}

describe('subject_distortion', () => {
  it('flags a persistent rise above the clip’s own early level, over the frames where it happens', () => {
    const out = subjectMetric.run(context((i) => (i >= 40 && i < 70 ? 0.35 : 0.08)));
    expect(out.defects).toHaveLength(1);
    const d = out.defects[0];
    expect(d?.code).toBe('subject_distortion');
    expect(Math.abs((d?.start_frame ?? 0) - 40)).toBeLessThanOrEqual(3);
    expect(Math.abs((d?.end_frame ?? 0) - 69)).toBeLessThanOrEqual(3);
    expect(out.metrics['subject_consistency']).toBeLessThan(0.8);
  });

  it('tolerates a walker’s steady occlusion misfit and isolated spikes (compression, a glitch)', () => {
    const walker = subjectMetric.run(context((i) => 0.3 + 0.1 * Math.sin(i)));
    expect(walker.defects).toEqual([]);
    expect(walker.metrics['subject_consistency']).toBe(1);
    const spikes = subjectMetric.run(context((i) => (i % 15 === 7 ? 0.9 : 0.05)));
    expect(spikes.defects).toEqual([]);
  });

  it('ignores pairs under a light change (flash) as evidence', () => {
    const ctx = context((i) => (i >= 45 && i < 60 ? 0.6 : 0.05));
    const flashed = ctx.records.map((r) =>
      r.index >= 45 && r.index < 60 ? { ...r, meanLuma: r.index % 2 ? 200 : 100 } : r,
    );
    expect(subjectMetric.run({ ...ctx, records: flashed }).defects).toEqual([]);
  });
});

describe('runningMedian', () => {
  it('skips NaN and needs more than half a window of values', () => {
    expect(runningMedian([1, Number.NaN, 3, 100, 5], 1)).toEqual([Number.NaN, 2, 51.5, 5, 52.5]);
  });
});
