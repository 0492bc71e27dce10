/**
 * Per frame: the two-motion misfit (layer-misfit.ts), against the frame `gap` frames back (1 up to
 * ~45 fps; see `misfitGap`), of every textured block of the grid,
 * the worst few re-scored with an affine own motion, summarised as the mean of the two worst
 * blocks (`top`) and the median block (`floor`), plus the weighted foreground fraction (textured
 * blocks outside the camera fit). subject.ts turns these into `subject_distortion`.
 */
import { cloneGray, type GrayImage } from '../image.ts';
import type { MotionEstimator } from './global-motion.ts';
import { affineMisfit, blockMisfit } from './layer-misfit.ts';
import { composeSimilarity } from './similarity-fit.ts';

/** Worst blocks per pair re-scored with an affine own motion (cost bound). */
const AFFINE_CHECKS = 3;
/** …only while their translation misfit is at least this (≈ px; below the subject floor it cannot matter). */
const AFFINE_MIN_MISFIT = 0.12;
/** Blocks with the largest own-translation residual scored per pair. */
const CANDIDATES = 10;
/** Every n-th block is scored for the pair's median floor. */
const FLOOR_STRIDE = 3;

/** The pair's camera similarity (level-0 px, centred coordinates; see similarity-fit.ts). */
type Camera = { tx: number; ty: number; a: number; b: number };

/**
 * `top`: mean of the two worst blocks; `floor`: median of the sampled blocks (every `FLOOR_STRIDE`-th);
 * `low`: second-lowest of all scored blocks (the best-explained content of the frame).
 */
export type FrameMisfit = { fgFrac: number; top: number; floor: number; low: number };

/**
 * Time the misfit is measured over (seconds): at most one frame pair, at least this long. S is a
 * displacement nothing explains; a slow warp at 50–60 fps moves < 0.1 px per pair — the level of
 * resampling and codec noise, which does not shrink with the frame interval — so at high rates
 * the misfit is taken between frames `misfitGap(fps)` apart (the per-pair flows and camera steps
 * summed over the gap), where the warp has accumulated as much as over one pair at 25–30 fps.
 */
const MISFIT_INTERVAL_S = 1 / 30;

/** Frames between the two images the misfit compares at `fps`: 1 up to ~45 fps, 2 at 50–60, … */
export function misfitGap(fps: number | undefined): number {
  return Math.max(1, Math.round((fps ?? 30) * MISFIT_INTERVAL_S));
}

export function createMisfitBuffers(gap = 1): MisfitBuffers {
  return {
    own: { dx: 0, dy: 0 },
    cam: { dx: 0, dy: 0 },
    values: new Float64Array(0),
    blocks: new Int32Array(0),
    floor: new Float64Array(0),
    gap: Math.max(1, Math.round(gap)),
    history: [],
    sumFlow: { u: new Float32Array(0), v: new Float32Array(0), residual: new Float32Array(0) },
  };
}

/** One past pair kept for a gap > 1: its older frame, block flow and camera step. */
type PastPair = {
  prev: GrayImage;
  u: Float32Array;
  v: Float32Array;
  residual: Float32Array;
  camera: Camera;
};

export type MisfitBuffers = {
  /** Reused per block: the block's own translation and the camera's motion at its centre (px). */
  own: { dx: number; dy: number };
  cam: { dx: number; dy: number };
  values: Float64Array;
  blocks: Int32Array;
  floor: Float64Array;
  /** Frames between the compared images (`misfitGap`). */
  gap: number;
  /** The last `gap` pairs, oldest first (gap > 1 only; buffers recycled). */
  history: PastPair[];
  /** Per block: own translation and residual summed over the gap. */
  sumFlow: { u: Float32Array; v: Float32Array; residual: Float32Array };
};

/** Scratch for `kthLargestResidual` (module-level: the caller is synchronous). */
const TOP = new Float64Array(CANDIDATES);

/** The k-th largest finite (< 255) residual, or −∞ when fewer blocks are textured (k ≤ CANDIDATES). */
function kthLargestResidual(residual: Float32Array, count: number, k: number): number {
  // The k largest so far, ascending (TOP[0] is the k-th largest); insertion keeps the order.
  const top = TOP;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const r = residual[i] as number;
    if (r >= 255) continue;
    if (size < k) {
      let j = size++;
      while (j > 0 && (top[j - 1] as number) > r) {
        top[j] = top[j - 1] as number;
        j--;
      }
      top[j] = r;
    } else if (r > (top[0] as number)) {
      let j = 0;
      while (j + 1 < k && (top[j + 1] as number) < r) {
        top[j] = top[j + 1] as number;
        j++;
      }
      top[j] = r;
    }
  }
  return size < k ? Number.NEGATIVE_INFINITY : (top[0] as number);
}

