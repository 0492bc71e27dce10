/**
 * The TypeScript the WebAssembly kernels replaced (motion/block-flow.ts, motion/layer-misfit.ts as
 * of the port), kept as references for the kernels' bit-identity tests. Not used by the analysis.
 */
import type { GrayImage, Pyramid } from '../image.ts';
import type { BlockFlow } from '../motion/block-flow.ts';
import type { BlockGrid } from '../motion/block-grid.ts';
import type { AffineScratch, MisfitScratch } from '../motion/layer-misfit.ts';

/**
 * Every other row of a block enters the matching sums: halves the cost of the hottest loop in the
 * analysis, while a 24-px block keeps ~290 samples — far more than a translation needs.
 */
const ROW_STEP = 2;

/** Minimum structure-tensor eigenvalue per pixel below which a block is too flat to track. */
const MIN_TEXTURE = 3;
/** Residual (gray levels) above which a block match is an occlusion, not motion. */
const MAX_RESIDUAL = 18;

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
type LkScratch = {
  size: number;
  t: Float32Array;
  gx: Float32Array;
  gy: Float32Array;
  e: Float32Array;
};

function createLkScratch(size: number): LkScratch {
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
function refineBlock(
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
export function referenceBlockFlow(
  prev: Pyramid,
  cur: Pyramid,
  grid: BlockGrid,
  globalDx: number,
  globalDy: number,
  out: BlockFlow & { scratch?: LkScratch },
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

/** Bilinear sample without clamping (callers keep inside the image). */
function sample(d: Float32Array, w: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * w + x0;
  const p = d[i] as number;
  const q = d[i + 1] as number;
  const r = d[i + w] as number;
  const t = d[i + w + 1] as number;
  return p + fx * (q - p) + fy * (r - p) + fx * fy * (p - q - r + t);
}

/** First row/column of a block of side `size` centred at `c` (kept ≥ 1 so central gradients stay inside). */
function blockStart(c: number, size: number): number {
  return Math.max(1, Math.round(c - size / 2));
}

/** Rows/columns of a block starting at `start`, cut one short of the image's last pixel (`limit` = width or height). */
function blockSpan(start: number, size: number, limit: number): number {
  return Math.min(limit - 2, start + size) - start;
}

/**
 * The block's own least-squares gain g and offset o mapping the template t to matched values v,
 * from the sums over its n pixels (Σt, Σt², Σv, Σtv): a flash, flicker or exposure drift scales
 * the block's contrast, which is not a change of shape. The gain is kept within 0.5..2 so a block
 * matched to the wrong content is not "fitted". Writes g to GAIN[slot] and o to OFFSET[slot].
 */
function gainOffset(slot: number, n: number, st: number, stt: number, sv: number, stv: number): void {
  const mt = st / n;
  const mv = sv / n;
  const vart = stt / n - mt * mt;
  const g = vart > 1e-6 ? Math.max(0.5, Math.min(2, (stv / n - mt * mv) / vart)) : 1;
  GAIN[slot] = g;
  OFFSET[slot] = mv - g * mt;
}

const GAIN = new Float64Array(2);
const OFFSET = new Float64Array(2);

/**
 * The misfit from the template `s.tv` and the values matched by the own (`s.eo`) and camera
 * (`s.ec`) motions: each made gain-free (|v − (g·t + o)|, `gainOffset`), then per pixel the better
 * motion that stayed inside the image, averaged and divided by the block's mean gradient (≈ px).
 * `sums` = Σt, Σt², Σeo, Σt·eo, Σec, Σt·ec over the n pixels (taken while the values were
 * gathered). The gain-free errors are rounded to float32, as when they were stored in the scratch.
 */
function twoMotionMisfit(
  s: MisfitScratch,
  n: number,
  ownOk: boolean,
  camOk: boolean,
  meanGrad: number,
  st: number,
  stt: number,
  svo: number,
  stvo: number,
  svc: number,
  stvc: number,
): number {
  gainOffset(0, n, st, stt, svo, stvo);
  gainOffset(1, n, st, stt, svc, stvc);
  const go = GAIN[0] as number;
  const oo = OFFSET[0] as number;
  const gc = GAIN[1] as number;
  const oc = OFFSET[1] as number;
  const tv = s.tv;
  const eo = s.eo;
  const ec = s.ec;
  let sum = 0;
  if (ownOk && camOk) {
    for (let k = 0; k < n; k++) {
      const t = tv[k] as number;
      const a = Math.fround(Math.abs((eo[k] as number) - go * t - oo));
      const b = Math.fround(Math.abs((ec[k] as number) - gc * t - oc));
      sum += Math.min(a, b);
    }
  } else if (ownOk) {
    for (let k = 0; k < n; k++) sum += Math.fround(Math.abs((eo[k] as number) - go * (tv[k] as number) - oo));
  } else {
    for (let k = 0; k < n; k++) sum += Math.fround(Math.abs((ec[k] as number) - gc * (tv[k] as number) - oc));
  }
  return sum / n / meanGrad;
}

/** `twoMotionMisfit` with the sums taken here (one pass over the scratch). */
function twoMotionMisfitOf(
  s: MisfitScratch,
  n: number,
  ownOk: boolean,
  camOk: boolean,
  meanGrad: number,
): number {
  const tv = s.tv;
  const eo = s.eo;
  const ec = s.ec;
  let st = 0;
  let stt = 0;
  let svo = 0;
  let stvo = 0;
  let svc = 0;
  let stvc = 0;
  for (let k = 0; k < n; k++) {
    const t = tv[k] as number;
    const o = eo[k] as number;
    const c = ec[k] as number;
    st += t;
    stt += t * t;
    svo += o;
    stvo += t * o;
    svc += c;
    stvc += t * c;
  }
  return twoMotionMisfit(s, n, ownOk, camOk, meanGrad, st, stt, svo, stvo, svc, stvc);
}

function inside(w: number, h: number, x0: number, y0: number, size: number, dx: number, dy: number): boolean {
  return x0 + dx >= 0 && y0 + dy >= 0 && x0 + size + dx < w - 1 && y0 + size + dy < h - 1;
}

/**
 * Two-motion misfit of the block of side `size` centred at (cx, cy): mean over its pixels of
 * min(|own error|, |camera error|) divided by the mean gradient magnitude (≈ px). NaN when the
 * block is flat (no gradient to normalise by) or both displaced blocks leave the image.
 */
export function referenceBlockMisfit(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  size: number,
  own: { dx: number; dy: number },
  cam: { dx: number; dy: number },
  s: MisfitScratch,
): number {
  const w = a.width;
  const h = a.height;
  const x0 = blockStart(cx, size);
  const y0 = blockStart(cy, size);
  const bw = blockSpan(x0, size, w);
  const bh = blockSpan(y0, size, h);
  if (bw <= 2 || bh <= 2) return Number.NaN;
  const ownOk = inside(w, h, x0, y0, Math.max(bw, bh), own.dx, own.dy);
  const camOk = inside(w, h, x0, y0, Math.max(bw, bh), cam.dx, cam.dy);
  if (!ownOk && !camOk) return Number.NaN;
  const ad = a.data;
  const bd = b.data;
  const tv = s.tv;
  const eo = s.eo;
  const ec = s.ec;
  let grad = 0;
  let n = 0;
  let st = 0;
  let stt = 0;
  let svo = 0;
  let stvo = 0;
  let svc = 0;
  let stvc = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++) {
      const i = (y0 + y) * w + x0 + x;
      const t = ad[i] as number;
      const gx = (ad[i + 1] as number) - (ad[i - 1] as number);
      const gy = (ad[i + w] as number) - (ad[i - w] as number);
      grad += 0.5 * (Math.abs(gx) + Math.abs(gy));
      // Stored as float32 (as the sums below see them).
      const o = ownOk ? Math.fround(sample(bd, w, x0 + x + own.dx, y0 + y + own.dy)) : t;
      const c = camOk ? Math.fround(sample(bd, w, x0 + x + cam.dx, y0 + y + cam.dy)) : t;
      tv[n] = t;
      eo[n] = o;
      ec[n] = c;
      st += t;
      stt += t * t;
      svo += o;
      stvo += t * o;
      svc += c;
      stvc += t * c;
      n++;
    }
  }
  const meanGrad = grad / n;
  if (meanGrad < 1) return Number.NaN;
  return twoMotionMisfit(s, n, ownOk, camOk, meanGrad, st, stt, svo, stvo, svc, stvc);
}

/** Solves the n×n system M·x = r in place (Gaussian elimination, partial pivoting); false if singular. */
function solve(m: Float64Array, r: Float64Array, n: number): boolean {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let k = c + 1; k < n; k++)
      if (Math.abs(m[k * n + c] as number) > Math.abs(m[p * n + c] as number)) p = k;
    if (Math.abs(m[p * n + c] as number) < 1e-9) return false;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k] as number;
        m[c * n + k] = m[p * n + k] as number;
        m[p * n + k] = t;
      }
      const t = r[c] as number;
      r[c] = r[p] as number;
      r[p] = t;
    }
    for (let k = c + 1; k < n; k++) {
      const f = (m[k * n + c] as number) / (m[c * n + c] as number);
      if (f === 0) continue;
      for (let j = c; j < n; j++) m[k * n + j] = (m[k * n + j] as number) - f * (m[c * n + j] as number);
      r[k] = (r[k] as number) - f * (r[c] as number);
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = r[c] as number;
    for (let k = c + 1; k < n; k++) s -= (m[c * n + k] as number) * (r[k] as number);
    r[c] = s / (m[c * n + c] as number);
  }
  return true;
}

