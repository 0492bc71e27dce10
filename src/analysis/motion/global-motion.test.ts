import { describe, expect, it } from 'vitest';
import { buildPyramid, frameToGray } from '../image.ts';
import { renderGray } from '../testing/procedural.ts';
import { createBlockGrid } from './block-grid.ts';
import { createMotionEstimator, estimatePairMotion } from './global-motion.ts';

const W = 192;
const H = 108;
const cam = (x = 0, y = 0, zoom = 1, rollRad = 0) => ({ x, y, zoom, rollRad });

function pair(c0: ReturnType<typeof cam>, c1: ReturnType<typeof cam>) {
  const p0 = buildPyramid(frameToGray(renderGray({ width: W, height: H, camera: c0 })), 3);
  const p1 = buildPyramid(frameToGray(renderGray({ width: W, height: H, camera: c1 })), 3);
  return estimatePairMotion(createMotionEstimator(createBlockGrid(W, H, 6)), p0, p1);
}

describe('estimatePairMotion', () => {
  it('measures a sub-pixel translation (camera right → content left)', () => {
    const m = pair(cam(), cam(0.4, 0));
    expect(m.tx).toBeCloseTo(-0.4, 1);
    expect(Math.abs(m.ty)).toBeLessThan(0.05);
  });

  it('measures a large translation through the coarse search', () => {
    const m = pair(cam(), cam(-14, 5));
    expect(m.tx).toBeCloseTo(14, 0);
    expect(m.ty).toBeCloseTo(-5, 0);
  });

  it('measures zoom as scale > 1 and camera roll clockwise as a negative content angle', () => {
    const zoom = pair(cam(), cam(0, 0, 1.02));
    expect(Math.hypot(1 + zoom.a, zoom.b)).toBeCloseTo(1.02, 2);
    const roll = pair(cam(), cam(0, 0, 1, 0.01));
    expect(Math.atan2(roll.b, 1 + roll.a)).toBeCloseTo(-0.01, 2);
  });

  it('keeps a high motion-compensated NCC for the same scene under a brightness change', () => {
    const p0 = buildPyramid(frameToGray(renderGray({ width: W, height: H, camera: cam() })), 3);
    const p1 = buildPyramid(
      frameToGray(renderGray({ width: W, height: H, camera: cam(1, 0), gain: 0.7, offset: 30 })),
      3,
    );
    const m = estimatePairMotion(createMotionEstimator(createBlockGrid(W, H, 6)), p0, p1);
    expect(m.mcNcc).toBeGreaterThan(0.95);
    expect(m.tx).toBeCloseTo(-1, 1);
  });
});
