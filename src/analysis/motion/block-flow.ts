/**
 * Local motion per block: a choice between two starting hypotheses (the coarse global shift, and
 * no motion — so a subject held still in a tracking shot keeps its own vector), then Lucas–Kanade
 * refinement on level 0 for sub-pixel accuracy (Lucas & Kanade 1981; with a
 * brightness offset term so flashes and exposure ramps do not bias the vectors).
 */
import type { GrayImage, Pyramid } from '../image.ts';
import type { BlockGrid } from './block-grid.ts';

export type BlockFlow = {
  /** Displacement from prev to cur in level-0 pixels. */
  u: Float32Array;
  v: Float32Array;
  /** 1 when the block is textured and its match is trustworthy. */
  valid: Uint8Array;
  /** Mean absolute residual after alignment (gray levels). */
  residual: Float32Array;
  /** Per-block working buffers, reused across frames. */
  scratch?: LkScratch | undefined;
};

export function createBlockFlow(count: number): BlockFlow {
  return {
    u: new Float32Array(count),
    v: new Float32Array(count),
    valid: new Uint8Array(count),
    residual: new Float32Array(count),
  };
}

/**
 * Every other row of a block enters the matching sums: halves the cost of the hottest loop in the
 * analysis, while a 24-px block keeps ~290 samples — far more than a translation needs.
 */
const ROW_STEP = 2;

/** Minimum structure-tensor eigenvalue per pixel below which a block is too flat to track. */
const MIN_TEXTURE = 3;
/** Residual (gray levels) above which a block match is an occlusion, not motion. */
const MAX_RESIDUAL = 18;

export function blockSad(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  half: number,
  dx: number,
  dy: number,
): number {
  const w = a.width;
  const x0 = Math.round(cx - half);
  const y0 = Math.round(cy - half);
  const size = 2 * half;
  if (x0 + dx < 0 || y0 + dy < 0 || x0 + dx + size > w || y0 + dy + size > a.height) {
    return Number.POSITIVE_INFINITY;
  }
  if (x0 < 0 || y0 < 0 || x0 + size > w || y0 + size > a.height) return Number.POSITIVE_INFINITY;
  const ad = a.data;
  const bd = b.data;
  let ma = 0;
  let mb = 0;
  for (let y = 0; y < size; y += ROW_STEP) {
    const ra = (y0 + y) * w + x0;
    const rb = (y0 + y + dy) * w + x0 + dx;
    for (let x = 0; x < size; x++) {
      ma += ad[ra + x] as number;
      mb += bd[rb + x] as number;
    }
  }
  return sadWithOffset(ad, bd, w, x0, y0, size, dx, dy, (mb - ma) / (size * Math.ceil(size / ROW_STEP)));
}

/** Σ |b(x + d) − a(x) − off| over the block's sampled rows (`blockSad`'s second pass). */
function sadWithOffset(
  ad: Float32Array,
  bd: Float32Array,
  w: number,
  x0: number,
  y0: number,
  size: number,
  dx: number,
  dy: number,
  off: number,
): number {
  let sad = 0;
  for (let y = 0; y < size; y += ROW_STEP) {
    const ra = (y0 + y) * w + x0;
    const rb = (y0 + y + dy) * w + x0 + dx;
    for (let x = 0; x < size; x++) {
      const d = (bd[rb + x] as number) - (ad[ra + x] as number) - off;
      sad += Math.abs(d);
    }
  }
  return sad;
}

/**
 * Chooses the start for refinement between the global shift and no motion, by SAD on level 0
 * (`blockSad` of both; the block sums they share are taken in one pass). Lucas–Kanade converges
 * from within ~2 px, so two hypotheses are enough: blocks that move with the camera and blocks
 * held still (a tracked subject). Writes the start into `out`.
 */
