/**
 * Per frame pair: the two-motion misfit (layer-misfit.ts) of every textured block of the grid,
 * the worst few re-scored with an affine own motion, summarised as the mean of the two worst
 * blocks (`top`) and the median block (`floor`), plus the weighted foreground fraction (textured
 * blocks outside the camera fit). subject.ts turns these into `subject_distortion`.
 */
import type { GrayImage } from '../image.ts';
import type { MotionEstimator } from './global-motion.ts';
import { type AffineScratch, affineMisfit, blockMisfit, createAffineScratch } from './layer-misfit.ts';

/** Worst blocks per pair re-scored with an affine own motion (cost bound). */
const AFFINE_CHECKS = 4;

/** The pair's camera similarity (level-0 px, centred coordinates; see similarity-fit.ts). */
type Camera = { tx: number; ty: number; a: number; b: number };

export type FrameMisfit = { fgFrac: number; top: number; floor: number };

export function createMisfitBuffers(): MisfitBuffers {
  return { scratch: createAffineScratch(64), values: new Float64Array(0), blocks: new Int32Array(0) };
}

export type MisfitBuffers = { scratch: AffineScratch; values: Float64Array; blocks: Int32Array };

/** Foreground fraction, and the two-motion misfit of every textured block (top two and median). */
export function measureMisfit(
  est: MotionEstimator,
  prev: GrayImage,
  cur: GrayImage,
  record: Camera,
  buf: MisfitBuffers,
): FrameMisfit {
  const { grid, flow, scratch } = est;
  const w = prev.width;
  const h = prev.height;
  if (buf.scratch.eo.length < (grid.blockSize + 2) ** 2) buf.scratch = createAffineScratch(grid.blockSize);
  if (buf.values.length < grid.count) {
    buf.values = new Float64Array(grid.count);
    buf.blocks = new Int32Array(grid.count);
  }
  let fgW = 0;
  let texturedW = 0;
  let n = 0;
  for (let i = 0; i < grid.count; i++) {
    // Textured = tracked, or matched poorly but finitely (flat blocks carry 255).
    if (flow.valid[i] !== 1 && (flow.residual[i] as number) >= 255) continue;
    const weight = grid.weight[i] as number;
    texturedW += weight;
    if (scratch.inlier[i] !== 1) fgW += weight;
    const x = (grid.cx[i] as number) - w / 2;
    const y = (grid.cy[i] as number) - h / 2;
    const cam = {
      dx: record.a * x - record.b * y + record.tx,
      dy: record.b * x + record.a * y + record.ty,
    };
    const own = { dx: flow.u[i] as number, dy: flow.v[i] as number };
    const m = blockMisfit(
      prev,
      cur,
      grid.cx[i] as number,
      grid.cy[i] as number,
      grid.blockSize,
      own,
      cam,
      buf.scratch,
    );
    if (Number.isFinite(m)) {
      buf.values[n] = m;
      buf.blocks[n] = i;
      n++;
    }
  }
  const fgFrac = texturedW > 0 ? fgW / texturedW : 0;
  // The worst few blocks get a second chance with an affine own motion (a turning or approaching
  // rigid object is affine within a block; a shape change is not).
  for (let round = 0; round < AFFINE_CHECKS && round < n; round++) {
    let worst = -1;
    for (let k = 0; k < n; k++) {
      if (
        (buf.blocks[k] as number) >= 0 &&
        (worst < 0 || (buf.values[k] as number) > (buf.values[worst] as number))
      )
        worst = k;
    }
    if (worst < 0) break;
    const i = buf.blocks[worst] as number;
    buf.blocks[worst] = -1;
    const x = (grid.cx[i] as number) - w / 2;
    const y = (grid.cy[i] as number) - h / 2;
    const cam = {
      dx: record.a * x - record.b * y + record.tx,
      dy: record.b * x + record.a * y + record.ty,
    };
    const own = { dx: flow.u[i] as number, dy: flow.v[i] as number };
    const m = affineMisfit(
      prev,
      cur,
      grid.cx[i] as number,
      grid.cy[i] as number,
      grid.blockSize,
      own,
      cam,
      buf.scratch,
    );
    if (Number.isFinite(m)) buf.values[worst] = Math.min(buf.values[worst] as number, m);
  }
  const sorted = buf.values.subarray(0, n).sort();
  return {
    fgFrac,
    top: n >= 2 ? 0.5 * ((sorted[n - 1] as number) + (sorted[n - 2] as number)) : 0,
    floor: n > 0 ? (sorted[(n - 1) >> 1] as number) : 0,
  };
}
