// The two-motion block misfit (layer-misfit.ts's blockMisfit and affineMisfit) on images in linear
// memory. Same operations in the same order as the TypeScript they replace, on f64 with f32
// stores where it stored into Float32Arrays: bit-identical results.

import { put, px, sample } from './pixels';

const ROW_STEP: i32 = 2;

@inline function blockStart(c: f64, size: i32): i32 {
  return max<i32>(1, <i32>Math.round(c - <f64>size / 2));
}

@inline function blockSpan(start: i32, size: i32, limit: i32): i32 {
  return min<i32>(limit - 2, start + size) - start;
}

@inline function inside(w: i32, h: i32, x0: i32, y0: i32, size: i32, dx: f64, dy: f64): bool {
  return <f64>x0 + dx >= 0 && <f64>y0 + dy >= 0 && <f64>(x0 + size) + dx < <f64>(w - 1) && <f64>(y0 + size) + dy < <f64>(h - 1);
}

let gain: f64 = 1;
let offset: f64 = 0;

/** The block's least-squares gain (kept in 0.5..2) and offset from t to v (into gain/offset). */
function gainOffset(n: f64, st: f64, stt: f64, sv: f64, stv: f64): void {
  const mt = st / n;
  const mv = sv / n;
  const vart = stt / n - mt * mt;
  const g = vart > 1e-6 ? max<f64>(0.5, min<f64>(2, (stv / n - mt * mv) / vart)) : 1;
  gain = g;
  offset = mv - g * mt;
}

/** twoMotionMisfit: gain-free errors (rounded to f32), per pixel the better motion, mean / meanGrad. */
function twoMotionMisfit(
  tv: usize, eo: usize, ec: usize, n: i32, ownOk: bool, camOk: bool, meanGrad: f64,
  st: f64, stt: f64, svo: f64, stvo: f64, svc: f64, stvc: f64,
): f64 {
  const fn = <f64>n;
  gainOffset(fn, st, stt, svo, stvo);
  const go = gain;
  const oo = offset;
  gainOffset(fn, st, stt, svc, stvc);
  const gc = gain;
  const oc = offset;
  let sum: f64 = 0;
  if (ownOk && camOk) {
    for (let k = 0; k < n; k++) {
      const t = px(tv, k);
      const a = <f64><f32>abs<f64>(px(eo, k) - go * t - oo);
      const b = <f64><f32>abs<f64>(px(ec, k) - gc * t - oc);
      sum += min<f64>(a, b);
    }
  } else if (ownOk) {
    for (let k = 0; k < n; k++) sum += <f64><f32>abs<f64>(px(eo, k) - go * px(tv, k) - oo);
  } else {
    for (let k = 0; k < n; k++) sum += <f64><f32>abs<f64>(px(ec, k) - gc * px(tv, k) - oc);
  }
  return sum / fn / meanGrad;
}

/**
 * blockMisfit: the block of side `size` centred at (cx, cy) of image a against b moved by its own
 * translation and by the camera's; NaN when flat or both displaced blocks leave the image.
 * `scratch` holds 3 planes of (size + 2)² f32.
 */
export function blockMisfit(
  a: usize, b: usize, w: i32, h: i32, cx: f64, cy: f64, size: i32,
  ownDx: f64, ownDy: f64, camDx: f64, camDy: f64, scratch: usize,
): f64 {
  const x0 = blockStart(cx, size);
  const y0 = blockStart(cy, size);
  const bw = blockSpan(x0, size, w);
  const bh = blockSpan(y0, size, h);
  if (bw <= 2 || bh <= 2) return NaN;
  const ownOk = inside(w, h, x0, y0, max<i32>(bw, bh), ownDx, ownDy);
  const camOk = inside(w, h, x0, y0, max<i32>(bw, bh), camDx, camDy);
  if (!ownOk && !camOk) return NaN;
  const plane = <usize>((size + 2) * (size + 2)) << 2;
  const tv = scratch;
  const eo = tv + plane;
  const ec = eo + plane;
  let grad: f64 = 0;
  let n: i32 = 0;
  let st: f64 = 0;
  let stt: f64 = 0;
  let svo: f64 = 0;
  let stvo: f64 = 0;
  let svc: f64 = 0;
  let stvc: f64 = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++) {
      const i = (y0 + y) * w + x0 + x;
      const t = px(a, i);
      const gx = px(a, i + 1) - px(a, i - 1);
      const gy = px(a, i + w) - px(a, i - w);
      grad += 0.5 * (abs<f64>(gx) + abs<f64>(gy));
      const o = ownOk ? <f64><f32>sample(b, w, <f64>(x0 + x) + ownDx, <f64>(y0 + y) + ownDy) : t;
      const c = camOk ? <f64><f32>sample(b, w, <f64>(x0 + x) + camDx, <f64>(y0 + y) + camDy) : t;
      put(tv, n, t);
      put(eo, n, o);
      put(ec, n, c);
      st += t;
      stt += t * t;
      svo += o;
      stvo += t * o;
      svc += c;
      stvc += t * c;
      n++;
    }
  }
  const meanGrad = grad / <f64>n;
  if (meanGrad < 1) return NaN;
  return twoMotionMisfit(tv, eo, ec, n, ownOk, camOk, meanGrad, st, stt, svo, stvo, svc, stvc);
}

