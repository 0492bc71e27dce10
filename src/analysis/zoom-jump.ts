/**
 * Zoom jump: an abrupt scale change between two frames (a lens snap, or a model jumping framing).
 * The pair's scale step is the fitted similarity's, or — when the block fit failed because the
 * step was too large — the centred zoom search's, if that search matches well (NCC ≥ 0.6). A step
 * whose |log scale| exceeds the median of its neighbours' by `zoomJumpLogScale` (3.5 % in one
 * frame, ~3× the per-frame step of a fast push-in at 24 fps) raises the defect; steady pushes do not.
 */
import { cameraPath } from './camera-path.ts';
import { type ClipContext, median } from './clip-context.ts';
import { isFlat, lightJump, mostlyClippedFrames } from './exposure.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/**
 * True when pair `i` follows a run of repeated frames that itself followed motion: the step that
 * ends a freeze is the camera catching up (reported as the freeze), not a framing jump. A still
 * shot repeats from its first frame and has no such motion before the run.
 */
function endsFreeze(ctx: ClipContext, i: number): boolean {
  const t = ctx.thresholds;
  let k = i - 1;
  while (k >= 1 && (ctx.records[k]?.mad ?? 1) < t.freezeMad) k--;
  const run = i - 1 - k;
  return run >= t.freezeMinPairs && k >= 1 && (ctx.records[k]?.mad ?? 0) >= t.freezeContextMad;
}

export const zoomJumpMetric: ClipMetric = {
  id: 'zoom_jump',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t } = ctx;
    const n = records.length;
    const step = new Float64Array(n);
    const clipped = mostlyClippedFrames(records);
    // A shot whose fits mostly rest on a few bunched blocks (a subject before a blank wall) has no
    // evidence of the camera at all (camera-path.ts): its scale steps, fitted or searched, follow
    // the subject's limbs, and a dancer's swing read as a dozen framing jumps.
    const { segment, blind } = cameraPath(ctx);
    for (let i = 0; i < n; i++) {
      const r = records[i];
      const before = records[i - 1];
      // Flat or mostly clipped frames keep a few textured blocks at most: the fit and the zoom
      // search then lock onto noise (an over-exposed stretch read ±5 % steps every other pair).
      const unreadable = (k: number): boolean => {
        const f = records[k];
        return f !== undefined && (isFlat(f) || clipped[k] === true);
      };
      if (!r?.hasPrev || ctx.cutFrames.has(r.index) || unreadable(i) || unreadable(i - 1)) continue;
      if (blind[segment[i] as number]) continue;
      if (endsFreeze(ctx, i) || (before && lightJump(before, r))) continue;
      // The fitted step counts when its warp matches (even if few blocks agreed: a big step loses
      // the border blocks); the centred search when it matches better.
      const fitted = r.validCount >= 4 && r.mcNcc >= 0.8 ? Math.log(Math.hypot(1 + r.a, r.b)) : 0;
      const searched = r.zoomNcc >= 0.6 && r.zoomNcc > r.mcNcc ? r.zoomLogScale : 0;
      step[i] = searched !== 0 ? searched : fitted;
    }
    const defects = [];
    let worst = 0;
    for (let i = 1; i < n; i++) {
      const around: number[] = [];
      for (let k = Math.max(1, i - 5); k <= Math.min(n - 1, i + 5); k++)
        if (k !== i) around.push(step[k] as number);
      const jump = Math.abs((step[i] as number) - median(around));
      worst = Math.max(worst, jump);
      if (jump > t.zoomJumpLogScale) {
        const pct = (Math.exp(Math.abs(step[i] as number)) - 1) * 100;
        defects.push(
          defectOver(
            ctx,
            'zoom_jump',
            Math.max(0, i - 1),
            i,
            jump / (4 * t.zoomJumpLogScale),
            `framing jumps ${pct.toFixed(0)} % in one frame`,
          ),
        );
      }
    }
    return { metrics: { zoom_jump: Math.round(worst * 1000) / 1000 }, defects };
  },
};
