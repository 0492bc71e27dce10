/**
 * How badly a block's content fails to be *moved* from one frame to the next — the evidence for a
 * subject that morphs rather than moves. A block on a subject's edge holds two layers (subject and
 * background) with two motions; a block on a walking figure holds a limb or two. Each pixel is
 * therefore explained by the better of two motions: the block's own best translation and the
 * camera's motion at that point (each with its own brightness offset). Two rigid layers then leave
 * only noise; content that changes shape in place (warping, melting, texture swapping) matches
 * neither. The misfit is normalised by the block's mean gradient magnitude, which turns a gray-level
 * residual into roughly "pixels of unexplained displacement" — comparable across textures and
 * contrasts (a high-contrast edge moved by half a pixel leaves a large residual, a flat patch none).
 */
import type { GrayImage } from '../image.ts';

/** Every other row, as in block-flow.ts. */
const ROW_STEP = 2;

export type MisfitScratch = { eo: Float32Array; ec: Float32Array; tv: Float32Array };

export function createMisfitScratch(blockSize: number): MisfitScratch {
  const n = (blockSize + 2) * (blockSize + 2);
  return { eo: new Float32Array(n), ec: new Float32Array(n), tv: new Float32Array(n) };
}

/**
 * Replaces the matched values `v` by |v − (g·t + o)|, the block's own least-squares gain and offset
 * removed: a flash, flicker or exposure drift scales the block's contrast, which is not a change of
 * shape. The gain is kept within 0.5..2 so a block matched to the wrong content is not "fitted".
 */
function gainFreeErrors(t: Float32Array, v: Float32Array, n: number): void {
  let st = 0;
  let sv = 0;
  let stt = 0;
  let stv = 0;
  for (let k = 0; k < n; k++) {
    const a = t[k] as number;
    const b = v[k] as number;
    st += a;
    sv += b;
    stt += a * a;
    stv += a * b;
  }
  const mt = st / n;
  const mv = sv / n;
  const vart = stt / n - mt * mt;
  const g = vart > 1e-6 ? Math.max(0.5, Math.min(2, (stv / n - mt * mv) / vart)) : 1;
  const o = mv - g * mt;
  for (let k = 0; k < n; k++) v[k] = Math.abs((v[k] as number) - g * (t[k] as number) - o);
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
 * The misfit from the template `s.tv` and the values matched by the own (`s.eo`) and camera
 * (`s.ec`) motions: each made gain-free, then per pixel the better motion that stayed inside the
 * image, averaged and divided by the block's mean gradient (≈ px).
 */
function twoMotionMisfit(
  s: MisfitScratch,
  n: number,
  ownOk: boolean,
  camOk: boolean,
  meanGrad: number,
): number {
  gainFreeErrors(s.tv, s.eo, n);
  gainFreeErrors(s.tv, s.ec, n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const eo = s.eo[k] as number;
    const ec = s.ec[k] as number;
    sum += ownOk && camOk ? Math.min(eo, ec) : ownOk ? eo : ec;
  }
  return sum / n / meanGrad;
}

function inside(w: number, h: number, x0: number, y0: number, size: number, dx: number, dy: number): boolean {
  return x0 + dx >= 0 && y0 + dy >= 0 && x0 + size + dx < w - 1 && y0 + size + dy < h - 1;
}

/**
 * Two-motion misfit of the block of side `size` centred at (cx, cy): mean over its pixels of
 * min(|own error|, |camera error|) divided by the mean gradient magnitude (≈ px). NaN when the
 * block is flat (no gradient to normalise by) or both displaced blocks leave the image.
 */
export function blockMisfit(
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
  let grad = 0;
  let n = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++) {
      const i = (y0 + y) * w + x0 + x;
      const t = ad[i] as number;
      const gx = (ad[i + 1] as number) - (ad[i - 1] as number);
      const gy = (ad[i + w] as number) - (ad[i - w] as number);
      grad += 0.5 * (Math.abs(gx) + Math.abs(gy));
      s.tv[n] = t;
      s.eo[n] = ownOk ? sample(bd, w, x0 + x + own.dx, y0 + y + own.dy) : t;
      s.ec[n] = camOk ? sample(bd, w, x0 + x + cam.dx, y0 + y + cam.dy) : t;
      n++;
    }
  }
  const meanGrad = grad / n;
  if (meanGrad < 1) return Number.NaN;
  return twoMotionMisfit(s, n, ownOk, camOk, meanGrad);
}

export type AffineScratch = MisfitScratch & { tx: Float32Array; ty: Float32Array };

export function createAffineScratch(blockSize: number): AffineScratch {
  const n = (blockSize + 2) * (blockSize + 2);
  return {
    ...createMisfitScratch(blockSize),
    tx: new Float32Array(n),
    ty: new Float32Array(n),
  };
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

/**
 * `blockMisfit` with the block's own motion widened from a translation to an affine map (rotation,
 * scale, shear — fitted by Gauss–Newton from `own`). A rigid object that turns or approaches the
 * camera moves affinely within a block; a shape change does not. Used on the few worst blocks of a
 * pair, where the translation-only score is high.
 */
export function affineMisfit(
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
  const p = [own.dx, own.dy, 0, 0, 0, 0, 0];
  const J = new Float64Array(7);
  for (let iter = 0; iter < 4; iter++) {
    NORMAL.fill(0);
    RHS.fill(0);
    let k = 0;
    let ok = true;
    for (let y = 0; y < bh && ok; y += ROW_STEP) {
      for (let x = 0; x < bw; x++, k++) {
        const xr = x0 + x - xc;
        const yr = y0 + y - yc;
        const qx = x0 + x + (p[0] as number) + (p[2] as number) * xr + (p[3] as number) * yr;
        const qy = y0 + y + (p[1] as number) + (p[4] as number) * xr + (p[5] as number) * yr;
        if (qx < 0 || qy < 0 || qx >= w - 1 || qy >= h - 1) {
          ok = false;
          break;
        }
        const e = sample(bd, w, qx, qy) + (p[6] as number) - (s.tv[k] as number);
        const gx = s.tx[k] as number;
        const gy = s.ty[k] as number;
        J[0] = gx;
        J[1] = gy;
        J[2] = gx * xr;
        J[3] = gx * yr;
        J[4] = gy * xr;
        J[5] = gy * yr;
        J[6] = 1;
        for (let r = 0; r < 7; r++) {
          const jr = J[r] as number;
          RHS[r] = (RHS[r] as number) - jr * e;
          for (let c = r; c < 7; c++)
            NORMAL[r * 7 + c] = (NORMAL[r * 7 + c] as number) + jr * (J[c] as number);
        }
      }
    }
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
  return twoMotionMisfit(s, n, true, camOk, meanGrad);
}