// The 7×7 normal equations, right-hand side and parameters of affineMisfit (static: no allocator).
const NORMAL = memory.data(49 * 8, 16);
const RHS = memory.data(7 * 8, 16);
const P = memory.data(7 * 8, 16);

@inline function m(r: i32, c: i32): f64 {
  return load<f64>(NORMAL + (<usize>(r * 7 + c) << 3));
}
@inline function setM(r: i32, c: i32, v: f64): void {
  store<f64>(NORMAL + (<usize>(r * 7 + c) << 3), v);
}
@inline function rv(r: i32): f64 {
  return load<f64>(RHS + (<usize>r << 3));
}
@inline function setR(r: i32, v: f64): void {
  store<f64>(RHS + (<usize>r << 3), v);
}
@inline function pv(r: i32): f64 {
  return load<f64>(P + (<usize>r << 3));
}
@inline function setP(r: i32, v: f64): void {
  store<f64>(P + (<usize>r << 3), v);
}

/** Solves NORMAL·x = RHS (7×7) in place by Gaussian elimination with partial pivoting; false if singular. */
function solve7(): bool {
  const n = 7;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let k = c + 1; k < n; k++) if (abs<f64>(m(k, c)) > abs<f64>(m(p, c))) p = k;
    if (abs<f64>(m(p, c)) < 1e-9) return false;
    if (p != c) {
      for (let k = 0; k < n; k++) {
        const t = m(c, k);
        setM(c, k, m(p, k));
        setM(p, k, t);
      }
      const t = rv(c);
      setR(c, rv(p));
      setR(p, t);
    }
    for (let k = c + 1; k < n; k++) {
      const f = m(k, c) / m(c, c);
      if (f == 0) continue;
      for (let j = c; j < n; j++) setM(k, j, m(k, j) - f * m(c, j));
      setR(k, rv(k) - f * rv(c));
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = rv(c);
    for (let k = c + 1; k < n; k++) s -= m(c, k) * rv(k);
    setR(c, s / m(c, c));
  }
  return true;
}

/**
 * affineMisfit: blockMisfit with the own motion an affine map fitted by damped Gauss–Newton from
 * the own translation. `scratch` holds 5 planes of (size + 2)² f32 (tv, eo, ec, tx, ty).
 */
