import { describe, expect, it } from 'vitest';
import { buildPyramid, createGray, type GrayImage } from '../image.ts';
import { createBlockFlow, estimateBlockFlow } from '../motion/block-flow.ts';
import { createBlockGrid } from '../motion/block-grid.ts';
import {
  affineMisfit,
  blockMisfit,
  createAffineScratch,
  createMisfitScratch,
} from '../motion/layer-misfit.ts';
import { texture } from '../testing/procedural.ts';
import { referenceAffineMisfit, referenceBlockFlow, referenceBlockMisfit } from './js-reference.ts';
import { forgetImages, imagePtr } from './wasm.ts';

/** A textured image moved by (dx, dy), with a flat patch (untrackable blocks) and a warped band. */
function scene(w: number, h: number, dx: number, dy: number, seed: number, warp = 0): GrayImage {
  const img = createGray(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const flat = x < w / 5 && y < h / 4;
      const u = x - dx + (y > h / 2 && y < (2 * h) / 3 ? warp * Math.sin(x / 3) : 0);
      img.data[y * w + x] = flat ? 90 : texture(u * 0.3, (y - dy) * 0.3, seed);
    }
  }
  return img;
}

/** Every element equal, NaN to NaN and −0 to −0 (`Object.is`). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const MOTIONS: Array<[number, number, number]> = [
  [0, 0, 0],
  [0.4, -0.3, 0],
  [3, 2, 0],
  [-7.6, 4.2, 0.8],
  [12.3, -9.1, 0],
  [30, 0, 0],
];

describe('blockFlow kernel', () => {
  it.each([
    [256, 144],
    [192, 108],
    [61, 47],
  ])('equals the TypeScript it replaced to the bit (%i×%i)', (w, h) => {
    const grid = createBlockGrid(w, h, Math.round(Math.min(w, h) * 0.06));
    const prev = buildPyramid(scene(w, h, 0, 0, 5), 3);
    for (const [dx, dy, warp] of MOTIONS) {
      const cur = buildPyramid(scene(w, h, dx, dy, 5, warp), 3);
      // The coarse shift right, wrong, and absent: both start hypotheses get exercised.
      for (const [gx, gy] of [
        [dx, dy],
        [dx + 2.6, dy - 1.2],
        [0, 0],
      ] as Array<[number, number]>) {
        const got = createBlockFlow(grid.count);
        const want = createBlockFlow(grid.count);
        estimateBlockFlow(prev, cur, grid, gx, gy, got);
        referenceBlockFlow(prev, cur, grid, gx, gy, want);
        expect(sameBits(got.u, want.u)).toBe(true);
        expect(sameBits(got.v, want.v)).toBe(true);
        expect(sameBits(got.residual, want.residual)).toBe(true);
        expect(sameBits(got.valid, want.valid)).toBe(true);
      }
    }
  });
});

describe('misfit kernels', () => {
  it('equal the TypeScript they replaced to the bit (translation and affine own motion)', () => {
    const w = 128;
    const h = 96;
    const prev = scene(w, h, 0, 0, 9);
    let compared = 0;
    for (const [dx, dy, warp] of MOTIONS) {
      const cur = scene(w, h, dx, dy, 9, warp);
      forgetImages();
      for (let cy = 6; cy < h; cy += 11) {
        for (let cx = 4; cx < w; cx += 13) {
          const own = { dx: dx + 0.25 * Math.sin(cx), dy: dy - 0.3 * Math.cos(cy) };
          const cam = { dx: 0.9 * dx, dy: 1.1 * dy + 0.4 };
          for (const size of [24, 15]) {
            const got = blockMisfit(prev, cur, cx, cy, size, own, cam, createMisfitScratch(size));
            const want = referenceBlockMisfit(prev, cur, cx, cy, size, own, cam, createMisfitScratch(size));
            expect(Object.is(got, want)).toBe(true);
            const gotA = affineMisfit(prev, cur, cx, cy, size, own, cam, createAffineScratch(size));
            const wantA = referenceAffineMisfit(prev, cur, cx, cy, size, own, cam, createAffineScratch(size));
            expect(Object.is(gotA, wantA)).toBe(true);
            if (Number.isFinite(want) && Number.isFinite(wantA)) compared++;
          }
        }
      }
    }
    // Most blocks are scored (not NaN), so the comparison covers the arithmetic, not just the exits.
    expect(compared).toBeGreaterThan(200);
  });
});

describe('kernel image copies', () => {
  it('are reused within a pair and refreshed after forgetImages', () => {
    const a = scene(64, 48, 0, 0, 2);
    const b = scene(64, 48, 1.5, 0, 2);
    forgetImages();
    const pa = imagePtr(a);
    const pb = imagePtr(b);
    expect(imagePtr(a)).toBe(pa);
    expect(pb).not.toBe(pa);
    const still = { dx: 0, dy: 0 };
    const before = blockMisfit(a, b, 32, 24, 16, still, still, createMisfitScratch(16));
    // b now equals a in place: only after forgetImages does the kernel see the change.
    b.data.set(a.data);
    forgetImages();
    const after = blockMisfit(a, b, 32, 24, 16, still, still, createMisfitScratch(16));
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBe(0);
  });
});
