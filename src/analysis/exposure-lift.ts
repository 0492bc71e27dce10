/**
 * Relative over-exposure: the picture is abruptly lifted above the footage just before it — mean
 * luma up by ≥ `overLiftLuma` levels and ≥ `overLiftRatio` of its level within `overLiftS`, with
 * highlights newly blown (≥ `overLiftClipFrac` more pixels above 240) or the shadows washed out
 * (2nd percentile up ≥ 2 × `overLiftLuma`). The lift lasts while frames stay that far above the
 * reference. A bright scene is not a defect by itself, so the absolute rules (exposure.ts) stay
 * strict; what betrays an exposure error in moving footage is the jump: an exposure ramp drifts a
 * few levels per ⅕ s, a pan into a brighter area changes gradually, a flash lasts a frame or two
 * (the reference is a median, and a run must last `exposureMinS`). The reference must be steady
 * (its means within half the lift): flicker has no level to be lifted from.
 */
import { type ClipContext, median } from './clip-context.ts';
import type { FrameRecord } from './features.ts';

type Level = { mean: number; bright: number; low: number; spread: number };

function levelOf(records: readonly FrameRecord[], from: number, to: number): Level {
  const span = records.slice(from, to);
  const means = span.map((r) => r.meanLuma);
  return {
    mean: median(means),
    bright: median(span.map((r) => r.brightFrac)),
    low: median(span.map((r) => r.lowLuma)),
    spread: Math.max(...means) - Math.min(...means),
  };
}

/** Mean-luma rise that counts as a lift above `ref`. */
function liftNeeded(ref: Level, t: ClipContext['thresholds']): number {
  return Math.max(t.overLiftLuma, t.overLiftRatio * ref.mean);
}

/** Whether `r` is lifted far enough above the reference level `ref` to be over-exposed footage. */
export function liftedAbove(r: FrameRecord, ref: Level, t: ClipContext['thresholds']): boolean {
  return (
    r.meanLuma >= ref.mean + liftNeeded(ref, t) &&
    (r.brightFrac >= ref.bright + t.overLiftClipFrac || r.lowLuma >= ref.low + 2 * t.overLiftLuma)
  );
}

/**
 * Per record: inside an abrupt lift (within one shot) that lasts at least `minLen` records.
 * `dim` marks under-exposed and black records: they are no reference (the return from a dark
 * stretch to normal footage is a lift too).
 */
export function liftedFrames(ctx: ClipContext, minLen: number, dim: readonly boolean[]): boolean[] {
  const { records, thresholds: t } = ctx;
  const out = new Array<boolean>(records.length).fill(false);
  const k = Math.max(3, Math.round(t.overLiftS * ctx.fps));
  let shotStart = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as FrameRecord;
    if (ctx.cutFrames.has(r.index)) shotStart = i;
    if (i - k < shotStart || dim.slice(i - k, i).some(Boolean)) continue;
    const ref = levelOf(records, i - k, i);
    // A lift is measured from a steady level: in flicker, a trough is no reference for the peaks.
    if (ref.spread > liftNeeded(ref, t) / 2 || !liftedAbove(r, ref, t)) continue;
    let j = i;
    while (j < records.length) {
      const next = records[j] as FrameRecord;
      if ((j > i && ctx.cutFrames.has(next.index)) || !liftedAbove(next, ref, t)) break;
      j++;
    }
    if (j - i >= minLen) out.fill(true, i, j);
    // Resume after the run: its frames are not references for a new lift.
    i = Math.max(i, j - 1);
  }
  return out;
}
