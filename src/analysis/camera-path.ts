/**
 * The camera path: cumulative content displacement (frame fractions) per frame, restarted at every
 * cut, with unusable pairs filled by their segment's median step and single scale steps larger than
 * a zoom jump replaced by it. Camera rates and shake read it.
 */
import { type ClipContext, median, usablePair } from './clip-context.ts';
import { lightJump, mostlyClippedFrames } from './exposure.ts';
import type { FrameRecord } from './features.ts';
import { analysisGrid } from './motion/block-grid.ts';

export type CameraPath = {
  /** Cumulative horizontal and vertical displacement (frame fractions) and log scale, per record. */
  x: Float64Array;
  y: Float64Array;
  logScale: Float64Array;
  /** Cumulative content rotation (radians, + = clockwise on screen). */
  angle: Float64Array;
  /** Segment id per record (a new id after every cut). */
  segment: Int32Array;
  /** Per segment id: 1 when its fits were mostly local (no evidence of camera motion). */
  blind: Uint8Array;
};

/**
 * Integrates the per-pair motion into a path. With `longBaseline`, the steps inside every reliable
 * span (span-motion.ts: fit agreed by ≥ half the blocks, same shot, no framing jump inside) are
 * replaced by the span's directly measured motion, spread evenly: the better rate, without the
 * per-frame jitter shake needs.
 */
export function cameraPath(ctx: ClipContext, longBaseline = false): CameraPath {
  let entry = paths.get(ctx);
  if (entry === undefined) {
    entry = {};
    paths.set(ctx, entry);
  }
  if (longBaseline) {
    entry.long ??= integratePath(ctx, true);
    return entry.long;
  }
  entry.short ??= integratePath(ctx, false);
  return entry.short;
}

/**
 * Each clip's two paths, computed once: camera-move reads the long-baseline one, shake and
 * zoom-jump the per-pair one. A clip context is not changed once built, and callers only read
 * the path's arrays.
 */
const paths = new WeakMap<ClipContext, { short?: CameraPath; long?: CameraPath }>();

function integratePath(ctx: ClipContext, longBaseline: boolean): CameraPath {
  const n = ctx.records.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const ds = new Float64Array(n);
  const dr = new Float64Array(n);
  const ok = new Uint8Array(n);
  const jumped = new Uint8Array(n);
  const segment = new Int32Array(n);
  const local = new Uint8Array(n);
  const rawScale = new Float64Array(n);
  const gridBlocks = analysisGrid(ctx.width, ctx.height).count;
  const clipped = mostlyClippedFrames(ctx.records);
  let seg = 0;
  let repeats = 0;
  for (let i = 0; i < n; i++) {
    const r = ctx.records[i];
    if (!r) continue;
    if (i > 0 && ctx.cutFrames.has(r.index)) seg++;
    segment[i] = seg;
    // Repeated frames (a freeze) and the catch-up step after them say nothing about the camera's
    // rate: both are filled with the typical step below, so a freeze neither slows a move nor
    // leaves a jolt.
    const repeat = r.hasPrev && r.mad < ctx.thresholds.freezeMad;
    const catchUp = !repeat && repeats >= ctx.thresholds.freezeMinPairs;
    repeats = repeat ? repeats + 1 : 0;
    const prev = ctx.records[i - 1];
    const flash = prev !== undefined && lightJump(prev, r);
    // A mostly clipped frame (a blown-out stretch) leaves a handful of blocks: their fit is noise.
    const blown = clipped[i] === true || clipped[i - 1] === true;
    // A fit resting on a few textured blocks bunched in one place (an object before a blank
    // wall) follows that object; the camera would move the whole frame.
    if (usablePair(ctx, r)) {
      // The centred zoom search, where it matches better than the fit, tells the true scale step
      // (a framing jump moves border blocks out of the block search and the fit goes astray).
      const searched = r.zoomNcc >= 0.6 && r.zoomNcc > r.mcNcc;
      rawScale[i] = searched ? r.zoomLogScale : Math.log(Math.hypot(1 + r.a, r.b));
      if (localFit(r, gridBlocks)) local[i] = 1;
    }
    if (usablePair(ctx, r) && !repeat && !catchUp && !flash && !blown && !local[i]) {
      dx[i] = r.tx / ctx.width;
      dy[i] = r.ty / ctx.height;
      ds[i] = Math.log(Math.hypot(1 + r.a, r.b));
      dr[i] = Math.atan2(r.b, 1 + r.a);
      ok[i] = 1;
    }
  }
  // Fill unusable steps with the segment median so a failed pair is not a jolt. A segment whose
  // fits are mostly local has no evidence of camera motion at all: it stays still.
  const blind = new Uint8Array(seg + 1);
  for (let s = 0; s <= seg; s++) {
    let pairs = 0;
    let locals = 0;
    for (let i = 1; i < n; i++) {
      if (segment[i] !== s || segment[i - 1] !== s) continue;
      pairs++;
      locals += local[i] as number;
    }
    if (pairs > 0 && locals > BLIND_SHARE * pairs) blind[s] = 1;
  }
  for (let s = 0; s <= seg; s++) {
    const idx: number[] = [];
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      if (segment[i] !== s) continue;
      pairs++;
      if (ok[i] && !blind[s]) idx.push(i);
    }
    // Too few readable pairs are no typical step: a still shot whose frames repeat exactly, with
    // a strong flicker in the middle, keeps only the pairs at the flicker's edges — their fits
    // follow the clipping boundary, and as the fill they would drift the whole path.
    if (idx.length < Math.max(MIN_TYPICAL_PAIRS, MIN_TYPICAL_SHARE * pairs)) idx.length = 0;
    const mx = idx.length > 0 ? median(idx.map((i) => dx[i] as number)) : 0;
    const my = idx.length > 0 ? median(idx.map((i) => dy[i] as number)) : 0;
    const ms = idx.length > 0 ? median(idx.map((i) => ds[i] as number)) : 0;
    const mr = idx.length > 0 ? median(idx.map((i) => dr[i] as number)) : 0;
    for (let i = 0; i < n; i++) {
      // A framing jump (zoom_jump) is one abrupt scale step, not the camera's zoom rate: it keeps
      // its place in the path only as the segment's typical step. (A jump often leaves too few
      // blocks for a spread fit — a local pair — yet still marks the spans across it.)
      // The whole step goes: the fit across a jump is astray in translation and turn too.
      const jump = Math.abs((rawScale[i] as number) - ms) > ctx.thresholds.zoomJumpLogScale;
      if (segment[i] === s && (ok[i] || local[i]) && jump) jumped[i] = 1;
      if (segment[i] !== s || (ok[i] && !blind[s] && !jumped[i])) continue;
      const first = i === 0 || segment[i - 1] !== s;
      dx[i] = first ? 0 : mx;
      dy[i] = first ? 0 : my;
      ds[i] = first ? 0 : ms;
      dr[i] = first ? 0 : mr;
    }
  }
  if (longBaseline) applySpans(ctx, segment, jumped, blind, clipped, { dx, dy, ds, dr });
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const logScale = new Float64Array(n);
  const angle = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const restart = segment[i] !== segment[i - 1];
    x[i] = restart ? 0 : (x[i - 1] as number) + (dx[i] as number);
    y[i] = restart ? 0 : (y[i - 1] as number) + (dy[i] as number);
    logScale[i] = restart ? 0 : (logScale[i - 1] as number) + (ds[i] as number);
    angle[i] = restart ? 0 : (angle[i - 1] as number) + (dr[i] as number);
  }
  return { x, y, logScale, angle, segment, blind };
}

