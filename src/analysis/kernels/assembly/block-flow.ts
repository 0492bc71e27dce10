// Block flow (block-flow.ts's estimateBlockFlow, chooseStart, refineBlock) on images in linear
// memory. Every operation is the TypeScript's in the same order on f64 (f32 loads promoted, f32
// stores rounded as a Float32Array store rounds), so the vectors and residuals are bit-identical.

/** Every other row of a block enters the sums (block-flow.ts). */
import { px } from './pixels';

const ROW_STEP: i32 = 2;
const MIN_TEXTURE: f64 = 3;
const MAX_RESIDUAL: f64 = 18;

// refineBlock's result vector (a function returns one value; these carry the other two).
let outDx: f64 = 0;
let outDy: f64 = 0;

/** Σ |b(x + d) − a(x) − off| over the block's sampled rows. */
function sadWithOffset(ad: usize, bd: usize, w: i32, x0: i32, y0: i32, size: i32, dx: i32, dy: i32, off: f64): f64 {
  let sad: f64 = 0;
  for (let y = 0; y < size; y += ROW_STEP) {
    const ra = (y0 + y) * w + x0;
    const rb = (y0 + y + dy) * w + x0 + dx;
    for (let x = 0; x < size; x++) {
      const d = px(bd, rb + x) - px(ad, ra + x) - off;
      sad += abs<f64>(d);
    }
  }
  return sad;
}

/** chooseStart: the start (global shift or none) with the smaller offset-free SAD, into outDx/outDy. */
function chooseStart(ad: usize, bd: usize, w: i32, h: i32, cx: f64, cy: f64, half: i32, gx: i32, gy: i32): void {
  outDx = 0;
  outDy = 0;
  if (gx == 0 && gy == 0) return;
  const x0 = <i32>Math.round(cx - <f64>half);
  const y0 = <i32>Math.round(cy - <f64>half);
  const size = 2 * half;
  const blockIn = x0 >= 0 && y0 >= 0 && x0 + size <= w && y0 + size <= h;
  const movingIn = blockIn && x0 + gx >= 0 && y0 + gy >= 0 && x0 + gx + size <= w && y0 + gy + size <= h;
  if (!blockIn) {
    outDx = gx;
    outDy = gy;
    return;
  }
  let ma: f64 = 0;
  let mbStill: f64 = 0;
  let mbMoving: f64 = 0;
  for (let y = 0; y < size; y += ROW_STEP) {
    const ra = (y0 + y) * w + x0;
    const rm = movingIn ? (y0 + y + gy) * w + x0 + gx : ra;
    for (let x = 0; x < size; x++) {
      ma += px(ad, ra + x);
      mbStill += px(bd, ra + x);
      mbMoving += px(bd, rm + x);
    }
  }
  const n = <f64>(size * ((size + ROW_STEP - 1) / ROW_STEP));
  const still = sadWithOffset(ad, bd, w, x0, y0, size, 0, 0, (mbStill - ma) / n);
  const moving = movingIn ? sadWithOffset(ad, bd, w, x0, y0, size, gx, gy, (mbMoving - ma) / n) : Infinity;
  if (!(still < moving)) {
    outDx = gx;
    outDy = gy;
  }
}

