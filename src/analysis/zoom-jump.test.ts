import { describe, expect, it } from 'vitest';
import { classifyCamera } from './camera-move.ts';
import { makeContext } from './testing/records.ts';
import { zoomJumpMetric } from './zoom-jump.ts';

const FPS = 25;

/**
 * A slow push-in whose frames 30–53 are blown out (85 % clipped, as in a strong over-exposure):
 * there the few textured blocks give ±5 % scale and ±4° turns every other pair (noise fits).
 */
const blownOut = (clippedFrac: number) =>
  makeContext(75, FPS, (i) => {
    const blown = i >= 30 && i <= 53;
    const noisy = blown && i % 2 === 1;
    const s = noisy ? (i % 4 === 1 ? 0.05 : -0.05) : 0.0013;
    return {
      tx: 0,
      a: noisy ? s : 0.0013,
      b: noisy ? -0.07 : 0,
      validCount: blown ? 6 : 30,
      inlierRatio: blown ? 0.5 : 0.9,
      mcNcc: noisy ? 0.85 : 0.99,
      brightFrac: blown ? clippedFrac : 0,
      meanLuma: blown ? 248 : 130,
    };
  });

describe('zoom_jump and the camera path on blown-out frames', () => {
  it('reports no framing jumps from the noise fits of a mostly clipped stretch', () => {
    expect(zoomJumpMetric.run(blownOut(0.85)).defects).toEqual([]);
    // The same steps on readable frames are jumps (so the test above tests the clipping rule).
    expect(zoomJumpMetric.run(blownOut(0)).defects.length).toBeGreaterThan(0);
  });

  it('keeps the push-in as the move: the blown frames do not turn it into a roll', () => {
    const camera = classifyCamera(blownOut(0.85));
    expect(camera.move).toBe('push_in');
  });

  it('drops the whole step of a framing jump from the camera path (its fit is astray in translation too)', () => {
    // A slow tilt (content sliding up 0.2 px per frame) with a 10 % jump at frame 37 whose fit
    // reads a 24 px sideways shift; the centred zoom search matches it better.
    const ctx = makeContext(90, 30, (i) =>
      i === 37
        ? {
            tx: -23.6,
            ty: 0.8,
            a: -0.039,
            b: 0.051,
            inlierRatio: 0.37,
            validCount: 25,
            mcNcc: 0.68,
            zoomNcc: 0.85,
            zoomLogScale: 0.095,
          }
        : { tx: 0, ty: -0.18 },
    );
    expect(classifyCamera(ctx).move).toBe('tilt_down');
  });

  it('reports no framing jumps in a shot with no camera evidence (a dancer before a blank wall)', () => {
    // Every fit rests on the subject: 6 textured blocks bunched in a tenth of the grid, whose scale
    // swings ±5 % with the limbs every few pairs.
    const wall = (validCount: number, inlierSpan: number) =>
      makeContext(75, FPS, (i) => ({
        tx: 0,
        a: i % 5 === 2 ? 0.05 : 0,
        validCount,
        inlierSpan,
        mcNcc: 0.85,
      }));
    expect(zoomJumpMetric.run(wall(6, 0.1)).defects).toEqual([]);
    // The same steps fitted over the whole frame are the camera's framing jumping.
    expect(zoomJumpMetric.run(wall(40, 0.9)).defects.length).toBeGreaterThan(0);
  });
});
