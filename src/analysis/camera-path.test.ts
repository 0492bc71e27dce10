import { describe, expect, it } from 'vitest';
import { classifyCamera } from './camera-move.ts';
import { makeContext } from './testing/records.ts';

const FPS = 25;

describe('camera path evidence', () => {
  it('a fit resting on a few bunched blocks (an object before a blank wall) is no camera move', () => {
    // 256×144 has a 50-block grid: 8 textured blocks whose inliers span a third of it.
    const object = makeContext(75, FPS, (i) => ({
      tx: 1.2,
      a: 0.003 * Math.sin(i / 5),
      validCount: 8,
      inlierSpan: 0.3,
    }));
    const camera = classifyCamera(object);
    expect(camera.move).toBe('static');
    expect(camera.confidence).toBeLessThan(0.5);
    // The same motion with the blocks spread over the frame is the camera's.
    const spread = makeContext(75, FPS, () => ({ tx: 1.2, validCount: 40, inlierSpan: 0.9 }));
    expect(classifyCamera(spread).move).toBe('pan_left');
  });

  it('two compact groups of textured blocks (a walker and a sign on a blank wall) are no camera move either', () => {
    // Their inliers span most of the grid, but two groups' translations fix a similarity exactly.
    const pair = (groups: number) =>
      makeContext(75, FPS, () => ({
        tx: 0.5,
        a: 0.004,
        validCount: 8,
        inlierSpan: 0.65,
        inlierGroups: groups,
        inlierGroupSpan: 0.12,
      }));
    expect(classifyCamera(pair(2))).toMatchObject({ move: 'static', confidence: 0.3 });
    // A third group over-determines the fit: its agreement is evidence.
    expect(classifyCamera(pair(3)).move).not.toBe('static');
    // So does a group that alone spans half the grid (a long textured strip).
    const strip = makeContext(75, FPS, () => ({
      tx: 0.5,
      validCount: 12,
      inlierSpan: 0.7,
      inlierGroups: 2,
      inlierGroupSpan: 0.5,
    }));
    expect(classifyCamera(strip).move).toBe('pan_left');
  });

  it('trusted spans set the rate and rescale the per-pair steps between them (compression under-reads pairs)', () => {
    // A push-in at 0.15/s, 25 fps: per-pair steps read half of it; every 8 frames a span measures
    // the true scale change, trusted on the 1st and 3rd span only.
    const step = 0.15 / FPS;
    const ctx = makeContext(75, FPS, (i) => {
      const end = i > 0 && i % 8 === 0;
      return {
        tx: 0,
        a: Math.exp(step / 2) - 1,
        ...(end
          ? {
              spanFrames: 8,
              spanA: Math.exp(8 * step) - 1,
              spanInlier: 0.6,
              spanTrusted: i === 8 || i === 24,
            }
          : {}),
      };
    });
    const camera = classifyCamera(ctx);
    expect(camera.move).toBe('push_in');
    expect(camera.rate).toBeCloseTo(0.15, 2);
    // Without trusted spans the pairs are all there is.
    const untrusted = makeContext(75, FPS, () => ({ tx: 0, a: Math.exp(step / 2) - 1 }));
    expect(classifyCamera(untrusted).rate).toBeCloseTo(0.075, 2);
  });

  it('a still shot keeps still when only a handful of its pairs are readable', () => {
    // Frames repeat exactly (MAD 0) but for the codec's first refresh and a strong flicker (light
    // jumps every pair) in the middle: the one readable pair must not become every pair's step.
    const still = makeContext(90, FPS, (i) => {
      if (i === 1) return { mad: 3, tx: 0.4, b: 0.0025 };
      if (i >= 33 && i < 68) return { mad: 50, meanLuma: i % 2 ? 165 : 225, tx: 0.01 };
      return { mad: 0, tx: 0 };
    });
    expect(classifyCamera(still).move).toBe('static');
    // With most pairs readable a real pan's steps fill the flicker.
    const pan = makeContext(90, FPS, (i) =>
      i >= 33 && i < 68 ? { mad: 50, meanLuma: i % 2 ? 165 : 225, tx: 0.01 } : { tx: 1.2 },
    );
    expect(classifyCamera(pan).move).toBe('pan_left');
  });
});
