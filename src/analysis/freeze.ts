/**
 * Freeze: repeated frames. A pair repeats when its mean absolute difference is below `freezeMad`
 * gray levels — bit-identical up to re-encoding, sensor noise included — AND the clip otherwise
 * changes: the median pair difference is at least 2 × `freezeMad` and the repeat is ≤ 25 % of it.
 * A locked camera on a still scene (whose grain the encoder removed) is then never "frozen": a
 * freeze is only visible against footage that otherwise changes. A run of `freezeMinPairs` repeats raises the defect.
 */
import { type ClipContext, median, runs } from './clip-context.ts';
import { isFlat } from './exposure.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

export const freezeMetric: ClipMetric = {
  id: 'freeze',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    // Flat frames (black, white-out) repeat trivially; exposure metrics report those.
    const repeat = records.map(
      (r, i) => r.hasPrev && r.mad < t.freezeMad && !isFlat(r) && !isFlat(records[i - 1] ?? r),
    );
    // The clip's typical change per pair. When most pairs barely change (a locked camera on a still
    // scene, re-encoded until its grain is gone) a freeze is invisible and none is reported.
    const typical = median(records.filter((r) => r.hasPrev).map((r) => r.mad));
    const moving = Number.isFinite(typical) && typical >= 2 * t.freezeMad;
    const visible = records.map((r, i) => moving && repeat[i] === true && r.mad <= 0.25 * typical);
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
