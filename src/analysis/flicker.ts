/**
 * Flicker: fast, repeated brightness changes. The mean-luma series is high-passed with a second
 * difference d(t) = L(t) − (L(t−1) + L(t+1))/2, which is zero on any steady or linear exposure
 * ramp. A window of ~0.5 s flickers when d's RMS exceeds `flickerRmsLuma` AND d swings sign at
 * least six times among its large values — a flash (−, +, −) swings twice, so two flashes within
 * the window are not flicker either. Pairs at a cut are skipped.
 */
import { type ClipContext, runs } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/**
 * Sign swings of the large second differences a flickering window needs. One flash swings twice
 * (−, +, −), two flashes within the window four times (stress set: 3–4 flashes in 3 s at 24 fps
 * fall ≥ 3 frames apart); flicker alternates on (nearly) every frame, ≥ 8 swings in any ½ s
 * window at 15 fps and more at higher rates.
 */
const MIN_REVERSALS = 6;

export const flickerMetric: ClipMetric = {
  id: 'flicker',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    const n = records.length;
    const d = new Float64Array(n);
    for (let i = 1; i < n - 1; i++) {
      const prev = records[i - 1];
      const cur = records[i];
      const next = records[i + 1];
      if (!prev || !cur || !next) continue;
      if (ctx.cutFrames.has(cur.index) || ctx.cutFrames.has(next.index)) continue;
      d[i] = cur.meanLuma - (prev.meanLuma + next.meanLuma) / 2;
    }
    const half = Math.max(3, Math.round(ctx.fps * 0.25));
    const flagged: boolean[] = new Array(n).fill(false);
    const peakThreshold = t.flickerRmsLuma;
    let worst = 0;
    let total = 0;
    for (let i = 1; i < n - 1; i++) total += (d[i] as number) ** 2;
    for (let i = 0; i < n; i++) {
      const lo = Math.max(1, i - half);
      const hi = Math.min(n - 2, i + half);
      let ss = 0;
      let reversals = 0;
      let lastSign = 0;
      for (let k = lo; k <= hi; k++) {
        const v = d[k] as number;
        ss += v * v;
        if (Math.abs(v) <= peakThreshold) continue;
        const sign = Math.sign(v);
        if (lastSign !== 0 && sign !== lastSign) reversals++;
        lastSign = sign;
      }
      const rms = Math.sqrt(ss / Math.max(1, hi - lo + 1));
      if (rms > t.flickerRmsLuma && reversals >= MIN_REVERSALS) {
        flagged[i] = true;
        worst = Math.max(worst, rms);
      }
    }
    const defects = runs(flagged, 2).map(([s, e]) =>
      defectOver(
        ctx,
        'flicker',
        s,
        e,
        worst / (4 * t.flickerRmsLuma),
        `brightness flickers (RMS ${worst.toFixed(1)} gray levels)`,
      ),
    );
    return { metrics: { flicker: round(Math.sqrt(total / Math.max(1, n - 2))) }, defects };
  },
};

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