/** refineBlock: Lucas–Kanade translation + offset from (outDx, outDy); the residual or +∞, the vector in outDx/outDy. */
function refineBlock(ad: usize, bd: usize, w: i32, h: i32, cx: f64, cy: f64, half: i32, tt: usize, tgx: usize, tgy: usize, te: usize): f64 {
  const x0 = max<i32>(1, <i32>Math.round(cx - <f64>half));
  const y0 = max<i32>(1, <i32>Math.round(cy - <f64>half));
  const bw = min<i32>(w - 1, x0 + 2 * half) - x0;
  const bh = min<i32>(h - 1, y0 + 2 * half) - y0;
  let sxx: f64 = 0;
  let sxy: f64 = 0;
  let syy: f64 = 0;
  let sx: f64 = 0;
  let sy: f64 = 0;
  const n = <f64>bw * <f64>(bh > 0 ? (bh + ROW_STEP - 1) / ROW_STEP : 0);
  for (let y = 0; y < bh; y += ROW_STEP) {
    let i = (y0 + y) * w + x0;
    let k = y * bw;
    for (let x = 0; x < bw; x++, i++, k++) {
      const gx = 0.5 * (px(ad, i + 1) - px(ad, i - 1));
      const gy = 0.5 * (px(ad, i + w) - px(ad, i - w));
      store<f32>(tt + (<usize>k << 2), load<f32>(ad + (<usize>i << 2)));
      store<f32>(tgx + (<usize>k << 2), <f32>gx);
      store<f32>(tgy + (<usize>k << 2), <f32>gy);
      sxx += gx * gx;
      sxy += gx * gy;
      syy += gy * gy;
      sx += gx;
      sy += gy;
    }
  }
  const tr = sxx + syy;
  const det2 = sxx * syy - sxy * sxy;
  const minEig = 0.5 * (tr - Math.sqrt(max<f64>(0, tr * tr - 4 * det2)));
  if (n <= 0 || minEig / n < MIN_TEXTURE) return Infinity;
  const m00 = syy * n - sy * sy;
  const m01 = -(sxy * n - sy * sx);
  const m02 = sxy * sy - syy * sx;
  const m11 = sxx * n - sx * sx;
  const m12 = -(sxx * sy - sxy * sx);
  const det = sxx * m00 + sxy * m01 + sx * m02;
  if (abs<f64>(det) < 1e-9) return Infinity;
  let dx = outDx;
  let dy = outDy;
  const fw = <f64>w;
  const fh = <f64>h;
  for (let iter = 0; iter < 8; iter++) {
    if (leaves(x0, y0, bw, bh, dx, dy, fw, fh)) {
      return Infinity;
    }
    const fxF = Math.floor(dx);
    const fyF = Math.floor(dy);
    const fxI = <i32>fxF;
    const fyI = <i32>fyF;
    const fx = dx - fxF;
    const fy = dy - fyF;
    let ex: f64 = 0;
    let ey: f64 = 0;
    let e1: f64 = 0;
    if (fx == 0 && fy == 0) {
      for (let y = 0; y < bh; y += ROW_STEP) {
        let i = (y0 + y + fyI) * w + x0 + fxI;
        let k = y * bw;
        for (let x = 0; x < bw; x++, i++, k++) {
          const e = px(bd, i) - px(tt, k);
          ex += px(tgx, k) * e;
          ey += px(tgy, k) * e;
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
          const e = w00 * px(bd, i) + w01 * px(bd, i + 1) + w10 * px(bd, i + w) + w11 * px(bd, i + w + 1) - px(tt, k);
          ex += px(tgx, k) * e;
          ey += px(tgy, k) * e;
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
  if (leaves(x0, y0, bw, bh, dx, dy, fw, fh)) {
    return Infinity;
  }
  const fxF = Math.floor(dx);
  const fyF = Math.floor(dy);
  const fxI = <i32>fxF;
  const fyI = <i32>fyF;
  const fx = dx - fxF;
  const fy = dy - fyF;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  let mean: f64 = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    let i = (y0 + y + fyI) * w + x0 + fxI;
    let k = y * bw;
    for (let x = 0; x < bw; x++, i++, k++) {
      const v = w00 * px(bd, i) + w01 * px(bd, i + 1) + w10 * px(bd, i + w) + w11 * px(bd, i + w + 1);
      const e = <f32>(v - px(tt, k));
      store<f32>(te + (<usize>k << 2), e);
      mean += <f64>e;
    }
  }
  mean /= n;
  let res: f64 = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let k = y * bw, end = k + bw; k < end; k++) {
      const e = px(te, k) - mean;
      res += abs<f64>(e);
    }
  }
  outDx = dx;
  outDy = dy;
  return res / n;
}

/** The block at (x0, y0), bw × bh, displaced by (dx, dy) reaches past the bilinear sampling's margin. */
@inline function leaves(x0: i32, y0: i32, bw: i32, bh: i32, dx: f64, dy: f64, fw: f64, fh: f64): bool {
  return <f64>x0 + dx < 0 || <f64>y0 + dy < 0 || <f64>(x0 + bw) + dx > fw - 2 || <f64>(y0 + bh) + dy > fh - 2;
}

/**
 * estimateBlockFlow's loop over the grid: images a (prev) and b (cur) of w×h f32 pixels, block
 * centres cx/cy (f32, count), block half-side, the rounded coarse shift (gx, gy), a scratch of
 * 4 × (2·half + 2)² f32, and the outputs u, v, residual (f32) and valid (u8).
 */
export function blockFlow(
  a: usize, b: usize, w: i32, h: i32,
  cxs: usize, cys: usize, count: i32, half: i32, gx: i32, gy: i32,
  scratch: usize,
  u: usize, v: usize, residual: usize, valid: usize,
): void {
  const side = 2 * half + 2;
  const plane = <usize>(side * side) << 2;
  const tt = scratch;
  const tgx = scratch + plane;
  const tgy = tgx + plane;
  const te = tgy + plane;
  for (let i = 0; i < count; i++) {
    const cx = <f64>load<f32>(cxs + (<usize>i << 2));
    const cy = <f64>load<f32>(cys + (<usize>i << 2));
    chooseStart(a, b, w, h, cx, cy, half, gx, gy);
    const res = refineBlock(a, b, w, h, cx, cy, half, tt, tgx, tgy, te);
    const o = <usize>i << 2;
    if (isFinite<f64>(res) && res < MAX_RESIDUAL) {
      store<f32>(u + o, <f32>outDx);
      store<f32>(v + o, <f32>outDy);
      store<f32>(residual + o, <f32>res);
      store<u8>(valid + <usize>i, 1);
    } else {
      const finite = isFinite<f64>(res);
      store<f32>(u + o, finite ? <f32>outDx : 0);
      store<f32>(v + o, finite ? <f32>outDy : 0);
      store<f32>(residual + o, finite ? <f32>res : 255);
      store<u8>(valid + <usize>i, 0);
    }
  }
}
