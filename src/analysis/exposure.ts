/**
 * Exposure: under- and over-exposed — abruptly dropped below or lifted above the footage before
 * it (exposure-shift.ts), or badly exposed throughout: a dark mean AND many crushed pixels, or even
 * the 98th luma percentile below `underHighLuma`; the 2nd percentile above `overLowLuma` with
 * clipping; and black frames (near-black and flat: a dropout,
 * not a dark scene). Both conditions are required so a dark-but-detailed night scene or a bright
 * sky alone does not fire.
 * Under/over need `exposureMinS`; a single black frame is already a defect. Black frames are not
 * also reported as under-exposed.
 */
import { type ClipContext, median, runs } from './clip-context.ts';
import { shiftedFrames } from './exposure-shift.ts';
import type { FrameRecord } from './features.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/**
 * Black: mean below `blackMeanLuma` and no picture at all (spread < 2 gray levels: encoder noise
 * only). A very dark but real picture keeps a few levels of texture (std ≈ 3–4) and is reported as
 * under-exposed instead.
 */
export function isBlack(r: FrameRecord, blackMeanLuma: number): boolean {
  return r.meanLuma < blackMeanLuma && r.stdLuma < 2;
}

/**
 * A jump in light between two consecutive frames (a flash, an exposure step, the edge of an
 * over/under-exposed stretch): mean luma moves by over 10 % (+4 levels). Motion measured across
 * such a pair is unreliable — block matching corrects an offset, not a gain — so geometry metrics
 * leave it out.
 */
export function lightJump(prev: FrameRecord, cur: FrameRecord): boolean {
  return Math.abs(cur.meanLuma - prev.meanLuma) > 0.1 * Math.max(cur.meanLuma, prev.meanLuma) + 4;
}

/**
 * Mostly clipped: over three quarters of the pixels crushed to black or blown to white — too
 * little picture left to compare (a low-key scene with half its area in shadow is not) — AND at
 * least `CLIPPED_ABOVE_USUAL` more than the clip's median frame. A blown-out *stretch* is a change;
 * a scene whose look is mostly white or black (a product on a white sweep: 75–77 % of the frame
 * above 240 in every frame, its products well textured; snow; a night sky) keeps its frames, whose
 * textured part is the whole picture there is.
 */
export function mostlyClippedFrames(records: readonly FrameRecord[]): boolean[] {
  const clipped = records.map((r) => Math.max(r.brightFrac, r.darkFrac));
  const usual = clipped.length > 0 ? median(clipped) : 0;
  return clipped.map((c) => c > MOSTLY_CLIPPED && c >= usual + CLIPPED_ABOVE_USUAL);
}

const MOSTLY_CLIPPED = 0.75;
const CLIPPED_ABOVE_USUAL = 0.1;

/**
 * Flat: no texture left (black, a white-out, a clipped flash). Motion, cut and freeze evidence is
 * meaningless on such frames; exposure metrics report them instead.
 */
export function isFlat(r: FrameRecord): boolean {
  return r.stdLuma < 6;
}

/** Per-record exposure verdicts (before the minimum duration is applied). */
export type ExposureFlags = { black: boolean[]; under: boolean[]; over: boolean[] };

/**
 * Which records are black, under- or over-exposed. Blur reads these too: a clipped or crushed
 * picture's detail is not comparable with the rest of the clip's.
 */
export function exposureFlags(ctx: ClipContext): ExposureFlags {
  let flags = flagsOf.get(ctx);
  if (flags === undefined) {
    flags = computeFlags(ctx);
    flagsOf.set(ctx, flags);
  }
  return flags;
}

/** Computed once per clip context (exposure and blur both read them; callers only read). */
const flagsOf = new WeakMap<ClipContext, ExposureFlags>();

