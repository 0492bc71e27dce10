/**
 * Freeze: repeated frames. A pair repeats when its mean absolute difference is below `freezeMad`
 * gray levels: bit-identical up to re-encoding (a repeated frame decodes to ≈ 0.00–0.05; sensor
 * noise and any motion, even one small walker, leave ≥ 0.15). A run of `freezeMinPairs` repeats
 * lasting `freezeMinS` is
 * a freeze only where it is *visible*: the footage changes on both sides of it — the median
 * difference of the non-repeated pairs within `freezeContextS` before the run and within the same
 * span after it each reach `freezeContextMad` and 4× the run's own level. A still shot (a locked
 * camera on a still scene, whose grain the encoder removed) repeats itself anyway, and a run at
 * the very start or end of the clip has no "otherwise moving" side to be judged against: neither
 * is reported, because nothing distinguishes it from a still scene. The pair after the run must
 * also jump (≥ 2× the footage before it, not a change of light): frozen moving footage catches up;
 * a codec skipping frames at 60 fps, or refreshing an exposure drift every few frames, does not; and
 * a freeze holds the picture at least twice as long as the clip's other holds (a codec refreshing
 * slow footage every ~5 frames at 60 fps holds it that long again and again). The codec may
 * refine the frozen picture just before the jump (up to `SETTLE_PAIRS` pairs far quieter than the
 * footage): those still belong to the freeze. Runs at most two changed
 * pairs apart merge into one stutter defect (a picture that only updates every few frames).
 */
import { type ClipContext, median, runs } from './clip-context.ts';
import { isFlat, lightJump } from './exposure.ts';
import type { FrameRecord } from './features.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** The pair ending a freeze must differ this many times more than the footage before it. */
const CATCH_UP_RATIO = 2;

/** At most this many near-repeated pairs may follow a run before its catch-up. */
const SETTLE_PAIRS = 3;
/** A pair whose MAD is below this fraction of the footage before the run still holds the picture. */
const SETTLE_FRACTION = 0.1;

/** A freeze lasts at least this many times the clip's habitual hold. */
const HABIT_RATIO = 2;

/**
 * Median length (pairs) of the other holds (runs of repeated pairs, any length) when the clip has
 * at least three: how long this footage habitually holds a picture. 0 otherwise.
 */
function habitualHold(holds: ReadonlyArray<[number, number]>, exclude: number): number {
  const lengths = holds.filter(([s]) => s !== exclude).map(([s, e]) => e - s + 1);
  return lengths.length >= 3 ? median(lengths) : 0;
}

function settles(r: FrameRecord | undefined, before: number): boolean {
  return r !== undefined && !isFlat(r) && r.mad < SETTLE_FRACTION * before;
}

/** Median MAD of the non-repeated, non-flat pairs in record positions [from, to]. */
function contextMad(ctx: ClipContext, repeat: readonly boolean[], from: number, to: number): number {
  const values: number[] = [];
  for (let i = Math.max(1, from); i <= Math.min(ctx.records.length - 1, to); i++) {
    const r = ctx.records[i];
    if (r?.hasPrev && !repeat[i] && !isFlat(r) && !ctx.cutFrames.has(r.index)) values.push(r.mad);
  }
  return values.length >= 2 ? median(values) : Number.NaN;
}

export const freezeMetric: ClipMetric = {
  id: 'freeze',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    // Flat frames (black, white-out) repeat trivially; exposure metrics report those.
    const repeat = records.map(
      (r, i) => r.hasPrev && r.mad < t.freezeMad && !isFlat(r) && !isFlat(records[i - 1] ?? r),
    );
    const span = Math.max(3, Math.round(t.freezeContextS * ctx.fps));
    const holds = runs(repeat, 1);
    const visible: Array<[number, number]> = [];
    const minPairs = Math.max(t.freezeMinPairs, Math.round(t.freezeMinS * ctx.fps));
    for (const [s, e] of runs(repeat, minPairs)) {
      // A codec that refreshes slow footage only every few frames (60 fps, a slow walker) holds
      // the picture that long again and again; a freeze holds it well beyond the clip's habit.
      if (e - s + 1 < HABIT_RATIO * habitualHold(holds, s)) continue;
      let level = 0;
      for (let i = s; i <= e; i++) level += (records[i]?.mad ?? 0) / (e - s + 1);
      const need = Math.max(t.freezeContextMad, 4 * level);
      const before = contextMad(ctx, repeat, s - span, s - 1);
      // The codec may refine the frozen picture a little before the catch-up (a refresh reads MAD
      // ≈ 0.4 beside footage moving at 8): pairs that quiet still hold the picture.
      let end = e;
      while (end + 1 < records.length && end - e < SETTLE_PAIRS && settles(records[end + 1], before)) end++;
      // The pair right after the run is the catch-up jump; skip it so it does not inflate "after".
      const after = contextMad(ctx, repeat, end + 2, end + 1 + span);
      // A frozen picture of moving footage has to catch up: the pair after the run jumps by the
      // whole frozen span of motion. Without that jump the run is the codec or the light holding
      // still (high frame rates: skipped frames, exposure refreshed every few frames).
      const last = records[end];
      const next = records[end + 1];
      const caughtUp =
        next !== undefined &&
        last !== undefined &&
        !lightJump(last, next) &&
        next.mad >= CATCH_UP_RATIO * before;
      if (before >= need && after >= need && caughtUp) visible.push([s, end]);
    }
    // Freezes one or two updates apart are one stutter (a picture that only updates every few
    // frames), reported once over its whole span.
    const merged: Array<{ s: number; e: number; frozen: number; parts: number }> = [];
    for (const [s, e] of visible) {
      const last = merged[merged.length - 1];
      if (last && s - last.e - 1 <= 2) {
        last.e = e;
        last.frozen += e - s + 1;
        last.parts++;
      } else merged.push({ s, e, frozen: e - s + 1, parts: 1 });
    }
    let frozenPairs = 0;
    const defects = merged.map(({ s, e, frozen, parts }) => {
      frozenPairs += frozen;
      const seconds = frozen / ctx.fps;
      const message =
        parts > 1
          ? `picture stutters: frozen ${seconds.toFixed(2)} s in ${parts} runs over ${((e - s + 2) / ctx.fps).toFixed(2)} s`
          : `picture frozen for ${seconds.toFixed(2)} s`;
      // The freeze shows from the frame before the first repeated pair.
      return defectOver(ctx, 'freeze', Math.max(0, s - 1), e, seconds, message);
    });
    const pairs = Math.max(1, records.length - 1);
    return { metrics: { freeze: Math.round((frozenPairs / pairs) * 1000) / 1000 }, defects };
  },
};