const NORMAL = new Float64Array(49);
const RHS = new Float64Array(7);
/** The affine parameters being fitted (module-level: affineMisfit is synchronous). */
const P = new Float64Array(7);

/**
 * `blockMisfit` with the block's own motion widened from a translation to an affine map (rotation,
 * scale, shear — fitted by Gauss–Newton from `own`). A rigid object that turns or approaches the
 * camera moves affinely within a block; a shape change does not. Used on the few worst blocks of a
 * pair, where the translation-only score is high.
 */
export function referenceAffineMisfit(
  a: GrayImage,
  b: GrayImage,
  cx: number,
  cy: number,
  size: number,
  own: { dx: number; dy: number },
  cam: { dx: number; dy: number },
  s: AffineScratch,
): number {
  const w = a.width;
  const h = a.height;
  const x0 = blockStart(cx, size);
  const y0 = blockStart(cy, size);
  const bw = blockSpan(x0, size, w);
  const bh = blockSpan(y0, size, h);
  if (bw <= 4 || bh <= 4) return Number.NaN;
  const xc = x0 + bw / 2;
  const yc = y0 + bh / 2;
  const ad = a.data;
  const bd = b.data;
  // Template values and gradients on the sampled rows.
  let n = 0;
  let grad = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++) {
      const i = (y0 + y) * w + x0 + x;
      const gx = 0.5 * ((ad[i + 1] as number) - (ad[i - 1] as number));
      const gy = 0.5 * ((ad[i + w] as number) - (ad[i - w] as number));
      s.tv[n] = ad[i] as number;
      s.tx[n] = gx;
      s.ty[n] = gy;
      grad += Math.abs(gx) + Math.abs(gy);
      n++;
    }
  }
  const meanGrad = grad / n;
  if (meanGrad < 1) return Number.NaN;
  // p = (dx, dy, a11, a12, a21, a22, offset); x' = x + dx + a11·xr + a12·yr, y' = y + dy + a21·xr + a22·yr.
  const p = P;
  p[0] = own.dx;
  p[1] = own.dy;
  p.fill(0, 2);
  const tv = s.tv;
  const tgx = s.tx;
  const tgy = s.ty;
  for (let iter = 0; iter < 4; iter++) {
    // The normal equations JᵀJ (upper triangle) and −Jᵀe in locals, J = (gx, gy, gx·xr, gx·yr,
    // gy·xr, gy·yr, 1): the same products summed in the same order as a matrix loop would.
    let n00 = 0;
    let n01 = 0;
    let n02 = 0;
    let n03 = 0;
    let n04 = 0;
    let n05 = 0;
    let n06 = 0;
    let n11 = 0;
    let n12 = 0;
    let n13 = 0;
    let n14 = 0;
    let n15 = 0;
    let n16 = 0;
    let n22 = 0;
    let n23 = 0;
    let n24 = 0;
    let n25 = 0;
    let n26 = 0;
    let n33 = 0;
    let n34 = 0;
    let n35 = 0;
    let n36 = 0;
    let n44 = 0;
    let n45 = 0;
    let n46 = 0;
    let n55 = 0;
    let n56 = 0;
    let n66 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let r4 = 0;
    let r5 = 0;
    let r6 = 0;
    const p0 = p[0] as number;
    const p1 = p[1] as number;
    const p2 = p[2] as number;
    const p3 = p[3] as number;
    const p4 = p[4] as number;
    const p5 = p[5] as number;
    const p6 = p[6] as number;
    let k = 0;
    let ok = true;
    for (let y = 0; y < bh && ok; y += ROW_STEP) {
      for (let x = 0; x < bw; x++, k++) {
        const xr = x0 + x - xc;
        const yr = y0 + y - yc;
        const qx = x0 + x + p0 + p2 * xr + p3 * yr;
        const qy = y0 + y + p1 + p4 * xr + p5 * yr;
        if (qx < 0 || qy < 0 || qx >= w - 1 || qy >= h - 1) {
          ok = false;
          break;
        }
        const e = sample(bd, w, qx, qy) + p6 - (tv[k] as number);
        const gx = tgx[k] as number;
        const gy = tgy[k] as number;
        const j2 = gx * xr;
        const j3 = gx * yr;
        const j4 = gy * xr;
        const j5 = gy * yr;
        r0 -= gx * e;
        n00 += gx * gx;
        n01 += gx * gy;
        n02 += gx * j2;
        n03 += gx * j3;
        n04 += gx * j4;
        n05 += gx * j5;
        n06 += gx * 1;
        r1 -= gy * e;
        n11 += gy * gy;
        n12 += gy * j2;
        n13 += gy * j3;
        n14 += gy * j4;
        n15 += gy * j5;
        n16 += gy * 1;
        r2 -= j2 * e;
        n22 += j2 * j2;
        n23 += j2 * j3;
        n24 += j2 * j4;
        n25 += j2 * j5;
        n26 += j2 * 1;
        r3 -= j3 * e;
        n33 += j3 * j3;
        n34 += j3 * j4;
        n35 += j3 * j5;
        n36 += j3 * 1;
        r4 -= j4 * e;
        n44 += j4 * j4;
        n45 += j4 * j5;
        n46 += j4 * 1;
        r5 -= j5 * e;
        n55 += j5 * j5;
        n56 += j5 * 1;
        r6 -= 1 * e;
        n66 += 1 * 1;
      }
    }
    NORMAL[0] = n00;
    NORMAL[1] = n01;
    NORMAL[2] = n02;
    NORMAL[3] = n03;
    NORMAL[4] = n04;
    NORMAL[5] = n05;
    NORMAL[6] = n06;
    NORMAL[8] = n11;
    NORMAL[9] = n12;
    NORMAL[10] = n13;
    NORMAL[11] = n14;
    NORMAL[12] = n15;
    NORMAL[13] = n16;
    NORMAL[16] = n22;
    NORMAL[17] = n23;
    NORMAL[18] = n24;
    NORMAL[19] = n25;
    NORMAL[20] = n26;
    NORMAL[24] = n33;
    NORMAL[25] = n34;
    NORMAL[26] = n35;
    NORMAL[27] = n36;
    NORMAL[32] = n44;
    NORMAL[33] = n45;
    NORMAL[34] = n46;
    NORMAL[40] = n55;
    NORMAL[41] = n56;
    NORMAL[48] = n66;
    RHS[0] = r0;
    RHS[1] = r1;
    RHS[2] = r2;
    RHS[3] = r3;
    RHS[4] = r4;
    RHS[5] = r5;
    RHS[6] = r6;
    if (!ok) return Number.NaN;
    for (let r = 0; r < 7; r++) for (let c = 0; c < r; c++) NORMAL[r * 7 + c] = NORMAL[c * 7 + r] as number;
    // A little damping keeps a weakly textured block from flying off (Levenberg–Marquardt style).
    for (let r = 0; r < 7; r++) NORMAL[r * 7 + r] = (NORMAL[r * 7 + r] as number) * 1.01 + 1e-3;
    if (!solve(NORMAL, RHS, 7)) break;
    for (let r = 0; r < 7; r++) p[r] = (p[r] as number) + (RHS[r] as number);
    // An affine map that shrinks, stretches or turns a block by > 30 % in one frame is no rigid motion.
    for (let r = 2; r < 6; r++) p[r] = Math.max(-0.3, Math.min(0.3, p[r] as number));
    if ((RHS[0] as number) ** 2 + (RHS[1] as number) ** 2 < 1e-4) break;
  }
  const camOk = inside(w, h, x0, y0, Math.max(bw, bh), cam.dx, cam.dy);
  let k = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++, k++) {
      const xr = x0 + x - xc;
      const yr = y0 + y - yc;
      const qx = x0 + x + (p[0] as number) + (p[2] as number) * xr + (p[3] as number) * yr;
      const qy = y0 + y + (p[1] as number) + (p[4] as number) * xr + (p[5] as number) * yr;
      if (qx < 0 || qy < 0 || qx >= w - 1 || qy >= h - 1) return Number.NaN;
      s.eo[k] = sample(bd, w, qx, qy);
      s.ec[k] = camOk ? sample(bd, w, x0 + x + cam.dx, y0 + y + cam.dy) : (s.tv[k] as number);
    }
  }
  return twoMotionMisfitOf(s, n, true, camOk, meanGrad);
}
