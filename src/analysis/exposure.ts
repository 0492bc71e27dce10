/**
 * Exposure: under-exposed (dark mean AND many crushed pixels), over-exposed (bright mean AND many
 * clipped pixels) and black frames (near-black and flat: a dropout, not a dark scene). Both
 * conditions are required so a dark-but-detailed night scene or a bright sky alone does not fire.
 * Under/over need `exposureMinS`; a single black frame is already a defect. Black frames are not
 * also reported as under-exposed.
 */
import { type ClipContext, runs } from './clip-context.ts';
import type { FrameRecord } from './features.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Black: mean below `blackMeanLuma` and almost no spread. */
export function isBlack(r: FrameRecord, blackMeanLuma: number): boolean {
  return r.meanLuma < blackMeanLuma && r.stdLuma < 6;
}

export const exposureMetric: ClipMetric = {
  id: 'exposure',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    const minLen = Math.max(2, Math.round(t.exposureMinS * ctx.fps));
    const black = records.map((r) => isBlack(r, t.blackMeanLuma));
    const under = records.map(
      (r, i) => !black[i] && r.meanLuma < t.underMeanLuma && r.darkFrac > t.underDarkFrac,
    );
    const over = records.map((r) => r.meanLuma > t.overMeanLuma && r.brightFrac > t.overBrightFrac);
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
        const worst = maxOf(records, s, e, (r) => r.darkFrac);
        return defectOver(
          ctx,
          'underexposed',
          s,
          e,
          worst,
          `under-exposed: up to ${(worst * 100).toFixed(0)} % crushed to black`,
        );
      }),
      ...runs(over, minLen).map(([s, e]) => {
        const worst = maxOf(records, s, e, (r) => r.brightFrac);
        return defectOver(
          ctx,
          'overexposed',
          s,
          e,
          worst,
          `over-exposed: up to ${(worst * 100).toFixed(0)} % clipped to white`,
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
