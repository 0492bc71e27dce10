import { describe, expect, it } from 'vitest';
import { createBlockFlow } from './block-flow.ts';
import { createBlockGrid } from './block-grid.ts';
import { createFitScratch, fitSimilarity } from './similarity-fit.ts';

const W = 256;
const H = 144;

function flowFor(
  model: { tx: number; ty: number; a: number; b: number },
  subject?: (i: number, cols: number) => boolean,
) {
  const grid = createBlockGrid(W, H, 8);
  const flow = createBlockFlow(grid.count);
  for (let i = 0; i < grid.count; i++) {
    const x = (grid.cx[i] as number) - W / 2;
    const y = (grid.cy[i] as number) - H / 2;
    const held = subject?.(i, grid.cols) === true;
    flow.u[i] = held ? 0 : model.a * x - model.b * y + model.tx;
    flow.v[i] = held ? 0 : model.b * x + model.a * y + model.ty;
    flow.valid[i] = 1;
  }
  return { grid, flow };
}

describe('fitSimilarity', () => {
  it('recovers translation, scale and rotation exactly from clean vectors', () => {
    const model = { tx: 1.5, ty: -0.7, a: 0.01, b: -0.004 };
    const { grid, flow } = flowFor(model);
    const fit = fitSimilarity(flow, grid, W, H, 0.5, createFitScratch(grid.count));
    expect(fit.tx).toBeCloseTo(model.tx, 4);
    expect(fit.ty).toBeCloseTo(model.ty, 4);
    expect(fit.a).toBeCloseTo(model.a, 5);
    expect(fit.b).toBeCloseTo(model.b, 5);
    expect(fit.inlierRatio).toBeCloseTo(1, 5);
  });

  it('ignores a central subject that does not follow the camera', () => {
    const model = { tx: -2, ty: 0, a: 0, b: 0 };
    const { grid, flow } = flowFor(model, (i, cols) => {
      const c = i % cols;
      const r = Math.floor(i / cols);
      return c >= 3 && c <= 6 && r >= 1 && r <= 3;
    });
    const scratch = createFitScratch(grid.count);
    const fit = fitSimilarity(flow, grid, W, H, 0.5, scratch);
    expect(fit.tx).toBeCloseTo(-2, 4);
    expect(fit.inlierRatio).toBeLessThan(0.95);
    expect(fit.inlierRatio).toBeGreaterThan(0.6);
    const centre = Math.floor(grid.rows / 2) * grid.cols + Math.floor(grid.cols / 2);
    expect(scratch.inlier[centre]).toBe(0);
  });

  it('counts the inliers\' groups: a sign and a walker fit "a zoom" exactly, as two groups', () => {
    const { grid, flow } = flowFor({ tx: 0, ty: 0, a: 0, b: 0 });
    const cols = grid.cols;
    // Only a 2-block sign (top-left, still) and a 2×3 walker (lower middle, 0.7 px right) are textured.
    const sign = [0, 1];
    const walker = [2 * cols + 4, 2 * cols + 5, 3 * cols + 4, 3 * cols + 5, 4 * cols + 4, 4 * cols + 5];
    flow.valid.fill(0);
    for (const i of sign) flow.valid[i] = 1;
    for (const i of walker) {
      flow.valid[i] = 1;
      flow.u[i] = 0.7;
    }
    const fit = fitSimilarity(flow, grid, W, H, 0.5, createFitScratch(grid.count));
    // Both groups are inliers of a scale change that no camera made, spanning over half the grid.
    expect(fit.inlierRatio).toBeCloseTo(1, 5);
    expect(fit.a).toBeGreaterThan(0.003);
    expect(fit.inlierSpan).toBeGreaterThan(0.5);
    expect(fit.inlierGroups).toBe(2);
    expect(fit.inlierGroupSpan).toBeCloseTo(6 / grid.count, 5);
  });
});
