import { describe, expect, it } from 'vitest';
import { createHeldTracker } from './held-subject.ts';
import { buildPyramid, frameToGray, type GrayImage } from './image.ts';
import { type RenderOptions, renderGray } from './testing/procedural.ts';

const W = 192;
const H = 108;
const FPS = 24;

/** Feeds a clip to the tracker with the exact per-frame camera translation (level-0 px). */
function heldOf(frames: number, make: (i: number) => RenderOptions, panPxPerFrame: number, gap = FPS / 2) {
  const tracker = createHeldTracker(gap);
  for (let i = 0; i < frames; i++) {
    const level1 = buildPyramid(frameToGray(renderGray(make(i), i, FPS)), 2)[1] as GrayImage;
    // Camera moving right by p px: content moves left by p px.
    tracker.push(level1, i === 0 ? null : { tx: -panPxPerFrame, ty: 0, a: 0, b: 0, reliable: true });
  }
  return tracker.result();
}

const cam = (x: number) => ({ x, y: 0, zoom: 1, rollRad: 0 });

describe('held-subject tracker', () => {
  it('finds a subject held in frame while the background slides (slow: under 1 px per frame)', () => {
    const r = heldOf(
      48,
      (i) => ({ width: W, height: H, camera: cam(i * 0.4), subject: { x: 96, y: 54, size: 30, seed: 5 } }),
      0.4,
    );
    expect(r.heldCells).toBeGreaterThanOrEqual(6);
  });

  it('finds nothing held in a plain pan or when a walker crosses the frame', () => {
    const plain = heldOf(48, (i) => ({ width: W, height: H, camera: cam(i * 1.5) }), 1.5);
    expect(plain.heldCells).toBe(0);
    expect(plain.judgedCells).toBeGreaterThan(50);
    const walker = heldOf(
      48,
      (i) => ({
        width: W,
        height: H,
        camera: cam(i * 1.5),
        subject: { x: 30 + i * 2.5, y: 54, size: 30, seed: 5 },
      }),
      1.5,
    );
    expect(walker.heldCells).toBeLessThan(3);
  });

  it('judges nothing when the camera does not move', () => {
    const still = heldOf(
      30,
      () => ({ width: W, height: H, camera: cam(0), subject: { x: 96, y: 54, size: 30, seed: 5 } }),
      0,
    );
    expect(still.judgedCells).toBe(0);
    expect(still.heldCells).toBe(0);
  });
});

describe('held-subject tracker: distortion, slow cameras, slow walkers', () => {
  it('still finds a held subject that distorts for over a third of the clip (2 s longest gap)', () => {
    const r = heldOf(
      72,
      (i) => ({
        width: W,
        height: H,
        camera: cam(i * 1.2),
        subject: { x: 96, y: 54, size: 30, seed: 5, wobblePx: i >= 30 && i < 60 ? 4 : 0 },
      }),
      1.2,
      FPS * 2,
    );
    expect(r.heldCells).toBeGreaterThanOrEqual(6);
  });

  it('judges a very slow camera over a longer gap (0.1 px per frame)', () => {
    const r = heldOf(
      72,
      (i) => ({ width: W, height: H, camera: cam(i * 0.1), subject: { x: 96, y: 54, size: 30, seed: 5 } }),
      0.1,
      FPS * 2,
    );
    expect(r.judgedCells).toBeGreaterThan(50);
    expect(r.heldCells).toBeGreaterThanOrEqual(6);
  });

  it('does not hold a walker with a uniform body (it matches in place, but also anywhere nearby)', () => {
    const r = heldOf(
      72,
      (i) => ({
        width: W,
        height: H,
        camera: cam(i * 1.5),
        noise: 2,
        noiseSeed: i,
        subject: { x: 50 + i * 0.5, y: 54, size: 50, seed: 5, flat: true },
      }),
      1.5,
    );
    expect(r.heldCells).toBeLessThan(3);
  });

  it('does not hold a walker that moves at 40 % of the background’s speed on screen', () => {
    const r = heldOf(
      72,
      (i) => ({
        width: W,
        height: H,
        camera: cam(i * 1.5),
        subject: { x: 60 + i * 0.6, y: 54, size: 36, seed: 5 },
      }),
      1.5,
    );
    expect(r.heldCells).toBeLessThan(3);
  });
});
