import { describe, expect, it } from 'vitest';
import { buildPyramid, createGray, type GrayImage, type Pyramid } from '../image.ts';
import { texture } from '../testing/procedural.ts';
import { analysisGrid } from './block-grid.ts';
import { createMisfitBuffers, type FrameMisfit, measureMisfit, misfitGap } from './frame-misfit.ts';
import { createMotionEstimator, estimatePairMotion } from './global-motion.ts';

const W = 256;
const H = 144;

/**
 * Frame `i`: the background pans 0.35 px/frame left; a 40-px subject in the centre moves 0.5
 * px/frame right and, when `warp` > 0, its rows slide sideways by a wave whose amplitude grows by
 * `warp` px per frame (a slow shape change).
 */
function frame(i: number, warp: number): GrayImage {
  const img = createGray(W, H);
  const sx = 128 - 0.2 * i;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inSubject = Math.abs(x - sx) < 20 && Math.abs(y - 72) < 20;
      const v = inSubject
        ? texture((x - sx + 500 + warp * i * Math.sin(y * 0.5)) * 0.3, (y + 500) * 0.3, 9)
        : texture((x + 0.35 * i) * 0.3, y * 0.3, 2);
      img.data[y * W + x] = Math.round(v);
    }
  }
  return img;
}

/** The misfit of every pair of a clip of `count` frames measured over `gap` frames. */
function misfits(count: number, gap: number, warp: number): number[] {
  return measures(count, gap, warp).map((m) => m.top);
}

/** Every pair's full misfit summary. */
function measures(count: number, gap: number, warp: number): FrameMisfit[] {
  const est = createMotionEstimator(analysisGrid(W, H));
  const buf = createMisfitBuffers(gap);
  const out: FrameMisfit[] = [];
  let prev: Pyramid = buildPyramid(frame(0, warp), 3);
  for (let i = 1; i < count; i++) {
    const cur = buildPyramid(frame(i, warp), 3);
    const m = estimatePairMotion(est, prev, cur);
    out.push({ ...measureMisfit(est, prev[0] as GrayImage, cur[0] as GrayImage, m, buf) });
    prev = cur;
  }
  return out;
}

describe('misfitGap', () => {
  it('spans about 1/30 s: one pair up to ~45 fps, two at 50–60 fps', () => {
    expect([15, 24, 25, 30, 40, 50, 60, 120].map(misfitGap)).toEqual([1, 1, 1, 1, 1, 2, 2, 4]);
    expect(misfitGap(undefined)).toBe(1);
  });
});

describe('measureMisfit over a gap', () => {
  it('explains rigid layers over the gap (camera steps composed, block flows summed)', () => {
    // Over one pair the resampling noise of this scene reads ≈ 0.1; three pairs compose to as little.
    for (const t of misfits(8, 3, 0)) expect(t).toBeLessThan(0.15);
  });

  it('reads a shape change over the gap', () => {
    const rigid = misfits(8, 2, 0);
    const warped = misfits(8, 2, 1.5);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(warped)).toBeGreaterThan(2 * mean(rigid));
  });
});

describe('measureMisfit summaries', () => {
  it('keeps the best-explained blocks (`low`) at the rigid level while a subject warps', () => {
    for (const m of measures(6, 1, 1.5)) {
      expect(m.low).toBeLessThanOrEqual(m.floor + 1e-9);
      expect(m.low).toBeLessThan(0.15);
      expect(m.top).toBeGreaterThan(m.low);
    }
  });
});
