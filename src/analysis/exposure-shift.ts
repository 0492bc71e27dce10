/**
 * Relative exposure errors: the picture abruptly shifts away from the footage just before it.
 * Lifted (over-exposed): mean luma up by ≥ `exposureShiftLuma` levels and ≥ `exposureShiftRatio`
 * of its level within `exposureShiftS`, with highlights newly blown (≥ `exposureShiftClipFrac`
 * more pixels above 240) or the shadows washed out (2nd percentile up ≥ 2 × `exposureShiftLuma`).
 * Dropped (under-exposed): the mirror, with twice the share (darkening has less room) — mean down
 * ≥ `exposureShiftLuma` levels and to ≤ 1 − 2 × `exposureShiftRatio` of its level, with shadows
 * newly crushed (≥ `exposureShiftClipFrac` more pixels below 16) or the 98th percentile down to
 * that share too. The shift lasts while frames stay that far from the reference.
 *
 * A bright or a dark scene is not a defect by itself, so the absolute rules (exposure.ts) stay
 * strict; what betrays an exposure error in moving footage is the jump: an exposure ramp drifts a
 * few levels per ⅕ s, a pan into a brighter area changes gradually, a flash lasts a frame or two
 * (the reference is a median, and a run must last `exposureMinS`). The reference must be steady
 * (its means within half the shift — flicker has no level to shift from) and normal (the return
 * from a dark stretch is a lift, from a bright one a drop: the caller excludes those frames).
 */
import { type ClipContext, median } from './clip-context.ts';
import type { FrameRecord } from './features.ts';

type Level = { mean: number; bright: number; dark: number; low: number; high: number; spread: number };
export type ShiftDirection = 'lifted' | 'dropped';

function levelOf(records: readonly FrameRecord[], from: number, to: number): Level {
  const span = records.slice(from, to);
  const means = span.map((r) => r.meanLuma);
  return {
    mean: median(means),
    bright: median(span.map((r) => r.brightFrac)),
    dark: median(span.map((r) => r.darkFrac)),
    low: median(span.map((r) => r.lowLuma)),
    high: median(span.map((r) => r.highLuma)),
    spread: Math.max(...means) - Math.min(...means),
  };
}

/**
 * Mean-luma change that counts as a shift from `ref`, capped at half the headroom above it: a
 * scene that is mostly white already (a product on a white sweep, mean ≈ 217 with 75 % at 255)
 * has 38 levels left to gain, and an over-exposure that washes its products out (p2 49 → 123)
 * lifts the mean by only ≈ 20.
 */
function shiftNeeded(ref: Level, t: ClipContext['thresholds']): number {
  return Math.min(Math.max(t.exposureShiftLuma, t.exposureShiftRatio * ref.mean), (255 - ref.mean) / 2);
}

/** Whether `r` has moved far enough from the reference level `ref`, in `direction`. */
export function shiftedFrom(
  r: FrameRecord,
  ref: Level,
  direction: ShiftDirection,
  t: ClipContext['thresholds'],
): boolean {
  if (direction === 'lifted') {
    return (
      r.meanLuma >= ref.mean + shiftNeeded(ref, t) &&
      (r.brightFrac >= ref.bright + t.exposureShiftClipFrac || r.lowLuma >= ref.low + 2 * t.exposureShiftLuma)
    );
  }
  // Darkening has less room than brightening (a gain of 0.67 takes 40 levels off the highlights,
  // few off the shadows), so a drop must take twice the share off the mean and the highlights.
  const keep = 1 - 2 * t.exposureShiftRatio;
  return (
    r.meanLuma <= Math.min(ref.mean - t.exposureShiftLuma, keep * ref.mean) &&
    (r.darkFrac >= ref.dark + t.exposureShiftClipFrac || r.highLuma <= keep * ref.high)
  );
}

/**
 * Per record: inside an abrupt shift in `direction` (within one shot) that lasts at least
 * `minLen` records. `abnormal` marks records that are no reference (already badly exposed, black,
 * flat).
 */
export function shiftedFrames(
  ctx: ClipContext,
  direction: ShiftDirection,
  minLen: number,
  abnormal: readonly boolean[],
): boolean[] {
  const { records, thresholds: t } = ctx;
  const out = new Array<boolean>(records.length).fill(false);
  const k = Math.max(3, Math.round(t.exposureShiftS * ctx.fps));
  let shotStart = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as FrameRecord;
    if (ctx.cutFrames.has(r.index)) shotStart = i;
    if (i - k < shotStart || abnormal.slice(i - k, i).some(Boolean)) continue;
    const ref = levelOf(records, i - k, i);
    if (ref.spread > shiftNeeded(ref, t) / 2 || !shiftedFrom(r, ref, direction, t)) continue;
    let j = i;
    while (j < records.length) {
      const next = records[j] as FrameRecord;
      if ((j > i && ctx.cutFrames.has(next.index)) || !shiftedFrom(next, ref, direction, t)) break;
      j++;
    }
    if (j - i >= minLen) out.fill(true, i, j);
    // Resume after the run: its frames are not references for a new shift.
    i = Math.max(i, j - 1);
  }
  return out;
}