/**
 * Spreads each reliable span's measured motion over the pairs it covers. Where a segment has
 * reliable spans AND pairs outside them, the pairs outside are rescaled per component by the
 * ratio the reliable spans measured against the per-pair steps they replaced (`calibrate`):
 * heavy compression at 50–60 fps biases every per-pair step the same way (a crf-43 60 fps
 * pull-out read 0.4× its rate per pair, its spans 1×), and the spans that failed sit among
 * pairs just as biased.
 */
function applySpans(
  ctx: ClipContext,
  segment: Int32Array,
  jumped: Uint8Array,
  blind: Uint8Array,
  clipped: readonly boolean[],
  steps: { dx: Float64Array; dy: Float64Array; ds: Float64Array; dr: Float64Array },
): void {
  const n = ctx.records.length;
  const covered = new Uint8Array(n);
  const series = [steps.dx, steps.dy, steps.ds, steps.dr];
  // Per segment and component: Σ span motion and Σ the per-pair steps it replaced.
  const segs = (segment[n - 1] ?? 0) + 1;
  const spanSum = new Float64Array(segs * 4);
  const pairSum = new Float64Array(segs * 4);
  const spanCount = new Int32Array(segs);
  for (let i = 0; i < n; i++) {
    const r = ctx.records[i];
    if (!r || r.spanFrames <= 0 || !r.spanTrusted) continue;
    const first = i - r.spanFrames + 1;
    const s = segment[i] as number;
    if (first < 1 || blind[s]) continue;
    // The span's end frames must be readable too: a blown-out frame matches noise.
    let clean = !clipped[i] && !clipped[first - 1];
    // Nor may a pair inside it have broken the per-pair fit: a framing jump often does (too few
    // blocks left to flag it as a jump), and a pre-warped span fit would carry its step.
    for (let j = first; j <= i; j++) {
      const pair = ctx.records[j];
      if (segment[j] !== s || jumped[j] || !pair || !usablePair(ctx, pair)) clean = false;
    }
    if (!clean) continue;
    const k = 1 / r.spanFrames;
    const span = [
      r.spanTx / ctx.width,
      r.spanTy / ctx.height,
      Math.log(Math.hypot(1 + r.spanA, r.spanB)),
      Math.atan2(r.spanB, 1 + r.spanA),
    ];
    spanCount[s] = (spanCount[s] as number) + 1;
    for (let c = 0; c < 4; c++) {
      const values = series[c] as Float64Array;
      for (let j = first; j <= i; j++)
        pairSum[s * 4 + c] = (pairSum[s * 4 + c] as number) + (values[j] as number);
      spanSum[s * 4 + c] = (spanSum[s * 4 + c] as number) + (span[c] as number);
      for (let j = first; j <= i; j++) values[j] = (span[c] as number) * k;
    }
    for (let j = first; j <= i; j++) covered[j] = 1;
  }
  for (let s = 0; s < segs; s++) {
    if ((spanCount[s] as number) < CALIBRATION_SPANS) continue;
    for (let c = 0; c < 4; c++) {
      const gain = calibrationGain(spanSum[s * 4 + c] as number, pairSum[s * 4 + c] as number);
      if (gain === 1) continue;
      const values = series[c] as Float64Array;
      for (let j = 1; j < n; j++)
        if (segment[j] === s && segment[j - 1] === s && !covered[j]) values[j] = (values[j] as number) * gain;
    }
  }
}

