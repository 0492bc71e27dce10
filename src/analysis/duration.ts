/**
 * Too short: the clip lasts less than `minDurationS` (0 disables; the reference gate uses 2 s:
 * a motion source shorter than that gives a model too little motion to copy).
 */
import type { ClipContext } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Clip duration in seconds: frame count over frame rate. */
export function clipDurationS(ctx: Pick<ClipContext, 'records' | 'fps'>): number {
  return ctx.records.length / ctx.fps;
}

export const durationMetric: ClipMetric = {
  id: 'duration',
  run(ctx: ClipContext): MetricOutput {
    const durationS = clipDurationS(ctx);
    const min = ctx.thresholds.minDurationS;
    const defects =
      min > 0 && durationS < min
        ? [
            defectOver(
              ctx,
              'too_short',
              0,
              Math.max(0, ctx.records.length - 1),
              1 - durationS / min,
              `${durationS.toFixed(2)} s is shorter than the ${min} s minimum`,
            ),
          ]
        : [];
    return { metrics: { duration_s: Math.round(durationS * 1000) / 1000 }, defects };
  },
};
