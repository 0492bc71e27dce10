/**
 * Shake: high-frequency jitter on top of the intended camera path. The path (frame fractions) is
 * smoothed with a centred moving average of `shakeWindowS`; the residual is the jitter. Its RMS
 * over a sliding 0.5 s window above `shakeRmsFrac` (0.4 % of the frame ≈ 1 px at 256 px wide, or
 * 3 px on 720p) with at least three jitter peaks in the window raises the defect (one step —
 * a freeze catching up, a whip pan — is not shake). A steady pan or push has no residual, whatever its speed.
 */
import { cameraPath, smoothWithin } from './camera-path.ts';
import { type ClipContext, runs } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Inlier bounding box (fraction of the grid) below which a pair's camera fit is too local. */
const MIN_SPAN = 0.5;
/** Inlier ratio below which a pair's fit is incoherent (blocks disagree). */
const MIN_INLIERS = 0.9;

export const shakeMetric: ClipMetric = {
  id: 'shake',
  run(ctx: ClipContext): MetricOutput {
    const t = ctx.thresholds;
    const path = cameraPath(ctx);
    const n = ctx.records.length;
    const half = Math.max(2, Math.round((t.shakeWindowS * ctx.fps) / 2));
    const sx = smoothWithin(path.x, path.segment, half);
    const sy = smoothWithin(path.y, path.segment, half);
    const j2 = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const ex = (path.x[i] as number) - (sx[i] as number);
      const ey = (path.y[i] as number) - (sy[i] as number);
      j2[i] = ex * ex + ey * ey;
      total += j2[i] as number;
    }
    // Shake oscillates: count local maxima of the jitter above threshold. A single step (a freeze
    // catching up, a whip pan's corners) makes one or two, sustained jitter many.
    const peak = new Uint8Array(n);
    const thr2 = t.shakeRmsFrac * t.shakeRmsFrac;
    for (let i = 1; i < n - 1; i++) {
      const v = j2[i] as number;
      if (v > thr2 && v >= (j2[i - 1] as number) && v > (j2[i + 1] as number)) peak[i] = 1;
    }
    const win = Math.max(2, Math.round(ctx.fps * 0.25));
    const flagged: boolean[] = new Array(n).fill(false);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      let c = 0;
      let peaks = 0;
      let narrow = 0;
      let incoherent = 0;
      for (let k = Math.max(0, i - win); k <= Math.min(n - 1, i + win); k++) {
        s += j2[k] as number;
        peaks += peak[k] as number;
        const r = ctx.records[k];
        if ((r?.inlierSpan ?? 1) < MIN_SPAN) narrow++;
        if ((r?.inlierRatio ?? 1) < MIN_INLIERS) incoherent++;
        c++;
      }
      const rms = Math.sqrt(s / c);
      // Jitter measured on a fit that rests on one compact region (a hand-held object before a
      // blank wall) is that object's motion, not the camera's; jitter from fits most blocks
      // disagree with (heavy compression: skipped blocks stick, then catch up) is the codec's.
      // A shaking camera moves the whole frame together.
      if (rms > t.shakeRmsFrac && peaks >= 3 && narrow <= c / 4 && incoherent < c / 2) {
        flagged[i] = true;
        worst = Math.max(worst, rms);
      }
    }
    const minLen = Math.max(3, Math.round(ctx.fps * 0.3));
    const defects = runs(flagged, minLen).map(([s, e]) =>
      defectOver(
        ctx,
        'shake',
        s,
        e,
        worst / (3 * t.shakeRmsFrac),
        `camera jitter ${(worst * 100).toFixed(2)} % of the frame (RMS)`,
      ),
    );
    const rms = Math.sqrt(total / Math.max(1, n));
    return { metrics: { shake: Math.round(rms * 1e5) / 1e5 }, defects };
  },
};
