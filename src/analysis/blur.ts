/**
 * Blur, from the detail ratio (frame-stats.ts): level-0 gradient energy over a quarter of
 * level-1's — ≈ 1 for a smooth image whatever its content, higher with fine detail. The excess
 * detail `detail − 1` is what a blur removes.
 *
 * Relative: frames whose excess detail falls below `blurRelative` × their shot's sharp level (90th
 * percentile) for at least `blurMinS`, AND below `blurRelative` × the footage right around the run
 * (`blurContextS` before and after it, each side that exists). The second test makes blur a
 * *change*: a push-in over an upscaled photo, a digital zoom step or a codec easing its quality
 * soften the picture gradually (the frames next to the run are barely sharper), a lost focus does
 * not. The run must also lose detail one octave down (`detailCoarse`, `blurCoarseRelative`):
 * resampling softness — a small render's sub-pixel phase — empties the finest octave only. Frames
 * that are flat, black or badly exposed are not judged (clipping reshapes contrast), and a run
 * during a whip pan is motion blur. Absolute: a clip whose median sharpness is below
 * `blurAbsolute` is soft throughout (a backstop; an upscaled photo is soft too).
 * The metric `sharpness` is the median detail mapped to 0..1 (0 = smooth, 1 = crisp).
 */
import { type ClipContext, median, quantile, runs, usablePair } from './clip-context.ts';
import { exposureFlags } from './exposure.ts';
import type { FrameRecord } from './features.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Maps a detail ratio to 0..1 sharpness (1 at ≥ 2.5, 0 at ≤ 1). */
export function sharpnessScore(detail: number): number {
  return Math.max(0, Math.min(1, (detail - 1) / 1.5));
}

/**
 * The context's level is its lower quartile: sampling softness (a slow move's sub-pixel phase,
 * bilinear resampling) swings a sharp clip's detail from frame to frame, and a held or stretched
 * frame may be one of its softest — a real blur is softer than even those.
 */
const CONTEXT_QUANTILE = 0.25;

/** Camera speed (analysis px per frame) from which motion blur smears a frame's finest detail. */
const WHIP_PX = 2;

/**
 * The run [s, e]'s median over the lower quartile of the `span` values on each side of it (the
 * softer side wins); NaN when neither side has two values — a run with no footage around it in
 * its shot cannot be told from a softer scene.
 */
function againstContext(values: readonly number[], s: number, e: number, span: number): number {
  const level = sideLevel(values, s, e + 1, 1, 0.5);
  const before = sideLevel(values, s - span, s, 2, CONTEXT_QUANTILE);
  const after = sideLevel(values, e + 1, e + 1 + span, 2, CONTEXT_QUANTILE);
  const sides = [before, after].filter((v) => Number.isFinite(v));
  if (sides.length === 0) return Number.NaN;
  return level / Math.max(1e-6, Math.min(...sides));
}

/** Camera motion of a pair at the frame's corners (analysis px per frame). */
function edgeSpeedPx(ctx: ClipContext, r: FrameRecord): number {
  return Math.hypot(r.tx, r.ty) + (Math.hypot(r.a, r.b) * Math.hypot(ctx.width, ctx.height)) / 2;
}

/**
 * The camera moves ≥ `WHIP_PX` px per frame during the run and ≥ 2× as fast as around it: a
 * shutter open over that much motion smears the picture along it.
 */
function whip(speed: readonly number[], s: number, e: number, span: number): boolean {
  const during = sideLevel(speed, s, e + 1, 1, 0.5);
  const before = sideLevel(speed, s - span, s, 2, 0.5);
  const after = sideLevel(speed, e + 1, e + 1 + span, 2, 0.5);
  const around = Math.max(...[before, after].filter((v) => Number.isFinite(v)), 0);
  return during >= WHIP_PX && during >= 2 * around;
}

/** Shot boundaries as [start, end) record positions (records between cuts). */
function shots(ctx: ClipContext): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= ctx.records.length; i++) {
    const r = ctx.records[i];
    if (i < ctx.records.length && !(r && ctx.cutFrames.has(r.index))) continue;
    out.push([start, i]);
    start = i;
  }
  return out;
}

/** Quantile `q` of the finite values in positions [from, to) (NaN when fewer than `min`). */
function sideLevel(values: readonly number[], from: number, to: number, min: number, q: number): number {
  const side: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) side.push(v);
  }
  return side.length >= min ? quantile(side, q) : Number.NaN;
}

export const blurMetric: ClipMetric = {
  id: 'blur',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    // Black and flat frames carry no detail to judge; clipped or crushed ones (reported as
    // exposure defects) have their contrast reshaped — an over-exposed stretch reads *sharper*.
    const exposure = exposureFlags(ctx);
    const usable = records.map(
      (r, i) =>
        r.stdLuma >= 6 &&
        r.meanLuma >= t.blackMeanLuma &&
        !exposure.black[i] &&
        !exposure.under[i] &&
        !exposure.over[i],
    );
    const detail = records.map((r, i) => (usable[i] ? r.detail : Number.NaN));
    const excess = detail.map((d) => Math.max(0, d - 1));
    const coarse = records.map((r, i) => (usable[i] ? Math.max(0, r.detailCoarse - 1) : Number.NaN));
    const speed = records.map((r) => (usablePair(ctx, r) ? edgeSpeedPx(ctx, r) : Number.NaN));
    const med = median(detail);
    const defects = [];
    if (Number.isFinite(med) && sharpnessScore(med) < t.blurAbsolute) {
      defects.push(
        defectOver(
          ctx,
          'blur',
          0,
          records.length - 1,
          1 - sharpnessScore(med) / t.blurAbsolute,
          `soft throughout (sharpness ${sharpnessScore(med).toFixed(2)})`,
        ),
      );
    } else if (Number.isFinite(med)) {
      const minLen = Math.max(2, Math.round(t.blurMinS * ctx.fps));
      const span = Math.max(2, Math.round(t.blurContextS * ctx.fps));
      for (const [from, to] of shots(ctx)) {
        // Each shot is judged against its own sharp level: after a cut the new scene may simply
        // hold less fine detail, which is not blur.
        const shot = excess.slice(from, to);
        const sharp = quantile(shot, 0.9);
        if (!(sharp > 0)) continue;
        const soft = shot.map((q) => Number.isFinite(q) && q < t.blurRelative * sharp);
        for (const [s, e] of runs(soft, minLen)) {
          const rel = againstContext(shot, s, e, span);
          if (!(rel < t.blurRelative)) continue;
          // Resampling softness empties the finest octave only; a blur empties the next one too.
          const relCoarse = againstContext(coarse.slice(from, to), s, e, span);
          if (!(relCoarse < t.blurCoarseRelative)) continue;
          // A whip pan smears the picture it moves: motion blur, not a lost focus.
          if (whip(speed.slice(from, to), s, e, span)) continue;
          defects.push(
            defectOver(
              ctx,
              'blur',
              from + s,
              from + e,
              1 - rel,
              `blurred: ${(rel * 100).toFixed(0)} % of the fine detail around it`,
            ),
          );
        }
      }
    }
    return {
      metrics: { sharpness: Number.isFinite(med) ? Math.round(sharpnessScore(med) * 1000) / 1000 : 0 },
      defects,
    };
  },
};
