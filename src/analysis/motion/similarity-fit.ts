/**
 * Robust similarity fit (translation, scale, rotation) of block vectors: exhaustive two-point
 * RANSAC (deterministic — every pair of blocks is a hypothesis; a grid has < ~100 blocks) scored by
 * the weighted inlier count, then least-squares refits on the inliers. Outlying blocks are a
 * moving subject, occlusions or parallax; they do not bend the camera estimate.
 *
 * Model, in level-0 pixels with (x, y) relative to the image centre, y down:
 *   u = a·x − b·y + tx,   v = b·x + a·y + ty,   scale = |(1+a, b)|,   angle = atan2(b, 1+a).
 * A positive angle turns content clockwise on screen (y points down).
 */
import type { BlockFlow } from './block-flow.ts';
import type { BlockGrid } from './block-grid.ts';

export type Similarity = {
  tx: number;
  ty: number;
  a: number;
  b: number;
  /** Weighted fraction of valid blocks that agree with the fit (0..1). */
  inlierRatio: number;
  /** Number of valid blocks. */
  validCount: number;
  /** Root-mean-square residual of inliers (px). */
  rmsPx: number;
  /**
   * Bounding box of the inlier blocks as a fraction of the grid's area (0..1). A camera fit
   * resting on one compact region (a hand-held object before a blank wall) says little about the
   * camera.
   */
  inlierSpan: number;
  /**
   * Separate groups of inlier blocks (8-connected on the grid). A similarity has four parameters:
   * two compact groups' translations fix it exactly, whatever they are — a walker and a sign on a
   * blank wall fit "a zoom" together although neither moved with the camera.
   */
  inlierGroups: number;
  /** Bounding box of the largest group of inlier blocks as a fraction of the grid's area (0..1). */
  inlierGroupSpan: number;
};

/** Result buffer for per-block inlier flags. */
/** A similarity's parameters alone (centred coordinates: p ↦ (1 + a, b)·p + (tx, ty)). */
export type SimilarityStep = Pick<Similarity, 'tx' | 'ty' | 'a' | 'b'>;

/** outer ∘ inner as one similarity (complex form: z ↦ m·z + t about the centre). */
export function composeSimilarity(outer: SimilarityStep, inner: SimilarityStep): SimilarityStep {
  const oa = 1 + outer.a;
  const ob = outer.b;
  const na = 1 + inner.a;
  const nb = inner.b;
  return {
    a: oa * na - ob * nb - 1,
    b: oa * nb + ob * na,
    tx: oa * inner.tx - ob * inner.ty + outer.tx,
    ty: ob * inner.tx + oa * inner.ty + outer.ty,
  };
}

export type FitScratch = {
  inlier: Uint8Array;
  xs: Float32Array;
  ys: Float32Array;
  /** Packed valid blocks (index, position, vector, weight), refilled per fit. */
  vi: Int32Array;
  vx: Float64Array;
  vy: Float64Array;
  vu: Float64Array;
  vv: Float64Array;
  vw: Float64Array;
  /** Flood-fill stack and visited flags of the inlier grouping (`inlierGroups`). */
  stack: Int32Array;
  seen: Uint8Array;
};

export function createFitScratch(count: number): FitScratch {
  return {
    inlier: new Uint8Array(count),
    xs: new Float32Array(count),
    ys: new Float32Array(count),
    vi: new Int32Array(count),
    vx: new Float64Array(count),
    vy: new Float64Array(count),
    vu: new Float64Array(count),
    vv: new Float64Array(count),
    vw: new Float64Array(count),
    stack: new Int32Array(count),
    seen: new Uint8Array(count),
  };
}

/** Hypothesis budget of the two-point RANSAC (a 10×5 grid has 1,225 pairs). */
const MAX_HYPOTHESES = 400;

/** Similarity parameters (a, b, tx, ty) written by the helpers below instead of new objects. */
type Params = Float64Array;

/** Weighted least squares of the 4-parameter similarity on the flagged blocks; false if none. */
function leastSquares(
  flow: BlockFlow,
  grid: BlockGrid,
  xs: Float32Array,
  ys: Float32Array,
  use: ArrayLike<number>,
  out: Params,
): boolean {
  // Normal equations for p = (a, b, tx, ty); centred coordinates decouple a,b from tx,ty.
  const weight = grid.weight;
  const fu = flow.u;
  const fv = flow.v;
  const count = grid.count;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < count; i++) {
    if (!use[i]) continue;
    const w = (weight[i] as number) * (use[i] as number);
    sw += w;
    sx += w * (xs[i] as number);
    sy += w * (ys[i] as number);
  }
  if (sw === 0) return false;
  const mx = sx / sw;
  const my = sy / sw;
  let su = 0;
  let sv = 0;
  let srr = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < count; i++) {
    if (!use[i]) continue;
    const w = (weight[i] as number) * (use[i] as number);
    su += w * (fu[i] as number);
    sv += w * (fv[i] as number);
  }
  const mu = su / sw;
  const mv = sv / sw;
  for (let i = 0; i < count; i++) {
    if (!use[i]) continue;
    const w = (weight[i] as number) * (use[i] as number);
    const x = (xs[i] as number) - mx;
    const y = (ys[i] as number) - my;
    const u = (fu[i] as number) - mu;
    const v = (fv[i] as number) - mv;
    srr += w * (x * x + y * y);
    sa += w * (x * u + y * v);
    sb += w * (x * v - y * u);
  }
  // With a single point (or coincident points) scale and rotation are unobservable: translation only.
  const a = srr > 1e-6 ? sa / srr : 0;
  const b = srr > 1e-6 ? sb / srr : 0;
  out[0] = a;
  out[1] = b;
  out[2] = mu - (a * mx - b * my);
  out[3] = mv - (b * mx + a * my);
  return true;
}