/** Sorts `a[0..n)` ascending in place (insertion sort: n is a grid's block count, no allocation). */
function sortAscending(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Two-motion misfit of grid block `i` (layer-misfit.ts): its own tracked translation against the
 * camera similarity evaluated at its centre; `affine` widens the own motion to an affine map.
 */
function scoreBlock(
  affine: boolean,
  est: MotionEstimator,
  prev: GrayImage,
  cur: GrayImage,
  record: Camera,
  flow: { u: Float32Array; v: Float32Array },
  i: number,
  buf: MisfitBuffers,
): number {
  const { grid } = est;
  const cx = grid.cx[i] as number;
  const cy = grid.cy[i] as number;
  const x = cx - prev.width / 2;
  const y = cy - prev.height / 2;
  const { own, cam } = buf;
  cam.dx = record.a * x - record.b * y + record.tx;
  cam.dy = record.b * x + record.a * y + record.ty;
  own.dx = flow.u[i] as number;
  own.dy = flow.v[i] as number;
  return affine
    ? affineMisfit(prev, cur, cx, cy, grid.blockSize, own, cam)
    : blockMisfit(prev, cur, cx, cy, grid.blockSize, own, cam);
}

/** Foreground fraction, and the two-motion misfit of every textured block (top two and median). */
export function measureMisfit(
  est: MotionEstimator,
  prevFrame: GrayImage,
  cur: GrayImage,
  pairCamera: Camera,
  buf: MisfitBuffers,
): FrameMisfit {
  const { grid, flow: pairFlow, scratch } = est;
  const { prev, record, flow } =
    buf.gap > 1
      ? overGap(est, prevFrame, pairCamera, buf)
      : {
          prev: prevFrame,
          record: pairCamera,
          flow: pairFlow,
        };
  if (buf.values.length < grid.count) {
    buf.values = new Float64Array(grid.count);
    buf.blocks = new Int32Array(grid.count);
    buf.floor = new Float64Array(grid.count);
  }
  let fgW = 0;
  let texturedW = 0;
  let n = 0;
  // Cost bound: the worst blocks by their own-translation residual (a superset of the worst by
  // misfit — one motion explains less than two) plus every third block for the median floor.
  const cutoff = kthLargestResidual(flow.residual, grid.count, CANDIDATES);
  let floorN = 0;
  for (let i = 0; i < grid.count; i++) {
    // Textured = tracked, or matched poorly but finitely (flat blocks carry 255).
    if (pairFlow.valid[i] !== 1 && (pairFlow.residual[i] as number) >= 255) continue;
    const weight = grid.weight[i] as number;
    texturedW += weight;
    if (scratch.inlier[i] !== 1) fgW += weight;
    const sampled = i % FLOOR_STRIDE === 0;
    if (!sampled && (flow.residual[i] as number) < cutoff) continue;
    const m = scoreBlock(false, est, prev, cur, record, flow, i, buf);
    if (Number.isFinite(m)) {
      buf.values[n] = m;
      buf.blocks[n] = i;
      n++;
      if (sampled) buf.floor[floorN++] = m;
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
    // A block already explained within the subject check's floor cannot matter.
    if (worst < 0 || (buf.values[worst] as number) < AFFINE_MIN_MISFIT) break;
    const i = buf.blocks[worst] as number;
    buf.blocks[worst] = -1;
    const m = scoreBlock(true, est, prev, cur, record, flow, i, buf);
    if (Number.isFinite(m)) buf.values[worst] = Math.min(buf.values[worst] as number, m);
  }
  sortAscending(buf.values, n);
  sortAscending(buf.floor, floorN);
  const sorted = buf.values;
  const floor = buf.floor;
  return {
    fgFrac,
    top: n >= 2 ? 0.5 * ((sorted[n - 1] as number) + (sorted[n - 2] as number)) : 0,
    floor: floorN > 0 ? (floor[(floorN - 1) >> 1] as number) : 0,
    // Where a large subject covers most textured blocks (a mostly plain photo), the median is the
    // subject's; the best-explained blocks still say whether the whole frame misfits.
    low: n >= 2 ? (sorted[1] as number) : n === 1 ? (sorted[0] as number) : 0,
  };
}

/**
 * Records this pair in the history and returns what the misfit compares over the gap: the frame
 * `gap` frames back (or the oldest kept, at the clip start), the camera steps composed over the
 * pairs since (similarities compose as complex maps z·p + t), and per block the summed own
 * translation and residual (a block's content moves little over a few frames: its grid position
 * keeps covering it).
 */
function overGap(
  est: MotionEstimator,
  prevFrame: GrayImage,
  camera: Camera,
  buf: MisfitBuffers,
): { prev: GrayImage; record: Camera; flow: { u: Float32Array; v: Float32Array; residual: Float32Array } } {
  const { flow, grid } = est;
  const recycled = buf.history.length >= buf.gap ? buf.history.shift() : undefined;
  const count = grid.count;
  const entry: PastPair = {
    prev: cloneGray(prevFrame, recycled?.prev),
    u: recycled?.u.length === count ? recycled.u : new Float32Array(count),
    v: recycled?.v.length === count ? recycled.v : new Float32Array(count),
    residual: recycled?.residual.length === count ? recycled.residual : new Float32Array(count),
    camera: { tx: camera.tx, ty: camera.ty, a: camera.a, b: camera.b },
  };
  entry.u.set(flow.u.subarray(0, count));
  entry.v.set(flow.v.subarray(0, count));
  entry.residual.set(flow.residual.subarray(0, count));
  buf.history.push(entry);
  const sum = buf.sumFlow;
  if (sum.u.length !== count) {
    sum.u = new Float32Array(count);
    sum.v = new Float32Array(count);
    sum.residual = new Float32Array(count);
  }
  sum.u.fill(0);
  sum.v.fill(0);
  sum.residual.fill(0);
  // The camera steps composed over the gap, oldest pair first.
  let record: Camera = { tx: 0, ty: 0, a: 0, b: 0 };
  for (const past of buf.history) {
    record = composeSimilarity(past.camera, record);
    for (let i = 0; i < count; i++) {
      sum.u[i] = (sum.u[i] as number) + (past.u[i] as number);
      sum.v[i] = (sum.v[i] as number) + (past.v[i] as number);
      sum.residual[i] = (sum.residual[i] as number) + (past.residual[i] as number);
    }
  }
  const first = buf.history[0] as PastPair;
  return { prev: first.prev, record, flow: sum };
}
