/**
 * Global (camera) motion between two consecutive frames: coarse integer shift on the top pyramid
 * level → per-block local vectors → robust similarity fit. Also reports how well the frames match
 * once the motion is compensated (the cut detector's main evidence).
 */
import { type GrayImage, type Pyramid, sampleBilinear } from '../image.ts';
import { type BlockFlow, createBlockFlow, estimateBlockFlow } from './block-flow.ts';
import type { BlockGrid } from './block-grid.ts';
import { coarseShift, nccFromSums, shiftedNcc } from './coarse-shift.ts';
import { createFitScratch, type FitScratch, fitSimilarity, type Similarity } from './similarity-fit.ts';

export type PairMotion = Similarity & {
  /** Best-shift NCC on the coarsest level (robust to blur: a whip pan still matches there). */
  coarseNcc: number;
  /** NCC after warping prev by the fitted similarity, on pyramid level 1. */
  mcNcc: number;
};

export type MotionEstimator = {
  grid: BlockGrid;
  flow: BlockFlow;
  scratch: FitScratch;
  /** Previous coarse shift (top-level pixels), the prediction for the next pair. */
  lastDx: number;
  lastDy: number;
};

export function createMotionEstimator(grid: BlockGrid): MotionEstimator {
  return {
    grid,
    flow: createBlockFlow(grid.count),
    scratch: createFitScratch(grid.count),
    lastDx: 0,
    lastDy: 0,
  };
}

/** Coarse search range on the top level; ×4 on level 0 (±32 px at 256 px wide: 12 % per frame). */
const COARSE_RANGE = 8;

/**
 * Hill-climbing from the predicted shift (and from no motion) first — cheap: most pairs of a
 * steady move cost about a dozen NCC evaluations; the exhaustive 17×17 search only when that
 * match is poor (a jump, a whip pan, a cut).
 */
function predictedShift(
  est: MotionEstimator,
  a: GrayImage,
  b: GrayImage,
): { dx: number; dy: number; ncc: number } {
  let bestDx = 0;
  let bestDy = 0;
  let bestNcc = -2;
  const score = (dx: number, dy: number): number => shiftedNcc(a, b, dx, dy) - 1e-4 * (dx * dx + dy * dy);
  const climb = (ox: number, oy: number): void => {
    let cx = ox;
    let cy = oy;
    let cNcc = score(cx, cy);
    for (let step = 0; step < 2 * COARSE_RANGE; step++) {
      let nx = cx;
      let ny = cy;
      let nNcc = cNcc;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if ((dx === 0 && dy === 0) || Math.abs(x) > COARSE_RANGE || Math.abs(y) > COARSE_RANGE) continue;
          const v = score(x, y);
          if (v > nNcc) {
            nNcc = v;
            nx = x;
            ny = y;
          }
        }
      }
      if (nx === cx && ny === cy) break;
      cx = nx;
      cy = ny;
      cNcc = nNcc;
    }
    if (cNcc > bestNcc) {
      bestNcc = cNcc;
      bestDx = cx;
      bestDy = cy;
    }
  };
  climb(est.lastDx, est.lastDy);
  if (est.lastDx !== 0 || est.lastDy !== 0) climb(0, 0);
  let best = { dx: bestDx, dy: bestDy, ncc: bestNcc };
  if (best.ncc < 0.8) {
    const full = coarseShift(a, b, COARSE_RANGE);
    if (full.ncc > best.ncc) best = full;
  }
  return best;
}

/** Estimates the camera similarity from `prev` to `cur` (pyramids of ≥ 3 levels). */
export function estimatePairMotion(est: MotionEstimator, prev: Pyramid, cur: Pyramid): PairMotion {
  const top = prev.length - 1;
  const a = prev[top] as GrayImage;
  const b = cur[top] as GrayImage;
  const coarse = predictedShift(est, a, b);
  est.lastDx = coarse.dx;
  est.lastDy = coarse.dy;
  const toL0 = 2 ** top;
  estimateBlockFlow(prev, cur, est.grid, coarse.dx * toL0, coarse.dy * toL0, est.flow);
  const base = prev[0] as GrayImage;
  const speed = Math.hypot(coarse.dx, coarse.dy) * toL0;
  const inlierPx = 0.5 + 0.04 * speed;
  const fit = fitSimilarity(est.flow, est.grid, base.width, base.height, inlierPx, est.scratch);
  const mcNcc = warpedNcc(prev[1] as GrayImage, cur[1] as GrayImage, fit.tx, fit.ty, fit.a, fit.b, 0.5);
  return { ...fit, coarseNcc: Math.max(-1, Math.min(1, coarse.ncc)), mcNcc };
}

/**
 * NCC between `cur` and `prev` warped by the similarity (tx, ty, a, b) (level-0 px; `scale` maps
 * the translation to this level). Scalars, not a `Similarity`: callers pass objects of several
 * shapes, and a map check per call site would deoptimise this hot function.
 */
export function warpedNcc(
  prev: GrayImage,
  cur: GrayImage,
  fitTx: number,
  fitTy: number,
  a: number,
  b: number,
  scale: number,
): number {
  const w = cur.width;
  const h = cur.height;
  const hx = w / 2;
  const hy = h / 2;
  const pd = prev.data;
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  const tx = fitTx * scale;
  const ty = fitTy * scale;
  // Sample every other pixel: the NCC of a smooth image converges long before all pixels are read.
  for (let y = 1; y < h - 1; y += 2) {
    for (let x = 1; x < w - 1; x += 2) {
      const px = x - hx;
      const py = y - hy;
      // Where did this prev pixel go in cur?
      const qx = px + a * px - b * py + tx + hx;
      const qy = py + b * px + a * py + ty + hy;
      if (qx < 0 || qy < 0 || qx > w - 1.01 || qy > h - 1.01) continue;
      const va = pd[y * w + x] as number;
      const vb = sampleBilinear(cur, qx, qy);
      sa += va;
      sb += vb;
      saa += va * va;
      sbb += vb * vb;
      sab += va * vb;
      n++;
    }
  }
  return nccFromSums(n, sa, sb, saa, sbb, sab);
}
