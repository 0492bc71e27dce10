/**
 * Blur, from the detail ratio (frame-stats.ts): level-0 gradient energy over a quarter of
 * level-1's — ≈ 1 for a smooth image whatever its content, higher with fine detail. Relative:
 * frames below `blurRelative` × the clip's sharp baseline (its 90th percentile) for at least
 * `blurMinS`. Absolute: a clip whose median detail is below `blurAbsolute` is soft throughout.
 * The metric `sharpness` is the median detail mapped to 0..1 (0 = smooth, 1 = crisp).
 */
import { type ClipContext, median, quantile, runs } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Maps a detail ratio to 0..1 sharpness (1 at ≥ 2.5, 0 at ≤ 1). */
export function sharpnessScore(detail: number): number {
  return Math.max(0, Math.min(1, (detail - 1) / 1.5));
}

/** Per record, the 90th-percentile detail of its shot (records between cuts). */
function shotBaselines(ctx: ClipContext, detail: readonly number[]): number[] {
  const out = new Array<number>(detail.length).fill(Number.NaN);
  let start = 0;
  for (let i = 1; i <= detail.length; i++) {
    const r = ctx.records[i];
    if (i < detail.length && !(r && ctx.cutFrames.has(r.index))) continue;
    const q = quantile(detail.slice(start, i), 0.9);
    for (let k = start; k < i; k++) out[k] = q;
    start = i;
  }
  return out;
}

export const blurMetric: ClipMetric = {
  id: 'blur',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    // Black and flat frames carry no detail to judge.
    const usable = records.map((r) => r.stdLuma >= 6 && r.meanLuma >= t.blackMeanLuma);
    const detail = records.map((r, i) => (usable[i] ? r.detail : Number.NaN));
    const baseline = quantile(detail, 0.9);
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
    } else if (Number.isFinite(baseline)) {
      // Each shot is judged against its own sharp level: after a cut the new scene may simply
      // hold less fine detail, which is not blur.
      const shotBase = shotBaselines(ctx, detail);
      const soft = detail.map(
        (d, i) =>
          Number.isFinite(d) && sharpnessScore(d) < t.blurRelative * sharpnessScore(shotBase[i] ?? baseline),
      );
      for (const [s, e] of runs(soft, Math.max(2, Math.round(t.blurMinS * ctx.fps)))) {
        let low = Number.POSITIVE_INFINITY;
        for (let i = s; i <= e; i++) low = Math.min(low, sharpnessScore(detail[i] as number));
        const rel = low / Math.max(1e-6, sharpnessScore(shotBase[s] ?? baseline));
        defects.push(
          defectOver(
            ctx,
            'blur',
            s,
            e,
            1 - rel,
            `blurred: ${(rel * 100).toFixed(0)} % of the clip's own sharpness`,
          ),
        );
      }
    }
    return {
      metrics: { sharpness: Number.isFinite(med) ? Math.round(sharpnessScore(med) * 1000) / 1000 : 0 },
      defects,
    };
  },
};
