/**
 * Freeze: repeated frames. A pair repeats when its mean absolute difference is below `freezeMad`
 * gray levels — bit-identical up to re-encoding, sensor noise included — AND far below the clip's
 * own typical pair difference (≤ 25 % of the median of the other pairs). The second condition keeps
 * a locked camera on a still, noise-free scene from reading as frozen: a freeze is only visible
 * against footage that otherwise changes. A run of `freezeMinPairs` repeats raises the defect.
 */
import { type ClipContext, median, runs } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

export const freezeMetric: ClipMetric = {
  id: 'freeze',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    const repeat = records.map((r) => r.hasPrev && r.mad < t.freezeMad);
    const moving = records.filter((r, i) => r.hasPrev && !repeat[i]).map((r) => r.mad);
    const typical = moving.length > 0 ? median(moving) : 0;
    const visible = records.map((r, i) => repeat[i] === true && r.mad <= 0.25 * typical);
    const found = runs(visible, t.freezeMinPairs);
    let frozenPairs = 0;
    const defects = found.map(([s, e]) => {
      frozenPairs += e - s + 1;
      const seconds = (e - s + 1) / ctx.fps;
      // The freeze shows from the frame before the first repeated pair.
      return defectOver(
        ctx,
        'freeze',
        Math.max(0, s - 1),
        e,
        seconds / 1,
        `picture frozen for ${seconds.toFixed(2)} s`,
      );
    });
    const pairs = Math.max(1, records.length - 1);
    return { metrics: { freeze: Math.round((frozenPairs / pairs) * 1000) / 1000 }, defects };
  },
};