export function affineMisfit(
  a: usize, b: usize, w: i32, h: i32, cx: f64, cy: f64, size: i32,
  ownDx: f64, ownDy: f64, camDx: f64, camDy: f64, scratch: usize,
): f64 {
  const x0 = blockStart(cx, size);
  const y0 = blockStart(cy, size);
  const bw = blockSpan(x0, size, w);
  const bh = blockSpan(y0, size, h);
  if (bw <= 4 || bh <= 4) return NaN;
  const xc = <f64>x0 + <f64>bw / 2;
  const yc = <f64>y0 + <f64>bh / 2;
  const plane = <usize>((size + 2) * (size + 2)) << 2;
  const tv = scratch;
  const eo = tv + plane;
  const ec = eo + plane;
  const tgx = ec + plane;
  const tgy = tgx + plane;
  let n: i32 = 0;
  let grad: f64 = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++) {
      const i = (y0 + y) * w + x0 + x;
      const gx = 0.5 * (px(a, i + 1) - px(a, i - 1));
      const gy = 0.5 * (px(a, i + w) - px(a, i - w));
      put(tv, n, px(a, i));
      put(tgx, n, gx);
      put(tgy, n, gy);
      grad += abs<f64>(gx) + abs<f64>(gy);
      n++;
    }
  }
  const meanGrad = grad / <f64>n;
  if (meanGrad < 1) return NaN;
  setP(0, ownDx);
  setP(1, ownDy);
  for (let r = 2; r < 7; r++) setP(r, 0);
  const fw1 = <f64>(w - 1);
  const fh1 = <f64>(h - 1);
  for (let iter = 0; iter < 4; iter++) {
    let n00: f64 = 0, n01: f64 = 0, n02: f64 = 0, n03: f64 = 0, n04: f64 = 0, n05: f64 = 0, n06: f64 = 0;
    let n11: f64 = 0, n12: f64 = 0, n13: f64 = 0, n14: f64 = 0, n15: f64 = 0, n16: f64 = 0;
    let n22: f64 = 0, n23: f64 = 0, n24: f64 = 0, n25: f64 = 0, n26: f64 = 0;
    let n33: f64 = 0, n34: f64 = 0, n35: f64 = 0, n36: f64 = 0;
    let n44: f64 = 0, n45: f64 = 0, n46: f64 = 0;
    let n55: f64 = 0, n56: f64 = 0;
    let n66: f64 = 0;
    let r0: f64 = 0, r1: f64 = 0, r2: f64 = 0, r3: f64 = 0, r4: f64 = 0, r5: f64 = 0, r6: f64 = 0;
    const p0 = pv(0), p1 = pv(1), p2 = pv(2), p3 = pv(3), p4 = pv(4), p5 = pv(5), p6 = pv(6);
    let k: i32 = 0;
    let ok = true;
    for (let y = 0; y < bh && ok; y += ROW_STEP) {
      for (let x = 0; x < bw; x++, k++) {
        const xr = <f64>(x0 + x) - xc;
        const yr = <f64>(y0 + y) - yc;
        const qx = <f64>(x0 + x) + p0 + p2 * xr + p3 * yr;
        const qy = <f64>(y0 + y) + p1 + p4 * xr + p5 * yr;
        if (qx < 0 || qy < 0 || qx >= fw1 || qy >= fh1) {
          ok = false;
          break;
        }
        const e = sample(b, w, qx, qy) + p6 - px(tv, k);
        const gx = px(tgx, k);
        const gy = px(tgy, k);
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
        n06 += gx;
        r1 -= gy * e;
        n11 += gy * gy;
        n12 += gy * j2;
        n13 += gy * j3;
        n14 += gy * j4;
        n15 += gy * j5;
        n16 += gy;
        r2 -= j2 * e;
        n22 += j2 * j2;
        n23 += j2 * j3;
        n24 += j2 * j4;
        n25 += j2 * j5;
        n26 += j2;
        r3 -= j3 * e;
        n33 += j3 * j3;
        n34 += j3 * j4;
        n35 += j3 * j5;
        n36 += j3;
        r4 -= j4 * e;
        n44 += j4 * j4;
        n45 += j4 * j5;
        n46 += j4;
        r5 -= j5 * e;
        n55 += j5 * j5;
        n56 += j5;
        r6 -= e;
        n66 += 1;
      }
    }
    if (!ok) return NaN;
    setM(0, 0, n00); setM(0, 1, n01); setM(0, 2, n02); setM(0, 3, n03); setM(0, 4, n04); setM(0, 5, n05); setM(0, 6, n06);
    setM(1, 1, n11); setM(1, 2, n12); setM(1, 3, n13); setM(1, 4, n14); setM(1, 5, n15); setM(1, 6, n16);
    setM(2, 2, n22); setM(2, 3, n23); setM(2, 4, n24); setM(2, 5, n25); setM(2, 6, n26);
    setM(3, 3, n33); setM(3, 4, n34); setM(3, 5, n35); setM(3, 6, n36);
    setM(4, 4, n44); setM(4, 5, n45); setM(4, 6, n46);
    setM(5, 5, n55); setM(5, 6, n56);
    setM(6, 6, n66);
    setR(0, r0); setR(1, r1); setR(2, r2); setR(3, r3); setR(4, r4); setR(5, r5); setR(6, r6);
    for (let r = 0; r < 7; r++) for (let c = 0; c < r; c++) setM(r, c, m(c, r));
    // A little damping keeps a weakly textured block from flying off (Levenberg–Marquardt style).
    for (let r = 0; r < 7; r++) setM(r, r, m(r, r) * 1.01 + 1e-3);
    if (!solve7()) break;
    for (let r = 0; r < 7; r++) setP(r, pv(r) + rv(r));
    for (let r = 2; r < 6; r++) setP(r, max<f64>(-0.3, min<f64>(0.3, pv(r))));
    if (rv(0) * rv(0) + rv(1) * rv(1) < 1e-4) break;
  }
  const camOk = inside(w, h, x0, y0, max<i32>(bw, bh), camDx, camDy);
  let k: i32 = 0;
  for (let y = 0; y < bh; y += ROW_STEP) {
    for (let x = 0; x < bw; x++, k++) {
      const xr = <f64>(x0 + x) - xc;
      const yr = <f64>(y0 + y) - yc;
      const qx = <f64>(x0 + x) + pv(0) + pv(2) * xr + pv(3) * yr;
      const qy = <f64>(y0 + y) + pv(1) + pv(4) * xr + pv(5) * yr;
      if (qx < 0 || qy < 0 || qx >= fw1 || qy >= fh1) return NaN;
      put(eo, k, sample(b, w, qx, qy));
      put(ec, k, camOk ? sample(b, w, <f64>(x0 + x) + camDx, <f64>(y0 + y) + camDy) : px(tv, k));
    }
  }
  // twoMotionMisfitOf: the sums over the stored (f32) values.
  let st: f64 = 0, stt: f64 = 0, svo: f64 = 0, stvo: f64 = 0, svc: f64 = 0, stvc: f64 = 0;
  for (let j = 0; j < n; j++) {
    const t = px(tv, j);
    const o = px(eo, j);
    const c = px(ec, j);
    st += t;
    stt += t * t;
    svo += o;
    stvo += t * o;
    svc += c;
    stvc += t * c;
  }
  return twoMotionMisfit(tv, eo, ec, n, true, camOk, meanGrad, st, stt, svo, stvo, svc, stvc);
}