/** Reliable spans a segment needs before they calibrate its other pairs (see `applySpans`). */
const CALIBRATION_SPANS = 2;

/**
 * Span-over-pairs gain of one component, or 1 when the evidence is weak: opposite signs, or the
 * spans differ from the pairs by less than a quarter (noise, not a bias) — capped at 3×.
 */
function calibrationGain(spanSum: number, pairSum: number): number {
  if (pairSum === 0 || spanSum / pairSum <= 0) return 1;
  const gain = spanSum / pairSum;
  if (gain > 0.8 && gain < 1.25) return 1;
  return Math.min(3, Math.max(1 / 3, gain));
}

/**
 * Local fit: the camera similarity rests on textured blocks covering under `LOCAL_TEXTURED` of the
 * grid, and its inliers either span under half of it (`inlierSpan`) or form at most
 * `UNDETERMINED_GROUPS` compact groups (`inlierGroups`, each spanning under half the grid). On
 * fully textured scenes (every synthetic clip) compact fits occur only inside over/under-exposed
 * stretches (≤ 36 % of a clip's pairs); a hand-held object before a blank wall (real `cup.mp4`)
 * gives them on 76 % of its pairs. Two groups are no better: a similarity has four parameters,
 * and two compact groups' translations fix them exactly, whatever they are — a walker and a sign
 * on a blank wall (static camera) "agree" on a zoom plus a pan that follows the walker halfway.
 */
function localFit(r: FrameRecord, gridBlocks: number): boolean {
  if (r.validCount >= LOCAL_TEXTURED * gridBlocks) return false;
  return (
    r.inlierSpan < COMPACT_SPAN || (r.inlierGroups <= UNDETERMINED_GROUPS && r.inlierGroupSpan < COMPACT_SPAN)
  );
}

/** Textured share of the grid below which a compact fit is local (see `localFit`). */
const LOCAL_TEXTURED = 0.35;
/** A group of blocks (or all inliers) spanning under this share of the grid is compact. */
const COMPACT_SPAN = 0.5;
/**
 * Groups of inlier blocks that leave the similarity unchecked (see `localFit`): four parameters,
 * two translations — a count from the model, not a tuned threshold.
 */
const UNDETERMINED_GROUPS = 2;
/** A segment with more than this share of local fits shows no camera motion (see `cameraPath`). */
const BLIND_SHARE = 0.5;
/** The fill for unusable steps needs this many readable pairs, and this share of the segment's. */
const MIN_TYPICAL_PAIRS = 5;
const MIN_TYPICAL_SHARE = 0.1;

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

/**
 * Least-squares slope of `values` against the frame index, pooled over segments (per frame).
 * A line fit, unlike a mean of steps, averages jitter out: shake does not read as a slow move.
 */
export function pooledSlope(values: Float64Array, segment: Int32Array): number {
  let sxy = 0;
  let sxx = 0;
  let start = 0;
  const n = values.length;
  for (let i = 1; i <= n; i++) {
    if (i < n && segment[i] === segment[start]) continue;
    const len = i - start;
    if (len >= 2) {
      const mt = (len - 1) / 2;
      let mv = 0;
      for (let k = start; k < i; k++) mv += values[k] as number;
      mv /= len;
      for (let k = start; k < i; k++) {
        const dt = k - start - mt;
        sxy += dt * ((values[k] as number) - mv);
        sxx += dt * dt;
      }
    }
    start = i;
  }
  return sxx > 0 ? sxy / sxx : 0;
}
