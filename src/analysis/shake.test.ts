import { describe, expect, it } from 'vitest';
import type { FrameRecord } from './features.ts';
import { shakeMetric } from './shake.ts';
import { makeContext } from './testing/records.ts';

/** Deterministic jitter offsets in [-1, 1]. */
const jitter = (i: number): number =>
  Math.sin(i * 12.9898 + 78.233) * 43758.5453 - Math.floor(Math.sin(i * 12.9898 + 78.233) * 43758.5453) - 0.5;

/**
 * A slow pan (1 px per frame at 256 px wide) whose camera position jitters by ±`ampPx` (per-frame,
 * independent) over frames `from`..`to`; per-pair steps are the differences of those positions.
 */
function panWithJitter(
  fps: number,
  frames: number,
  from: number,
  to: number,
  ampPx: number,
  extra: Partial<FrameRecord> = {},
) {
  const offset = (i: number): [number, number] =>
    i >= from && i <= to ? [2 * ampPx * jitter(i), 2 * ampPx * jitter(i + 500)] : [0, 0];
  return makeContext(frames, fps, (i) => {
    const [x1, y1] = offset(i);
    const [x0, y0] = offset(i - 1);
    return { tx: -1 + x1 - x0, ty: y1 - y0, ...extra };
  });
}

describe('shake', () => {
  it('finds per-frame jitter at 15 fps (few frames per half second)', () => {
    const out = shakeMetric.run(panWithJitter(15, 45, 15, 28, 2));
    expect(out.defects.map((d) => d.code)).toContain('shake');
  });

  it('finds jitter while a large walker keeps a sixth of the blocks off the camera fit', () => {
    const out = shakeMetric.run(panWithJitter(25, 75, 30, 55, 2, { inlierRatio: 0.84 }));
    expect(out.defects.map((d) => d.code)).toContain('shake');
  });

  it('ignores a single step (a zoom jump’s shift, a freeze catching up) and a codec-sized jerk', () => {
    const step = makeContext(75, 25, (i) => ({ tx: -1, ty: i === 30 ? -10 : 0 }));
    expect(shakeMetric.run(step).defects).toEqual([]);
    const codec = shakeMetric.run(panWithJitter(25, 75, 30, 55, 0.35));
    expect(codec.defects).toEqual([]);
  });

  it('ignores jitter on fits most blocks disagree with (heavy compression)', () => {
    const out = shakeMetric.run(panWithJitter(25, 75, 30, 55, 2, { inlierRatio: 0.6 }));
    expect(out.defects).toEqual([]);
  });
});