function chooseStart(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  half: number,
  gx: number,
  gy: number,
  out: { dx: number; dy: number },
): void {
  out.dx = 0;
  out.dy = 0;
  if (gx === 0 && gy === 0) return;
  const w = a.width;
  const h = a.height;
  const x0 = Math.round(cx - half);
  const y0 = Math.round(cy - half);
  const size = 2 * half;
  const blockIn = x0 >= 0 && y0 >= 0 && x0 + size <= w && y0 + size <= h;
  // blockSad is +∞ (never chosen over a finite still SAD, and a tie keeps the global shift) when
  // the block or its displaced copy leaves the image.
  const movingIn = blockIn && x0 + gx >= 0 && y0 + gy >= 0 && x0 + gx + size <= w && y0 + gy + size <= h;
  if (!blockIn) {
    out.dx = gx;
    out.dy = gy;
    return;
  }
  const ad = a.data;
  const bd = b.data;
  let ma = 0;
  let mbStill = 0;
  let mbMoving = 0;
  for (let y = 0; y < size; y += ROW_STEP) {
    const ra = (y0 + y) * w + x0;
    const rm = movingIn ? (y0 + y + gy) * w + x0 + gx : ra;
    for (let x = 0; x < size; x++) {
      ma += ad[ra + x] as number;
      mbStill += bd[ra + x] as number;
      mbMoving += bd[rm + x] as number;
    }
  }
  const n = size * Math.ceil(size / ROW_STEP);
  const still = sadWithOffset(ad, bd, w, x0, y0, size, 0, 0, (mbStill - ma) / n);
  const moving = movingIn
    ? sadWithOffset(ad, bd, w, x0, y0, size, gx, gy, (mbMoving - ma) / n)
    : Number.POSITIVE_INFINITY;
  if (!(still < moving)) {
    out.dx = gx;
    out.dy = gy;
  }
}

/** Per-block scratch: the template and its gradients, reused for every block and frame. */
export type LkScratch = {
  size: number;
  t: Float32Array;
  gx: Float32Array;
  gy: Float32Array;
  e: Float32Array;
};

export function createLkScratch(size: number): LkScratch {
  const n = size * size;
  return {
    size,
    t: new Float32Array(n),
    gx: new Float32Array(n),
    gy: new Float32Array(n),
    e: new Float32Array(n),
  };
}

/** Lucas–Kanade translation + offset on one block; returns the residual or +∞ when untrackable. */
export function refineBlock(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  half: number,
  start: { dx: number; dy: number },
  out: { dx: number; dy: number },
  s: LkScratch,
): number {
  const w = a.width;
  const h = a.height;
  const ad = a.data;
  // Locals, not `s.t` etc.: property loads inside the inner loops are not reliably hoisted.
  const tt = s.t;
  const tgx = s.gx;
  const tgy = s.gy;
  const te = s.e;
  const x0 = Math.max(1, Math.round(cx - half));
  const y0 = Math.max(1, Math.round(cy - half));
  const bw = Math.min(w - 1, x0 + 2 * half) - x0;
  const bh = Math.min(h - 1, y0 + 2 * half) - y0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let sx = 0;
  let sy = 0;
  const n = bw * Math.ceil(bh / ROW_STEP);
  for (let y = 0; y < bh; y += ROW_STEP) {
    let i = (y0 + y) * w + x0;
    let k = y * bw;
    for (let x = 0; x < bw; x++, i++, k++) {
      const gx = 0.5 * ((ad[i + 1] as number) - (ad[i - 1] as number));
      const gy = 0.5 * ((ad[i + w] as number) - (ad[i - w] as number));
      tt[k] = ad[i] as number;
      tgx[k] = gx;
      tgy[k] = gy;
      sxx += gx * gx;
      sxy += gx * gy;
      syy += gy * gy;
      sx += gx;
      sy += gy;
    }
  }
  // Texture test on the translation part (smaller eigenvalue of the 2×2 structure tensor).
  const tr = sxx + syy;
  const det2 = sxx * syy - sxy * sxy;
  const minEig = 0.5 * (tr - Math.sqrt(Math.max(0, tr * tr - 4 * det2)));
  if (n <= 0 || minEig / n < MIN_TEXTURE) return Number.POSITIVE_INFINITY;
  // Inverse of the 3×3 normal matrix [[sxx,sxy,sx],[sxy,syy,sy],[sx,sy,n]] (first two rows).
  const m00 = syy * n - sy * sy;
  const m01 = -(sxy * n - sy * sx);
  const m02 = sxy * sy - syy * sx;
  const m11 = sxx * n - sx * sx;
  const m12 = -(sxx * sy - sxy * sx);
  const det = sxx * m00 + sxy * m01 + sx * m02;
  if (Math.abs(det) < 1e-9) return Number.POSITIVE_INFINITY;
  let dx = start.dx;
  let dy = start.dy;
  const bd = b.data;
  for (let iter = 0; iter < 8; iter++) {
    if (x0 + dx < 0 || y0 + dy < 0 || x0 + bw + dx > w - 2 || y0 + bh + dy > h - 2) {
      return Number.POSITIVE_INFINITY;
    }
    // Error image and its projections in one pass (bilinear weights are shared by the block).
    const fxI = Math.floor(dx);
    const fyI = Math.floor(dy);
    const fx = dx - fxI;
    const fy = dy - fyI;
    let ex = 0;
    let ey = 0;
    let e1 = 0;
    if (fx === 0 && fy === 0) {
      // Integer displacement (every block's first step starts at one): the bilinear weights are
      // (1, 0, 0, 0), and 1·p + 0·q + 0·r + 0·s = p exactly, so this is the general branch's value.
      for (let y = 0; y < bh; y += ROW_STEP) {
        let i = (y0 + y + fyI) * w + x0 + fxI;
        let k = y * bw;
        for (let x = 0; x < bw; x++, i++, k++) {
          const e = (bd[i] as number) - (tt[k] as number);
          ex += (tgx[k] as number) * e;
          ey += (tgy[k] as number) * e;
          e1 += e;
        }
      }
    } else {
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      for (let y = 0; y < bh; y += ROW_STEP) {
        let i = (y0 + y + fyI) * w + x0 + fxI;
        let k = y * bw;
        for (let x = 0; x < bw; x++, i++, k++) {
          const e =
            w00 * (bd[i] as number) +
            w01 * (bd[i + 1] as number) +
            w10 * (bd[i + w] as number) +
            w11 * (bd[i + w + 1] as number) -
            (tt[k] as number);
          ex += (tgx[k] as number) * e;
          ey += (tgy[k] as number) * e;
          e1 += e;
        }
      }
    }
    const stepX = -(m00 * ex + m01 * ey + m02 * e1) / det;
    const stepY = -(m01 * ex + m11 * ey + m12 * e1) / det;
    dx += stepX;
    dy += stepY;
    if (stepX * stepX + stepY * stepY < 4e-4) break;
  }
  if (x0 + dx < 0 || y0 + dy < 0 || x0 + bw + dx > w - 2 || y0 + bh + dy > h - 2) {
    return Number.POSITIVE_INFINITY;
  }
  // Final residual with the brightness offset removed: the error image (stored as float32, the
  // mean taken over the stored values) and its mean in one pass, then the mean absolute deviation.
  const fxI = Math.floor(dx);
  const fyI = Math.floor(dy);
  const fx = dx - fxI;
  const fy = dy - fyI;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  let mean = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    let i = (y0 + y + fyI) * w + x0 + fxI;
    let k = y * bw;
    for (let x = 0; x < bw; x++, i++, k++) {
      const v =
        w00 * (bd[i] as number) +
        w01 * (bd[i + 1] as number) +
        w10 * (bd[i + w] as number) +
        w11 * (bd[i + w + 1] as number);
      const e = Math.fround(v - (tt[k] as number));
      te[k] = e;
      mean += e;
    }
  }
  mean /= n;
  let res = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let k = y * bw, end = k + bw; k < end; k++) {
      const e = (te[k] as number) - mean;
      res += Math.abs(e);
    }
  }
  out.dx = dx;
  out.dy = dy;
  return res / n;
}

