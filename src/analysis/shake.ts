/**
 * Shake: high-frequency jitter on top of the intended camera path. The path (frame fractions) is
 * smoothed with a centred moving average of `shakeWindowS`; the residual is the jitter. Its RMS
 * over a sliding 0.5 s window above `shakeRmsFrac` (0.25 % of the frame ≈ 0.64 px at 256 px wide,
 * 3.2 px on 1280) with at least two jitter reversals (the step against the local median step
 * turning back on itself, both steps above `shakeRmsFrac`) raises the defect: one step — a freeze
 * catching up, a zoom jump, a whip pan — reverses nothing. A steady pan or push has no residual,
 * whatever its speed. Windows whose fits rest on one compact region or whose blocks disagree
 * (heavy compression) are not the camera's jitter.
 */
import { cameraPath, smoothWithin } from './camera-path.ts';
import { type ClipContext, median, runs } from './clip-context.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Inlier bounding box (fraction of the grid) below which a pair's camera fit is too local. */
const MIN_SPAN = 0.5;
/** Median inlier ratio over the window below which the fits are incoherent (blocks disagree). */
const MIN_INLIERS = 0.75;
/** Jitter reversals (see below) a window needs. */
const MIN_REVERSALS = 2;

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
    // Shake reverses: count pairs where the camera's step, relative to the local typical step
    // (running median over the smoothing window, so one outlier does not move it), turns back on
    // itself — consecutive deviations both above the threshold and pointing apart. One step — a
    // freeze catching up, a zoom jump, a whip pan's corner — is a single deviation: no reversal.
    // Jitter reverses on most pairs whatever the frame rate (counting local maxima of the
    // residual instead needed three in 0.5 s, which 15 fps jitter often did not give).
    const devX = stepDeviations(path.x, path.segment, half);
    const devY = stepDeviations(path.y, path.segment, half);
    const reversal = new Uint8Array(n);
    for (let i = 2; i < n; i++) {
      const ax = devX[i - 1] as number;
      const ay = devY[i - 1] as number;
      const bx = devX[i] as number;
      const by = devY[i] as number;
      const big = Math.hypot(ax, ay) > t.shakeRmsFrac && Math.hypot(bx, by) > t.shakeRmsFrac;
      if (big && ax * bx + ay * by < 0) reversal[i] = 1;
    }
    const win = Math.max(2, Math.round(ctx.fps * 0.25));
    const flagged: boolean[] = new Array(n).fill(false);
    let worst = 0;
    const inliers: number[] = [];
    for (let i = 0; i < n; i++) {
      let s = 0;
      let c = 0;
      let reversals = 0;
      let narrow = 0;
      inliers.length = 0;
      for (let k = Math.max(0, i - win); k <= Math.min(n - 1, i + win); k++) {
        s += j2[k] as number;
        reversals += reversal[k] as number;
        const r = ctx.records[k];
        if ((r?.inlierSpan ?? 1) < MIN_SPAN) narrow++;
        inliers.push(r?.inlierRatio ?? 1);
        c++;
      }
      const rms = Math.sqrt(s / c);
      // Jitter measured on a fit that rests on one compact region (a hand-held object before a
      // blank wall) is that object's motion, not the camera's; jitter from fits the blocks
      // disagree on (heavy compression: skipped blocks stick, then catch up) is the codec's. A
      // shaking camera moves the whole frame together — a subject's blocks aside (a large
      // walker alone keeps a clip's inlier ratio near 0.85).
      if (
        rms > t.shakeRmsFrac &&
        reversals >= MIN_REVERSALS &&
        narrow <= c / 4 &&
        median(inliers) >= MIN_INLIERS
      ) {
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

/**
 * Per pair: the path's step minus the running median of the steps within ±`half` pairs of the same
 * segment (0 for a segment's first frame).
 */
function stepDeviations(values: Float64Array, segment: Int32Array, half: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const window: number[] = [];
  for (let i = 1; i < n; i++) {
    if (segment[i] !== segment[i - 1]) continue;
    window.length = 0;
    for (let k = Math.max(1, i - half); k <= Math.min(n - 1, i + half); k++) {
      if (segment[k] === segment[i] && segment[k - 1] === segment[i])
        window.push((values[k] as number) - (values[k - 1] as number));
    }
    out[i] = (values[i] as number) - (values[i - 1] as number) - median(window);
  }
  return out;
}