/**
 * The two-point RANSAC over the `m` packed valid blocks of `s`: the best-scoring hypothesis into
 * `out`; false when no pair of blocks is far enough apart (or every hypothesis is implausible).
 */
function bestHypothesis(s: FitScratch, m: number, minSep2: number, inlierPx: number, out: Params): boolean {
  const { vx, vy, vu, vv, vw } = s;
  const in2 = inlierPx * inlierPx;
  // Every pair is a hypothesis up to MAX_HYPOTHESES; beyond that a deterministic stride over the
  // pairs (with ≥ 30 % inliers, hundreds of hypotheses still hold dozens of all-inlier pairs, and
  // the least-squares refits below polish whichever wins).
  const stride = Math.max(1, Math.ceil((m * (m - 1)) / 2 / MAX_HYPOTHESES));
  let pairIndex = 0;
  let bestScore = -1;
  let found = false;
  for (let i = 0; i < m; i++) {
    const xi = vx[i] as number;
    const yi = vy[i] as number;
    const ui = vu[i] as number;
    const vvi = vv[i] as number;
    for (let j = i + 1; j < m; j++) {
      if (pairIndex++ % stride !== 0) continue;
      const dxp = (vx[j] as number) - xi;
      const dyp = (vy[j] as number) - yi;
      const d2 = dxp * dxp + dyp * dyp;
      if (d2 < minSep2) continue;
      const du = (vu[j] as number) - ui;
      const dv = (vv[j] as number) - vvi;
      // Solve [dx −dy; dy dx]·(a, b) = (du, dv).
      const a = (dxp * du + dyp * dv) / d2;
      const b = (dxp * dv - dyp * du) / d2;
      // Reject implausible hypotheses (> 15 % scale or > 8° per frame): not a camera.
      if (Math.abs(a) > 0.15 || Math.abs(b) > 0.14) continue;
      const tx = ui - (a * xi - b * yi);
      const ty = vvi - (b * xi + a * yi);
      let score = 0;
      for (let k = 0; k < m; k++) {
        const x = vx[k] as number;
        const y = vy[k] as number;
        const ru = a * x - b * y + tx - (vu[k] as number);
        const rv = b * x + a * y + ty - (vv[k] as number);
        const r2 = ru * ru + rv * rv;
        if (r2 < in2) score += (vw[k] as number) * (1 - r2 / in2);
      }
      if (score > bestScore) {
        bestScore = score;
        out[0] = a;
        out[1] = b;
        out[2] = tx;
        out[3] = ty;
        found = true;
      }
    }
  }
  return found;
}

/** Distance of block vector (u, v) at (x, y) from the similarity `p`. */
function residual(p: Params, x: number, y: number, u: number, v: number): number {
  const a = p[0] as number;
  const b = p[1] as number;
  const du = a * x - b * y + (p[2] as number) - u;
  const dv = b * x + a * y + (p[3] as number) - v;
  return Math.sqrt(du * du + dv * dv);
}

/** Fitted parameters (module-level: fitSimilarity is synchronous): the current fit and a refit. */
const FIT = new Float64Array(4);
const REFIT = new Float64Array(4);
/** The inliers' bounding box (c0, r0, c1, r1), written by `boundingBox`. */
const BOX = new Int32Array(4);