function computeFlags(ctx: ClipContext): ExposureFlags {
  const { records, thresholds: t } = ctx;
  const minLen = Math.max(2, Math.round(t.exposureMinS * ctx.fps));
  const black = records.map((r) => isBlack(r, t.blackMeanLuma));
  // Absolutely under-exposed: either crushed (dark mean, many pixels at black, and the highlights
  // dim too — a low-key scene with large shadows but properly exposed highlights is a style, not a
  // defect) or dim throughout (even the brightest 2 % stay dark: nothing in frame is lit).
  const darkAbs = records.map(
    (r, i) =>
      !black[i] &&
      ((r.meanLuma < t.underMeanLuma && r.darkFrac > t.underDarkFrac && r.highLuma < t.underLowKeyHighLuma) ||
        r.highLuma < t.underHighLuma),
  );
  // Absolutely over-exposed: no shadows left and the highlights clipped (much white with real
  // dark tones beside it is a white scene: a product on a white sweep, snow, a sky).
  const brightAbs = records.map((r) => r.lowLuma > t.overLowLuma && r.brightFrac > t.overBrightFrac);
  // Relative (exposure-shift.ts): an abrupt lift or drop from normal footage. The return from a
  // dark stretch is a lift and from a bright one a drop, so neither stretch is a reference.
  const unusable = (i: number): boolean => black[i] === true || isFlat(records[i] as FrameRecord);
  const dropped0 = shiftedFrames(
    ctx,
    'dropped',
    minLen,
    records.map((_, i) => unusable(i) || brightAbs[i] === true),
  );
  const lifted = shiftedFrames(
    ctx,
    'lifted',
    minLen,
    records.map((_, i) => unusable(i) || darkAbs[i] === true || dropped0[i] === true),
  );
  const dropped = shiftedFrames(
    ctx,
    'dropped',
    minLen,
    records.map((_, i) => unusable(i) || brightAbs[i] === true || lifted[i] === true),
  );
  const under = records.map((_, i) => !black[i] && (darkAbs[i] === true || dropped[i] === true));
  const over = records.map((_, i) => brightAbs[i] === true || lifted[i] === true);
  return { black, under, over };
}

export const exposureMetric: ClipMetric = {
  id: 'exposure',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    const minLen = Math.max(2, Math.round(t.exposureMinS * ctx.fps));
    const { black, under, over } = exposureFlags(ctx);
    const normal = records.filter((_, i) => !black[i] && !under[i] && !over[i]).map((r) => r.meanLuma);
    // No well-exposed frame to compare with: the light lost is unknown (counts 0).
    const normalMean = normal.length > 0 ? Math.max(1, median(normal)) : 0;
    const defects = [
      ...runs(black, 1).map(([s, e]) =>
        defectOver(
          ctx,
          'black_frames',
          s,
          e,
          Math.min(1, (e - s + 1) / ctx.fps + 0.5),
          `${e - s + 1} black frame(s)`,
        ),
      ),
      ...runs(under, minLen).map(([s, e]) => {
        // A drop on a bright scene crushes nothing and keeps bright tones: its share of the light
        // lost (against the clip's well-exposed frames) says how bad it is.
        const worst = maxOf(records, s, e, (r) =>
          Math.max(
            r.darkFrac,
            1 - r.highLuma / t.underHighLuma,
            normalMean > 0 ? 1 - r.meanLuma / normalMean : 0,
          ),
        );
        return defectOver(
          ctx,
          'underexposed',
          s,
          e,
          worst,
          `under-exposed (severity ${worst.toFixed(2)}: crushed blacks or no bright tones)`,
        );
      }),
      ...runs(over, minLen).map(([s, e]) => {
        const worst = maxOf(records, s, e, (r) => Math.max(r.brightFrac, r.lowLuma / 255));
        return defectOver(
          ctx,
          'overexposed',
          s,
          e,
          worst,
          `over-exposed (severity ${worst.toFixed(2)}: clipped highlights or no shadows)`,
        );
      }),
    ];
    let mean = 0;
    let dark = 0;
    let bright = 0;
    for (const r of records) {
      mean += r.meanLuma;
      dark += r.darkFrac;
      bright += r.brightFrac;
    }
    const n = Math.max(1, records.length);
    return {
      metrics: {
        mean_luma: round(mean / n),
        dark_fraction: round(dark / n),
        bright_fraction: round(bright / n),
        black_frames: black.filter(Boolean).length,
      },
      defects,
    };
  },
};

function maxOf(records: readonly FrameRecord[], s: number, e: number, f: (r: FrameRecord) => number): number {
  let m = 0;
  for (let i = s; i <= e; i++) {
    const r = records[i];
    if (r) m = Math.max(m, f(r));
  }
  return m;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
