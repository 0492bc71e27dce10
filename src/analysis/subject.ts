/**
 * Subject integrity without a neural net. Per frame, every textured block is scored by its
 * two-motion misfit against the frame ≈ 1/30 s back (`misfitGap` frames: one pair up to ~45 fps,
 * two at 50–60 fps, so a slow warp accumulates as far as over one pair at 30 fps; frame-misfit.ts)
 * (motion/layer-misfit.ts): the part of its change that neither its own best
 * translation nor the camera's motion explains, in ≈ pixels (normalised by the block's gradient
 * energy). Rigid content — background, a walking figure, a subject held in a tracking shot — is
 * explained up to occlusion strips, resampling and compression noise; a subject that melts, warps
 * or swaps texture is not. The pair's score S is the mean of its two worst blocks minus the median
 * block (the frame's own noise floor).
 *
 * A moving subject has its own steady level of S (occlusion at its edges grows with its speed), so
 * the tolerance is learned from the clip itself. S is smoothed by a running lower quantile (⅓) over
 * `subjectMinS`; the baseline B is the 40th percentile of that over the whole clip (a distortion
 * may cover up to ~60 % of the clip, anywhere), and a frame is distorted when the smoothed S
 * exceeds max(R·B, B + `subjectMisfitMarginPx`·k, `subjectMisfitFloorPx`·k) with k = min(1,
 * 30 · gap / fps) ≥ ½ and R = `subjectMisfitRatio` (2: a rigid subject's S wanders under that
 * along a clip), or less for a steady S: B + `subjectMisfitNoiseZ` × its noise, at least
 * `subjectMisfitMinRatio`·B. A run of at least `subjectMinS` raises `subject_distortion`. Pairs
 * under unsteady light (flash, flicker, changing clipping), across a cut, at a repeated frame or
 * where the whole frame misfits (median block high, and its best-explained blocks too: shake, blur
 * bursts) carry no evidence. Consequence: a subject distorted over most of the clip sets its own
 * baseline and is only caught by the floor.
 *
 * `subject_consistency` = 1 / (1 + ½ · (P90 of S − baseline) / (tolerance − baseline)): 1 for a
 * steady subject, ≈ 0.67 where S reaches the tolerance, lower beyond.
 */
import { type ClipContext, median, quantile, runs, usablePair } from './clip-context.ts';
import type { FrameRecord } from './features.ts';
import { type ClipMetric, defectOver, type MetricOutput } from './metric.ts';
import { misfitGap } from './motion/frame-misfit.ts';

/** Baseline S (≈ px) up to which a subject counts as fully consistent, and the scale beyond it. */
const ABS_QUIET_PX = 0.2;
const ABS_SCALE_PX = 3;

/**
 * Light gate: a pair whose clipped fraction (pixels < 16 or > 240) changes by this much carries no
 * subject evidence (on clips without exposure defects 95 % of pairs change < 1.1 %, over/under-
 * exposure onsets and flicker 13–100 %)…
 */
const CLIP_CHANGE_FRAC = 0.02;
/**
 * …nor does one where either frame is mostly clipped, AND clipped this much beyond the clip's
 * median frame: a scene whose look is mostly white (a product on a white sweep, 75–77 % above 240
 * in every frame) is judged on its textured rest; a blown-out stretch is not.
 */
const MAX_CLIPPED_FRAC = 0.5;
const CLIPPED_ABOVE_USUAL = 0.1;

/** A pair whose median block misfit exceeds the clip's typical one by both this factor… */
const FLOOR_RISE_RATIO = 2;
/**
 * …and this margin (≈ px) says nothing about the subject — when its best-explained blocks
 * (`misfitLow`) rose by as much against their typical level too: the whole frame misfits (shake,
 * a blur or codec burst). When only the median rose, a large subject covers most of the textured
 * blocks (a figure before a mostly plain photo: 6 of 9 textured blocks) and the median is its own
 * misfit; the pair is then judged against the clip's typical floor.
 */
const FLOOR_RISE_PX = 0.05;

/**
 * S is smoothed by this running quantile over `subjectMinS`: a distortion raises every pair, an
 * articulated walker whose stride pose changes every other frame only some (a median of such a
 * bimodal series flips between its modes).
 */
const SMOOTH_QUANTILE = 1 / 3;

/**
 * S is a displacement between frames `misfitGap` apart: a warp moves less over a shorter interval
 * while resampling and codec noise do not shrink. Where the interval is under 1/30 s (40 fps: one
 * pair) the absolute margin and floor shrink in proportion (to at most half).
 */
const REFERENCE_FPS = 30;

/** Quantile of the clip's S taken as its baseline. */
const BASELINE_QUANTILE = 0.4;

