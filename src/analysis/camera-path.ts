/**
 * The camera path: cumulative content displacement (frame fractions) per frame, restarted at every
 * cut, with unusable pairs filled by their segment's median step. Shake and zoom jumps read it.
 */
import { type ClipContext, median, usablePair } from './clip-context.ts';

export type CameraPath = {
  /** Cumulative horizontal and vertical displacement (frame fractions) and log scale, per record. */
  x: Float64Array;
  y: Float64Array;
  logScale: Float64Array;
  /** Segment id per record (a new id after every cut). */
  segment: Int32Array;
};

/** Integrates the per-pair motion into a path. */
export function cameraPath(ctx: ClipContext): CameraPath {
  const n = ctx.records.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const ds = new Float64Array(n);
  const ok = new Uint8Array(n);
  const segment = new Int32Array(n);
  let seg = 0;
  for (let i = 0; i < n; i++) {
    const r = ctx.records[i];
    if (!r) continue;
    if (i > 0 && ctx.cutFrames.has(r.index)) seg++;
    segment[i] = seg;
    if (usablePair(ctx, r)) {
      dx[i] = r.tx / ctx.width;
      dy[i] = r.ty / ctx.height;
      ds[i] = Math.log(Math.hypot(1 + r.a, r.b));
      ok[i] = 1;
    }
  }
  // Fill unusable steps with the segment median so a failed pair is not a jolt.
  for (let s = 0; s <= seg; s++) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (segment[i] === s && ok[i]) idx.push(i);
    const mx = idx.length > 0 ? median(idx.map((i) => dx[i] as number)) : 0;
    const my = idx.length > 0 ? median(idx.map((i) => dy[i] as number)) : 0;
    for (let i = 0; i < n; i++) {
      if (segment[i] !== s || ok[i]) continue;
      const first = i === 0 || segment[i - 1] !== s;
      dx[i] = first ? 0 : mx;
      dy[i] = first ? 0 : my;
      ds[i] = 0;
    }
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const logScale = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const restart = segment[i] !== segment[i - 1];
    x[i] = restart ? 0 : (x[i - 1] as number) + (dx[i] as number);
    y[i] = restart ? 0 : (y[i - 1] as number) + (dy[i] as number);
    logScale[i] = restart ? 0 : (logScale[i - 1] as number) + (ds[i] as number);
  }
  return { x, y, logScale, segment };
}

/** Centred moving average within each segment, the window shrinking symmetrically at the ends. */
export function smoothWithin(values: Float64Array, segment: Int32Array, halfWindow: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = i;
    let hi = i;
    while (i - lo < halfWindow && lo > 0 && segment[lo - 1] === segment[i]) lo--;
    while (hi - i < halfWindow && hi < n - 1 && segment[hi + 1] === segment[i]) hi++;
    const k = Math.min(i - lo, hi - i);
    let s = 0;
    for (let j = i - k; j <= i + k; j++) s += values[j] as number;
    out[i] = s / (2 * k + 1);
  }
  return out;
}
