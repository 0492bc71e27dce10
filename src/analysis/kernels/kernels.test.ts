import { describe, expect, it } from 'vitest';
import { buildPyramid, createGray, type GrayImage } from '../image.ts';
import { createBlockFlow, estimateBlockFlow } from '../motion/block-flow.ts';
import { createBlockGrid } from '../motion/block-grid.ts';
import { affineMisfit, blockMisfit } from '../motion/layer-misfit.ts';
import { texture } from '../testing/procedural.ts';
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

const MOTIONS: Array<[number, number, number]> = [
  [0, 0, 0],
  [0.4, -0.3, 0],
  [3, 2, 0],
  [-7.6, 4.2, 0.8],
  [12.3, -9.1, 0],
  [30, 0, 0],
];

/** Smooth, textured everywhere (sums of sines) but a flat top-left patch, moved by (dx, dy). */
function waves(w: number, h: number, dx: number, dy: number): GrayImage {
  const img = createGray(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = x - dx;
      const v = y - dy;
      img.data[y * w + x] =
        x < w / 5 && y < h / 4
          ? 90
          : 128 +
            45 * Math.sin(0.37 * u + 0.9 * Math.sin(0.11 * v)) +
            35 * Math.cos(0.29 * v + 0.7 * Math.sin(0.17 * u));
    }
  }
  return img;
}

describe('blockFlow kernel', () => {
  it.each([
    [256, 144],
    [192, 108],
    [61, 47],
  ])('recovers a known translation on textured blocks and finds only textured blocks (%i×%i)', (w, h) => {
    const grid = createBlockGrid(w, h, Math.round(Math.min(w, h) * 0.06));
    const prev = buildPyramid(waves(w, h, 0, 0), 3);
    // Rigid motions within Lucas–Kanade's reach of both starts (larger ones rely on the coarse shift).
    for (const [dx, dy] of MOTIONS.filter(([x, y, warp]) => warp === 0 && Math.hypot(x, y) < 4)) {
      const cur = buildPyramid(waves(w, h, dx, dy), 3);
      // The coarse shift right and absent: both start hypotheses must land on the true motion.
      for (const [gx, gy] of [
        [dx, dy],
        [0, 0],
      ] as Array<[number, number]>) {
        const flow = createBlockFlow(grid.count);
        estimateBlockFlow(prev, cur, grid, gx, gy, flow);
        let tracked = 0;
        let flatBlocks = 0;
        for (let b = 0; b < grid.count; b++) {
          const x0 = (grid.cx[b] as number) - grid.blockSize / 2;
          const y0 = (grid.cy[b] as number) - grid.blockSize / 2;
          const touchesFlat = x0 < w / 5 && y0 < h / 4;
          const insideFlat = x0 + grid.blockSize <= w / 5 && y0 + grid.blockSize <= h / 4;
          if (insideFlat) {
            expect(flow.valid[b]).toBe(0);
            flatBlocks++;
          }
          if (touchesFlat || flow.valid[b] !== 1) continue;
          tracked++;
          expect(Math.abs((flow.u[b] as number) - dx)).toBeLessThan(0.1);
          expect(Math.abs((flow.v[b] as number) - dy)).toBeLessThan(0.1);
        }
        expect(tracked).toBeGreaterThan(grid.count / 2);
        if (w > 100) expect(flatBlocks).toBeGreaterThan(0);
      }
    }
  });
});

describe('misfit kernels', () => {
  it('are near zero where the own motion explains the block and high in a warped band', () => {
    const w = 128;
    const h = 96;
    const prev = scene(w, h, 0, 0, 9);
    const [dx, dy, warp] = MOTIONS[3] as [number, number, number];
    const cur = scene(w, h, dx, dy, 9, warp);
    forgetImages();
    const own = { dx, dy };
    const cam = { dx: 0, dy: 0 };
    const size = 15;
    const rigid: number[] = [];
    const warped: number[] = [];
    for (let cx = 30; cx < w - 30; cx += 9) {
      // Rows fully outside / inside the warped band (h/2..2h/3), clear of the flat patch.
      const still = blockMisfit(prev, cur, cx, 34, size, own, cam);
      const bent = blockMisfit(prev, cur, cx, 56, size, own, cam);
      const stillA = affineMisfit(prev, cur, cx, 34, size, own, cam);
      rigid.push(still, stillA);
      warped.push(bent);
    }
    for (const m of rigid) expect(m).toBeLessThan(0.05);
    warped.sort((a, b) => a - b);
    expect(warped[0]).toBeGreaterThan(Math.max(...rigid));
    expect(warped[warped.length >> 1]).toBeGreaterThan(3 * Math.max(...rigid));
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
    const before = blockMisfit(a, b, 32, 24, 16, still, still);
    // b now equals a in place: only after forgetImages does the kernel see the change.
    b.data.set(a.data);
    forgetImages();
    const after = blockMisfit(a, b, 32, 24, 16, still, still);
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBe(0);
  });
});