/**
 * Appearance is only comparable under steady enough light: skip pairs whose mean luma jumps by
 * `subjectLightChangeFrac` or more (a flash, flicker), whose clipping changes (the clipped boundary then moves through the
 * texture: over/under-exposure setting in, flicker into the highlights) or whose frames are mostly
 * clipped beyond the clip's habit (an over-exposed stretch). Steady clipping is harmless — a bright sky or window is flat, so no block there is
 * scored — and photos often hold more than 10 % of it (that bound once left such clips unjudged).
 */
function steadyLight(ctx: ClipContext, index: number, usualClipped: number): boolean {
  const cur = ctx.records[index];
  const prev = ctx.records[index - 1];
  if (!cur || !prev) return false;
  const tooClipped = (f: FrameRecord): boolean =>
    clippedFrac(f) >= MAX_CLIPPED_FRAC && clippedFrac(f) >= usualClipped + CLIPPED_ABOVE_USUAL;
  const clipChange = Math.abs(cur.brightFrac - prev.brightFrac) + Math.abs(cur.darkFrac - prev.darkFrac);
  // The misfit removes each block's gain and offset, so slow drifts are fine; a jump (a flash,
  // flicker) pushes some blocks' highlights or shadows against the range, where no gain fits.
  const change = Math.abs(cur.meanLuma - prev.meanLuma) / Math.max(16, prev.meanLuma);
  return (
    change < ctx.thresholds.subjectLightChangeFrac &&
    clipChange < CLIP_CHANGE_FRAC &&
    !tooClipped(cur) &&
    !tooClipped(prev)
  );
}

function clippedFrac(f: FrameRecord): number {
  return f.brightFrac + f.darkFrac;
}

/** Centred running median over `half` frames each side, ignoring NaN (NaN where none). */
export function runningMedian(values: readonly number[], half: number): number[] {
  return runningQuantile(values, half, 0.5);
}

/**
 * Centred running quantile `q` over `half` frames each side, ignoring NaN; NaN where the window
 * holds no more than `half` values.
 */
export function runningQuantile(values: readonly number[], half: number, q: number): number[] {
  return values.map((_, i) => {
    const window: number[] = [];
    for (let k = Math.max(0, i - half); k <= Math.min(values.length - 1, i + half); k++) {
      const v = values[k] as number;
      if (Number.isFinite(v)) window.push(v);
    }
    return window.length > half ? quantile(window, q) : Number.NaN;
  });
}

/**
 * Pairs that repeat their frame: MAD below `freezeMad` and below a quarter of the median MAD within
 * ±1 s (the footage around a freeze moves; a quiet shot is quiet throughout).
 */
function repeatedPairs(ctx: ClipContext): boolean[] {
  const { records } = ctx;
  const half = Math.max(2, Math.round(ctx.fps));
  const window: number[] = [];
  return records.map((r, i) => {
    if (!r.hasPrev || r.mad >= ctx.thresholds.freezeMad) return false;
    window.length = 0;
    for (let k = Math.max(1, i - half); k <= Math.min(records.length - 1, i + half); k++)
      window.push((records[k] as FrameRecord).mad);
    return r.mad < REPEAT_CONTEXT_SHARE * median(window);
  });
}

/** A repeat's MAD is below this share of its surroundings' median MAD (see `repeatedPairs`). */
const REPEAT_CONTEXT_SHARE = 0.25;

/** The per-pair score S (NaN where the pair carries no evidence). */
export function subjectScores(ctx: ClipContext): number[] {
  // A repeated frame (freeze) shows nothing about the subject, and the step after it is a jump. A
  // repeat is a near-zero change that also stands out from the footage around it: at 50–60 fps a
  // static shot with a slow walker changes as little (MAD 0.05–0.1) on every pair, and is real.
  const repeats = repeatedPairs(ctx);
  // A blurred frame smears the texture the misfit is measured on: its S is not comparable with the
  // sharp frames' (same bounds as the blur defect: under `blurRelative` of the clip's sharp level,
  // and one octave down under `blurCoarseRelative` — a push-in over upscaled footage swings the
  // finest octave 1.0–2.8 with the resampling phase while the coarse one holds: that is no blur,
  // and judging only its sharp phases left a third of such a clip without evidence).
  const sharpLevel = quantile(
    ctx.records.map((r) => r.detail),
    0.9,
  );
  const coarseLevel = quantile(
    ctx.records.map((r) => r.detailCoarse - 1),
    0.9,
  );
  const blurred = (r: FrameRecord | undefined): boolean =>
    r !== undefined &&
    r.detail < ctx.thresholds.blurRelative * sharpLevel &&
    r.detailCoarse - 1 < ctx.thresholds.blurCoarseRelative * coarseLevel;
  const usualClipped = ctx.records.length > 0 ? median(ctx.records.map(clippedFrac)) : 0;
  const pairOk = ctx.records.map(
    (r, i) =>
      usablePair(ctx, r) &&
      steadyLight(ctx, i, usualClipped) &&
      !repeats[i] &&
      !repeats[i - 1] &&
      !blurred(r) &&
      !blurred(ctx.records[i - 1]),
  );
  // At high frame rates a record's misfit compares frames `gap` apart (frame-misfit.ts): every
  // pair in between has to be usable (a flash or cut inside the gap spoils the comparison).
  const gap = misfitGap(ctx.fps);
  const usable = pairOk.map((_, i) => {
    for (let k = Math.max(0, i - gap + 1); k <= i; k++) if (!pairOk[k]) return false;
    return true;
  });
  // When the median block misfits too (shake, a blur or codec burst), the whole frame is poorly
  // explained — that is not a subject changing shape: a subject covers a minority of the blocks.
  const judged = ctx.records.filter((_, i) => usable[i]);
  const floorLimit = riseLimit(judged.map((r) => r.misfitFloor));
  const lowLimit = riseLimit(judged.map((r) => r.misfitLow));
  const typicalFloor = judged.length > 0 ? median(judged.map((r) => r.misfitFloor)) : 0;
  return ctx.records.map((r, i) => {
    if (!usable[i]) return Number.NaN;
    if (r.misfitFloor <= floorLimit) return Math.max(0, r.misfitTop - r.misfitFloor);
    // The median rose but the best-explained blocks did not: the subject is most of the frame's
    // texture, and its own misfit is no noise floor.
    return r.misfitLow <= lowLimit ? Math.max(0, r.misfitTop - typicalFloor) : Number.NaN;
  });
}

