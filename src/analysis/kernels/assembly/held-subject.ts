// held-subject.ts's judgeCells on two level-1 images in linear memory: same f64 operations in
// the same order, f32 stores where it stored into Float32Arrays, and Math.hypot imported from the
// host (the engine's, so the test near the shift bound decides as the TypeScript did).

@external("env", "hypot")
declare function hostHypot(x: f64, y: f64): f64;

import { put, px, sample } from './pixels';

const CELL: i32 = 4;
const MIN_SHIFT_PX: f64 = 1.5;
const MIN_SHIFT_SQ_LOW: f64 = MIN_SHIFT_PX * MIN_SHIFT_PX * (1 - 1e-9);
const MIN_SHIFT_SQ_HIGH: f64 = MIN_SHIFT_PX * MIN_SHIFT_PX * (1 + 1e-9);
const VOTE_RATIO: f64 = 0.5;
const MIN_CAMERA_ERROR: f64 = 3;
const PIN_SHIFT_PX: i32 = 2;
const PIN_MARGIN: f64 = 1;

// Per-cell differences (16 f32 each).
const STILL = memory.data(CELL * CELL * 4, 16);
const CAM = memory.data(CELL * CELL * 4, 16);
const SHIFTED = memory.data(CELL * CELL * 4, 16);

/** Verdicts written per cell: not judged, judged, judged held, judged background. */
const NONE: u8 = 0;
const JUDGED: u8 = 1;
const HELD: u8 = 2;
const BACKGROUND: u8 = 3;

/** Error (offset removed) of one ±PIN_SHIFT_PX shift of the cell, or +∞ when it leaves the frame. */
function shiftError(cd: usize, od: usize, w: i32, h: i32, x0: i32, y0: i32, dx: i32, dy: i32): f64 {
  if (x0 + dx < 0 || y0 + dy < 0 || x0 + dx + CELL > w || y0 + dy + CELL > h) return Infinity;
  let sum: f64 = 0;
  let k: i32 = 0;
  for (let y = y0; y < y0 + CELL; y++) {
    for (let x = x0; x < x0 + CELL; x++) {
      const d = px(cd, y * w + x) - px(od, (y + dy) * w + x + dx);
      put(SHIFTED, k++, d);
      sum += d;
    }
  }
  const mean = sum / <f64>k;
  let e: f64 = 0;
  for (let j = 0; j < k; j++) e += abs<f64>(px(SHIFTED, j) - mean);
  return e / <f64>k;
}

/** shiftedError: the smallest error over the four shifts, in held-subject.ts's order. */
function shiftedError(cd: usize, od: usize, w: i32, h: i32, x0: i32, y0: i32): f64 {
  let best: f64 = Infinity;
  best = min<f64>(best, shiftError(cd, od, w, h, x0, y0, PIN_SHIFT_PX, 0));
  best = min<f64>(best, shiftError(cd, od, w, h, x0, y0, -PIN_SHIFT_PX, 0));
  best = min<f64>(best, shiftError(cd, od, w, h, x0, y0, 0, PIN_SHIFT_PX));
  best = min<f64>(best, shiftError(cd, od, w, h, x0, y0, 0, -PIN_SHIFT_PX));
  return best;
}

/**
 * judgeCells: each 4×4 cell of `cur` against `old` in place and through the camera map
 * (m00, m01, m10, m11, tx, ty: old → cur, centred level-1 coordinates); one verdict byte per cell
 * (cols × rows) into `verdicts`.
 */
export function judgeCells(
  od: usize, cd: usize, w: i32, h: i32,
  m00: f64, m01: f64, m10: f64, m11: f64, tx: f64, ty: f64,
  cols: i32, rows: i32, verdicts: usize,
): void {
  memory.fill(verdicts, NONE, <usize>(cols * rows));
  const hx = <f64>w / 2;
  const hy = <f64>h / 2;
  const det = m00 * m11 - m01 * m10;
  if (abs<f64>(det) < 1e-6) return;
  const i00 = m11 / det;
  const i01 = -m01 / det;
  const i10 = -m10 / det;
  const i11 = m00 / det;
  const fw1 = <f64>(w - 1);
  const fh1 = <f64>(h - 1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x0 = c * CELL;
      const y0 = r * CELL;
      const pxc = <f64>(x0 + CELL / 2) - hx;
      const pyc = <f64>(y0 + CELL / 2) - hy;
      const sx = m00 * pxc + m01 * pyc + tx - pxc;
      const sy = m10 * pxc + m11 * pyc + ty - pyc;
      const s2 = sx * sx + sy * sy;
      if (s2 < MIN_SHIFT_SQ_LOW || (s2 < MIN_SHIFT_SQ_HIGH && hostHypot(sx, sy) < MIN_SHIFT_PX)) continue;
      let n: i32 = 0;
      let sumStill: f64 = 0;
      let sumCam: f64 = 0;
      let grad: f64 = 0;
      for (let y = y0; y < y0 + CELL; y++) {
        for (let x = x0; x < x0 + CELL; x++) {
          const qx = <f64>x - hx - tx;
          const qy = <f64>y - hy - ty;
          const ox = i00 * qx + i01 * qy + hx;
          const oy = i10 * qx + i11 * qy + hy;
          if (ox < 0 || oy < 0 || ox >= fw1 || oy >= fh1) continue;
          const v = px(cd, y * w + x);
          const camV = sample(od, w, ox, oy);
          put(STILL, n, v - px(od, y * w + x));
          put(CAM, n, v - camV);
          sumStill += px(STILL, n);
          sumCam += px(CAM, n);
          if (x + 1 < w && y + 1 < h) {
            grad += abs<f64>(px(cd, y * w + x + 1) - v) + abs<f64>(px(cd, (y + 1) * w + x) - v);
          }
          n++;
        }
      }
      const fn = <f64>n;
      if (fn < <f64>(CELL * CELL) / 2 || grad / fn < 2) continue;
      const ms = sumStill / fn;
      const mc = sumCam / fn;
      let decisive: i32 = 0;
      let heldVotes: i32 = 0;
      let cameraVotes: i32 = 0;
      let stillError: f64 = 0;
      for (let k = 0; k < n; k++) {
        const es = abs<f64>(px(STILL, k) - ms);
        const ec = abs<f64>(px(CAM, k) - mc);
        stillError += es;
        if (max<f64>(es, ec) < MIN_CAMERA_ERROR * 2) continue;
        decisive++;
        if (es <= VOTE_RATIO * ec) heldVotes++;
        else if (ec <= VOTE_RATIO * es) cameraVotes++;
      }
      if (<f64>decisive < fn * 0.2) continue;
      const heldNow = <f64>heldVotes >= 0.5 * <f64>decisive;
      if (heldNow && stillError / fn > shiftedError(cd, od, w, h, x0, y0) - PIN_MARGIN) continue;
      const verdict = heldNow ? HELD : <f64>cameraVotes >= 0.5 * <f64>decisive ? BACKGROUND : JUDGED;
      store<u8>(verdicts + <usize>(r * cols + c), verdict);
    }
  }
}
