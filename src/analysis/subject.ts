/**
 * Subject integrity without a neural net. Per frame pair, every textured block is scored by its
 * two-motion misfit (motion/layer-misfit.ts): the part of its change that neither its own best
 * translation nor the camera's motion explains, in ≈ pixels (normalised by the block's gradient
 * energy). Rigid content — background, a walking figure, a subject held in a tracking shot — is
 * explained up to occlusion strips, resampling and compression noise; a subject that melts, warps
 * or swaps texture is not. The pair's score S is the mean of its two worst blocks minus the median
 * block (the frame's own noise floor).
 *
 * A moving subject has its own steady level of S (occlusion at its edges grows with its speed), so
 * the tolerance is learned from the clip itself: the baseline B is the median S over the first
 * quarter of the clip (≥ 0.5 s), and a frame is distorted when S, median-filtered over
 * `subjectMinS`, exceeds max(`subjectMisfitRatio`·B, B + `subjectMisfitMarginPx`,
 * `subjectMisfitFloorPx`) — a rigid subject's S wanders well under 2× along a clip. A run of at
 * least `subjectMinS` raises `subject_distortion`. Pairs under unsteady light (flash, flicker,
 * clipping) or across a cut carry no evidence. Consequence: a subject distorted from its very
 * first frames sets its own baseline and is only caught by the floor.
 *
 * `subject_consistency` = 1 / (1 + ½ · (P90 of S − baseline) / (tolerance − baseline)): 1 for a
 * steady subject, ≈ 0.67 where S reaches the tolerance, lower beyond.
 */
import { type ClipContext, median, quantile, runs, usablePair } from './clip-context.ts';
import type { FrameRecord } from './features.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';

/** Baseline S (≈ px) up to which a subject counts as fully consistent, and the scale beyond it. */
const ABS_QUIET_PX = 0.2;
const ABS_SCALE_PX = 3;

/** Quantile of the clip's S taken as its baseline. */
const BASELINE_QUANTILE = 0.5;

/**
 * Appearance is only comparable under steady enough light: skip pairs whose mean luma jumps by
 * 30 % or more (a flash) or whose frames are clipped (over/under-exposure wipes texture).
 */
function steadyLight(ctx: ClipContext, index: number): boolean {
  const cur = ctx.records[index];
  const prev = ctx.records[index - 1];
  if (!cur || !prev) return false;
  const clipped = (f: FrameRecord): boolean => f.brightFrac > 0.1 || f.darkFrac > 0.1;
  // The misfit removes each block's gain and offset, so flicker and drifts up to ~30 % are fine;
  // beyond that (a flash) the fit of the block's own motion itself degrades.
  const change = Math.abs(cur.meanLuma - prev.meanLuma) / Math.max(16, prev.meanLuma);
  return change < 0.3 && !clipped(cur) && !clipped(prev);
}

/** Centred running median over `half` frames each side, ignoring NaN (NaN where none). */
export function runningMedian(values: readonly number[], half: number): number[] {
  return values.map((_, i) => {
    const window: number[] = [];
    for (let k = Math.max(0, i - half); k <= Math.min(values.length - 1, i + half); k++) {
      const v = values[k] as number;
      if (Number.isFinite(v)) window.push(v);
    }
    return window.length > half ? median(window) : Number.NaN;
  });
}

/** The per-pair score S (NaN where the pair carries no evidence). */
export function subjectScores(ctx: ClipContext): number[] {
  // A repeated frame (freeze) shows nothing about the subject, and the step after it is a jump.
  const repeat = (r: FrameRecord | undefined): boolean => r !== undefined && r.mad < ctx.thresholds.freezeMad;
  return ctx.records.map((r, i) =>
    usablePair(ctx, r) && steadyLight(ctx, i) && !repeat(r) && !repeat(ctx.records[i - 1])
      ? Math.max(0, r.misfitTop - r.misfitFloor)
      : Number.NaN,
  );
}

export const subjectMetric: ClipMetric = {
  id: 'subject',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t, fps } = ctx;
    const minFrames = Math.max(3, Math.round(t.subjectMinS * fps));
    const smooth = runningMedian(subjectScores(ctx), minFrames >> 1);
    // The clip's own quiet level: the lower quartile of S over the whole clip. A subject present
    // throughout (or for most of it) sets it; a distortion has to cover under ¾ of the clip to
    // stand out from it — wherever it starts.
    const finiteAll = smooth.filter((v) => Number.isFinite(v));
    const baseline = finiteAll.length > 0 ? quantile(finiteAll, BASELINE_QUANTILE) : 0;
    const threshold = Math.max(
      t.subjectMisfitRatio * baseline,
      baseline + t.subjectMisfitMarginPx,
      t.subjectMisfitFloorPx,
    );
    const flagged = smooth.map((v) => Number.isFinite(v) && v > threshold);
    const spans = mergeSpans(runs(flagged, minFrames), minFrames);
    // Continuous: how far the clip's upper S (90th percentile) rises above its own baseline, in
    // units of the tolerance's headroom — 1 for a steady subject, 0.67 at the defect threshold.
    const upper = finiteAll.length > 0 ? quantile(finiteAll, 0.9) : baseline;
    // …times a gentle absolute term: a clip whose subject never settles (S high throughout, which
    // the relative test cannot see) reads less consistent, without failing the gate on its own.
    const consistency =
      1 /
      (1 + (0.5 * Math.max(0, upper - baseline)) / (threshold - baseline)) /
      (1 + Math.max(0, baseline - ABS_QUIET_PX) / ABS_SCALE_PX);
    const defects = spans.map(([s, e]) => {
      const worst = Math.max(...smooth.slice(s, e + 1).filter((v) => Number.isFinite(v)));
      return defectOver(
        ctx,
        'subject_distortion',
        s,
        e,
        (worst - threshold) / threshold,
        `subject changes shape: ${worst.toFixed(2)} px unexplained by any motion (clip baseline ${baseline.toFixed(2)}, tolerance ${threshold.toFixed(2)})`,
      );
    });
    const fg = records.filter((r) => r.hasPrev).map((r) => r.fgFrac);
    return {
      metrics: {
        subject_consistency: Math.round(consistency * 1000) / 1000,
        subject_misfit_baseline: Math.round(baseline * 1000) / 1000,
        foreground_fraction:
          fg.length > 0 ? Math.round((fg.reduce((s, v) => s + v, 0) / fg.length) * 1000) / 1000 : 0,
      },
      defects,
    };
  },
};

/** Joins spans separated by fewer than `gap` frames (one distortion, briefly dipping). */
function mergeSpans(spans: Array<[number, number]>, gap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span[0] - last[1] <= gap) last[1] = span[1];
    else out.push([span[0], span[1]]);
  }
  return out;
}