/** How far a per-pair level may rise over its clip-typical (median) value and still be ordinary. */
function riseLimit(values: readonly number[]): number {
  const typical = values.length > 0 ? median(values) : 0;
  return Math.max(FLOOR_RISE_RATIO * typical, typical + FLOOR_RISE_PX);
}

/**
 * The clip's pair-to-pair jitter of S: median |S(i) − S(i−1)| over consecutive judged pairs (∞ with
 * fewer than `MIN_NOISE_PAIRS`). A rigid subject's S is steady (a held subject before a tracked
 * background: 0.02 px around 0.2); an articulated walker's swings with its stride, heavy
 * compression's with the codec's refreshes (0.04–0.5 px).
 */
export function scoreJitter(scores: readonly number[]): number {
  const diffs: number[] = [];
  for (let i = 1; i < scores.length; i++) {
    const a = scores[i] as number;
    const b = scores[i - 1] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) diffs.push(Math.abs(a - b));
  }
  return diffs.length >= MIN_NOISE_PAIRS ? median(diffs) : Number.POSITIVE_INFINITY;
}

/** Fewest judged pairs for a noise estimate of S (else the ratio stays `subjectMisfitRatio`). */
const MIN_NOISE_PAIRS = 10;

export const subjectMetric: ClipMetric = {
  id: 'subject',
  run(ctx: ClipContext): MetricOutput {
    const { records, thresholds: t, fps } = ctx;
    const minFrames = Math.max(3, Math.round(t.subjectMinS * fps));
    const scores = subjectScores(ctx);
    // The lower third needs enough frames to sit in the lower level of a stride that alternates
    // every frame or two: at 15 fps 0.3 s is 5 frames, and their second lowest still flips.
    const half = Math.max(minFrames, t.subjectSmoothMinFrames) >> 1;
    const smooth = runningQuantile(scores, half, SMOOTH_QUANTILE);
    // The clip's own quiet level: a low percentile of the smoothed S over the whole clip. A
    // subject present throughout (or for most of it) sets it; a distortion has to cover under
    // ~60 % of the clip to stand out from it — wherever it starts.
    const finiteAll = smooth.filter((v) => Number.isFinite(v));
    const baseline = finiteAll.length > 0 ? quantile(finiteAll, BASELINE_QUANTILE) : 0;
    const perFrame = Math.max(0.5, Math.min(1, (REFERENCE_FPS * misfitGap(fps)) / fps));
    // The ratio asks a rise of 2× (a subject's S wanders that far along some clips); a steady S
    // earns a lower one, down to `subjectMisfitMinRatio`: baseline + z × its noise, the larger of
    // its pair-to-pair jitter and its slow wander below the baseline (baseline − 10th percentile of
    // the smoothed S: a distortion sits above the baseline, a wander spreads both ways).
    const wander =
      finiteAll.length >= MIN_NOISE_PAIRS ? baseline - quantile(finiteAll, 0.1) : Number.POSITIVE_INFINITY;
    const noise = Math.max(scoreJitter(scores), wander);
    const ratioTolerance = Math.min(
      t.subjectMisfitRatio * baseline,
      Math.max(t.subjectMisfitMinRatio * baseline, baseline + t.subjectMisfitNoiseZ * noise),
    );
    const threshold = Math.max(
      ratioTolerance,
      baseline + t.subjectMisfitMarginPx * perFrame,
      t.subjectMisfitFloorPx * perFrame,
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