/** Fits the camera similarity to the valid blocks of `flow`; marks inliers in `scratch.inlier`. */
export function fitSimilarity(
  flow: BlockFlow,
  grid: BlockGrid,
  width: number,
  height: number,
  inlierPx: number,
  scratch: FitScratch,
): Similarity {
  const { xs, ys, inlier } = scratch;
  const n = grid.count;
  const valid = flow.valid;
  const fu = flow.u;
  const fv = flow.v;
  let validCount = 0;
  let validWeight = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = (grid.cx[i] as number) - width / 2;
    ys[i] = (grid.cy[i] as number) - height / 2;
    if (valid[i]) {
      validCount++;
      validWeight += grid.weight[i] as number;
    }
  }
  inlier.fill(0);
  if (validCount < 3) return noFit(validCount);
  const minSep2 = (Math.min(width, height) / 4) ** 2;
  // Valid blocks packed once: the hypothesis loop is O(valid³) and the hottest in the fit.
  const { vi, vx, vy, vu, vv, vw } = scratch;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!valid[i]) continue;
    vi[m] = i;
    vx[m] = xs[i] as number;
    vy[m] = ys[i] as number;
    vu[m] = fu[i] as number;
    vv[m] = fv[i] as number;
    vw[m] = grid.weight[i] as number;
    m++;
  }
  const params = FIT;
  if (!bestHypothesis(scratch, m, minSep2, inlierPx, params)) {
    // All valid blocks are close together: translation only from their mean.
    for (let i = 0; i < n; i++) inlier[i] = valid[i] as number;
    if (!leastSquares(flow, grid, xs, ys, inlier, params)) return noFit(validCount);
  }
  // Iteratively reweighted least squares with Tukey's bisquare on the residual: a block that only
  // half follows the camera (a subject's edge, a limb) sits near the inlier threshold and would
  // bias a hard-threshold refit towards the subject; bisquare weights fade it out smoothly.
  const robust = scratch.vw;
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < n; i++) {
      const r = valid[i]
        ? residual(params, xs[i] as number, ys[i] as number, fu[i] as number, fv[i] as number)
        : inlierPx;
      const q = r / inlierPx;
      robust[i] = q < 1 ? (1 - q * q) ** 2 : 0;
    }
    if (!leastSquares(flow, grid, xs, ys, robust, REFIT)) break;
    params.set(REFIT);
  }
  let inW = 0;
  let sse = 0;
  let inN = 0;
  for (let i = 0; i < n; i++) {
    const r = residual(params, xs[i] as number, ys[i] as number, fu[i] as number, fv[i] as number);
    inlier[i] = valid[i] && r < inlierPx ? 1 : 0;
    if (inlier[i]) {
      inW += grid.weight[i] as number;
      sse += r * r;
      inN++;
    }
  }
  const box = BOX;
  boundingBox(inlier, grid.cols, n, box);
  const groups = inlierGroups(inlier, grid.cols, grid.rows, scratch);
  return {
    a: params[0] as number,
    b: params[1] as number,
    tx: params[2] as number,
    ty: params[3] as number,
    inlierRatio: validWeight > 0 ? inW / validWeight : 0,
    validCount,
    rmsPx: inN > 0 ? Math.sqrt(sse / inN) : 0,
    inlierSpan: boxArea(box) / n,
    inlierGroups: groups.count,
    inlierGroupSpan: groups.largestArea / n,
  };
}

/** Bounding box (c0, r0, c1, r1) of the flagged cells of a `cols`-wide grid; c1 = −1 when none. */
function boundingBox(flags: ArrayLike<number>, cols: number, n: number, out: Int32Array): void {
  out[0] = cols;
  out[1] = n;
  out[2] = -1;
  out[3] = -1;
  for (let i = 0; i < n; i++) {
    if (!flags[i]) continue;
    const c = i % cols;
    const r = Math.floor(i / cols);
    out[0] = Math.min(out[0] as number, c);
    out[1] = Math.min(out[1] as number, r);
    out[2] = Math.max(out[2] as number, c);
    out[3] = Math.max(out[3] as number, r);
  }
}

/** Cells inside a bounding box from `boundingBox` (0 when empty). */
function boxArea(box: Int32Array): number {
  const c1 = box[2] as number;
  return c1 < 0 ? 0 : (c1 - (box[0] as number) + 1) * ((box[3] as number) - (box[1] as number) + 1);
}

/**
 * The 8-connected groups of inlier blocks: how many, and the largest one's bounding-box area in
 * cells. Flood fill over the grid with the scratch stack (≤ one push per block).
 */
function inlierGroups(
  inlier: Uint8Array,
  cols: number,
  rows: number,
  s: FitScratch,
): { count: number; largestArea: number } {
  const { stack, seen } = s;
  const n = cols * rows;
  seen.fill(0);
  let count = 0;
  let largestArea = 0;
  for (let start = 0; start < n; start++) {
    if (!inlier[start] || seen[start]) continue;
    count++;
    let c0 = cols;
    let r0 = rows;
    let c1 = -1;
    let r1 = -1;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const i = stack[--top] as number;
      const c = i % cols;
      const r = (i - c) / cols;
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          const rr = r + dr;
          if (cc < 0 || rr < 0 || cc >= cols || rr >= rows) continue;
          const k = rr * cols + cc;
          if (!inlier[k] || seen[k]) continue;
          seen[k] = 1;
          stack[top++] = k;
        }
      }
    }
    largestArea = Math.max(largestArea, (c1 - c0 + 1) * (r1 - r0 + 1));
  }
  return { count, largestArea };
}

/** The neutral fit when there is nothing (or too little) to fit. */
function noFit(validCount: number): Similarity {
  return {
    tx: 0,
    ty: 0,
    a: 0,
    b: 0,
    inlierRatio: 0,
    validCount,
    rmsPx: 0,
    inlierSpan: 0,
    inlierGroups: 0,
    inlierGroupSpan: 0,
  };
}
