import { describe, expect, it } from 'vitest';
import { runningMedian, subjectMetric } from './subject.ts';
import { makeContext } from './testing/records.ts';

const FPS = 30;

/** Steady-light pairs whose score S = misfitTop − misfitFloor is `score(i)`. */
const context = (score: (i: number) => number, frames = 90) =>
  makeContext(frames, FPS, (i) => ({ misfitTop: 0.05 + score(i), misfitFloor: 0.05 }));

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
    expect(walker.metrics['subject_consistency']).toBeGreaterThan(0.8);
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