/**
 * Measures every block's displacement from `prev` to `cur`. `globalDx/Dy` is the coarse shift in
 * level-0 pixels. Fills `out` in place.
 */
export function estimateBlockFlow(
  prev: Pyramid,
  cur: Pyramid,
  grid: BlockGrid,
  globalDx: number,
  globalDy: number,
  out: BlockFlow,
): void {
  const a0 = prev[0] as GrayImage;
  const b0 = cur[0] as GrayImage;
  const half0 = grid.blockSize >> 1;
  const gx = Math.round(globalDx);
  const gy = Math.round(globalDy);
  const refined = { dx: 0, dy: 0 };
  const startAt = { dx: 0, dy: 0 };
  const scratch = out.scratch?.size === 2 * half0 + 2 ? out.scratch : createLkScratch(2 * half0 + 2);
  out.scratch = scratch;
  for (let i = 0; i < grid.count; i++) {
    const cx = grid.cx[i] as number;
    const cy = grid.cy[i] as number;
    chooseStart(a0, b0, cx, cy, half0, gx, gy, startAt);
    const res = refineBlock(a0, b0, cx, cy, half0, startAt, refined, scratch);
    if (Number.isFinite(res) && res < MAX_RESIDUAL) {
      out.u[i] = refined.dx;
      out.v[i] = refined.dy;
      out.residual[i] = res;
      out.valid[i] = 1;
    } else {
      // A textured block that matched poorly keeps its best vector (the subject check reads it);
      // only valid blocks enter the camera fit.
      const finite = Number.isFinite(res);
      out.u[i] = finite ? refined.dx : 0;
      out.v[i] = finite ? refined.dy : 0;
      out.residual[i] = finite ? res : 255;
      out.valid[i] = 0;
    }
  }
}
