/**
 * Subject integrity without a neural net. The subject is what does not follow the camera: the grid
 * blocks outside the camera fit's inliers. Each of those blocks is matched to the next frame by its
 * own best local translation (+ brightness offset); a rigid or smoothly moving subject leaves a
 * residual close to the background's (noise, compression), a subject that melts, morphs or swaps
 * texture does not. Per pair, excess = foreground residual − background residual (gray levels);
 * consistency = 1 / (1 + mean excess / 4) over pairs with a foreground (≥ 5 % of textured blocks),
 * 1 when there is none. Below `subjectMinConsistency` → `subject_distortion` over the frames whose
 * excess is above 4 gray levels.
 */
import { type ClipContext, runs, usablePair } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

const EXCESS_SCALE = 4;

/**
 * Appearance is only comparable under steady light: skip pairs whose mean luma jumps (flash,
 * flicker) or whose frames are clipped (over/under-exposure wipes texture).
 */
function steadyLight(ctx: ClipContext, index: number): boolean {
  const cur = ctx.records[index];
  const prev = ctx.records[index - 1];
  if (!cur || !prev) return false;
  const clipped = (f: typeof cur): boolean => f.brightFrac > 0.1 || f.darkFrac > 0.1;
  return Math.abs(cur.meanLuma - prev.meanLuma) < 3 && !clipped(cur) && !clipped(prev);
}

export const subjectMetric: ClipMetric = {
  id: 'subject',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    const excess = records.map((r) =>
      usablePair(ctx, r) && r.inlierRatio >= 0.5 && r.fgFrac >= 0.05 && steadyLight(ctx, r.index)
        ? Math.max(0, r.fgResidual - r.bgResidual - 1)
        : Number.NaN,
    );
    const present = excess.filter((v) => Number.isFinite(v));
    const mean = present.length > 0 ? present.reduce((s, v) => s + v, 0) / present.length : 0;
    const consistency = 1 / (1 + mean / EXCESS_SCALE);
    const defects = [];
    if (present.length > 0 && consistency < t.subjectMinConsistency) {
      const bad = excess.map((v) => Number.isFinite(v) && v > EXCESS_SCALE);
      const spans = runs(bad, 1);
      const first = spans[0]?.[0] ?? 0;
      const last = spans[spans.length - 1]?.[1] ?? records.length - 1;
      defects.push(
        defectOver(
          ctx,
          'subject_distortion',
          first,
          last,
          1 - consistency / t.subjectMinConsistency,
          `subject appearance unstable (consistency ${consistency.toFixed(2)}; residual ${mean.toFixed(1)} gray levels above background)`,
        ),
      );
    }
    const fg = records.filter((r) => r.hasPrev).map((r) => r.fgFrac);
    return {
      metrics: {
        subject_consistency: Math.round(consistency * 1000) / 1000,
        foreground_fraction:
          fg.length > 0 ? Math.round((fg.reduce((s, v) => s + v, 0) / fg.length) * 1000) / 1000 : 0,
      },
      defects,
    };
  },
};
