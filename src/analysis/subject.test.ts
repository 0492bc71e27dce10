import { describe, expect, it } from 'vitest';
import { runningMedian, runningQuantile, subjectMetric } from './subject.ts';
import { makeContext } from './testing/records.ts';

const FPS = 30;

/** Steady-light pairs whose score S = misfitTop − misfitFloor is `score(i)`. */
const context = (score: (i: number) => number, frames = 90, fps = FPS) =>
  makeContext(frames, fps, (i) => ({ misfitTop: 0.05 + score(i), misfitFloor: 0.05 }));

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

  it('still judges a clip with steady clipped highlights (a bright sky), not one whose clipping changes', () => {
    const rise = (i: number) => (i >= 40 && i < 70 ? 0.35 : 0.08);
    const sky = context(rise);
    const bright = sky.records.map((r) => ({ ...r, brightFrac: 0.25 }));
    expect(subjectMetric.run({ ...sky, records: bright }).defects).toHaveLength(1);
    const flickering = sky.records.map((r) => ({ ...r, brightFrac: r.index % 2 ? 0.25 : 0.15 }));
    expect(subjectMetric.run({ ...sky, records: flickering }).defects).toEqual([]);
  });

  it('judges a mostly white scene (a product on a white sweep), not an over-exposed stretch', () => {
    const rise = (i: number) => (i >= 40 && i < 70 ? 0.35 : 0.08);
    const shot = context(rise);
    const sweep = shot.records.map((r) => ({ ...r, brightFrac: 0.76 }));
    expect(subjectMetric.run({ ...shot, records: sweep }).defects).toHaveLength(1);
    // Blown out from frame 38 to 72 (the clipping steps at the ends, steady inside): no evidence.
    const blown = shot.records.map((r) => ({ ...r, brightFrac: r.index >= 38 && r.index < 73 ? 0.6 : 0.05 }));
    expect(subjectMetric.run({ ...shot, records: blown }).defects).toEqual([]);
  });

  it('does not read a rise of the whole frame’s misfit (shake, a blur burst) as the subject', () => {
    const ctx = makeContext(90, FPS, (i) =>
      i >= 40 && i < 70
        ? { misfitTop: 0.6, misfitFloor: 0.25, misfitLow: 0.2 }
        : { misfitTop: 0.13, misfitFloor: 0.05, misfitLow: 0.03 },
    );
    expect(subjectMetric.run(ctx).defects).toEqual([]);
  });

  it('judges a subject that covers most textured blocks (the median rises with it, the best blocks do not)', () => {
    const ctx = makeContext(90, FPS, (i) =>
      i >= 40 && i < 70
        ? { misfitTop: 0.55, misfitFloor: 0.4, misfitLow: 0.1 }
        : { misfitTop: 0.15, misfitFloor: 0.11, misfitLow: 0.08 },
    );
    expect(subjectMetric.run(ctx).defects).toHaveLength(1);
  });

  it('asks a steady S (a held subject) for less than twice its level, a jittery one for twice', () => {
    // B ≈ 0.2 px, distorted to 0.33 (1.65×): a steady series shows it…
    const steady = (i: number) => (i >= 40 && i < 65 ? 0.33 : 0.2) + 0.01 * Math.sin(i * 2.1);
    expect(subjectMetric.run(context(steady)).defects).toHaveLength(1);
    // …a series that jitters by 0.1 px pair to pair (compression, a gait) does not.
    const jittery = (i: number) => (i >= 40 && i < 65 ? 0.33 : 0.2) + (i % 2 === 0 ? 0.05 : -0.05);
    expect(subjectMetric.run(context(jittery)).defects).toEqual([]);
  });

  it('tolerates an articulated walker whose pose jumps every other frame', () => {
    const gait = subjectMetric.run(context((i) => (i % 2 === 0 ? 1.5 : 0.12)));
    expect(gait.defects).toEqual([]);
  });

  it('expects a smaller rise at a higher frame rate over one pair, not over a gap of ~1/30 s', () => {
    const rise = (i: number) => (i >= 80 && i < 140 ? 0.12 : 0.04);
    // 40 fps: one pair spans 1/40 s, a warp moves ¾ as far as over a 30 fps pair.
    expect(subjectMetric.run(context(rise, 120, 40)).defects).toHaveLength(1);
    expect(subjectMetric.run(context(rise, 90, 30)).defects).toEqual([]);
    // 60 fps: the misfit is measured two frames apart (frame-misfit.ts), as far as at 30 fps.
    expect(subjectMetric.run(context(rise, 180, 60)).defects).toEqual([]);
  });

  it('judges a quiet high-frame-rate shot (every pair changes little) but not a freeze and its catch-up', () => {
    const quiet = makeContext(180, 60, (i) => ({
      mad: 0.06,
      misfitTop: 0.05 + (i >= 80 && i < 140 ? 0.2 : 0.04),
      misfitFloor: 0.05,
    }));
    expect(subjectMetric.run(quiet).defects).toHaveLength(1);
    // Moving footage (MAD 3) frozen for 20 frames, then catching up with a misfit spike.
    const frozen = makeContext(90, FPS, (i) => ({
      mad: i >= 40 && i < 60 ? 0.01 : 3,
      misfitTop: i >= 40 && i < 60 ? 0.05 : i === 60 ? 1.5 : 0.13,
      misfitFloor: 0.05,
    }));
    expect(subjectMetric.run(frozen).defects).toEqual([]);
  });

  it('takes no evidence from blurred frames (the smeared texture is not comparable)', () => {
    const ctx = makeContext(90, FPS, (i) => {
      const blurred = i >= 30 && i < 55;
      return {
        detail: blurred ? 1.07 : 2.2,
        detailCoarse: blurred ? 1.1 : 2.2,
        misfitTop: 0.05 + (blurred ? 0.3 : 0.07),
        misfitFloor: 0.05,
      };
    });
    expect(subjectMetric.run(ctx).defects).toEqual([]);
  });

  it('judges frames whose finest octave only swings with the resampling phase (push-in over upscaled footage)', () => {
    const ctx = makeContext(90, FPS, (i) => ({
      detail: i % 3 === 0 ? 1.0 : 2.6,
      detailCoarse: 2.2,
      misfitTop: 0.05 + (i >= 30 && i < 55 ? 0.3 : 0.07),
      misfitFloor: 0.05,
    }));
    expect(subjectMetric.run(ctx).defects).toHaveLength(1);
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

describe('runningQuantile', () => {
  it('takes the lower third of each window: spikes in every other frame lift it less than a median', () => {
    const spiky = [0.1, 2, 0.1, 2, 0.1, 2, 0.1];
    const low = runningQuantile(spiky, 2, 1 / 3);
    const mid = runningMedian(spiky, 2);
    expect(low[2]).toBeCloseTo(0.1, 6);
    expect(low[3]).toBeCloseTo(0.1 + 1.9 / 3, 6);
    expect(mid[3]).toBe(2);
  });
});
