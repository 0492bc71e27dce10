/**
 * Every analysis threshold in one place, with its default and reason. Override any subset with
 * `analyzeFrames(..., { thresholds: {...} })`, from a preset rubric or a gate config.
 * Units are in the names; "frac" = fraction of frame dimension, "px" = analysis-resolution pixels.
 */
export type AnalysisThresholds = {
  /** Analysis pixel budget: frames are scaled (in ffmpeg) to about this many pixels, aspect kept. @default 36864 (256×144) */
  analysisPixels: number;
  /** Camera rate (edge displacement, frame fraction per second) below which the camera is static. @default 0.006 */
  staticRateFrac: number;
  /** Tracking: fraction of judged cells (8×8 px) held on screen while the camera moves past them… @default 0.005 */
  trackingHeldFrac: number;
  /** …and at least this many such cells (held-subject.ts). @default 3 */
  trackingHeldCells: number;
  /** Cut: minimum motion-compensated dissimilarity (1 − NCC) of a pair. @default 0.45 */
  cutMinScore: number;
  /** Cut: the pair must exceed its neighbours' median dissimilarity by this factor… @default 3 */
  cutLocalFactor: number;
  /** …and by this margin. @default 0.25 */
  cutLocalMargin: number;
  /** Cut: bridging NCC (frame before vs frames after) above which the change was transient (flash). @default 0.6 */
  cutBridgeNcc: number;
  /**
   * Flicker: RMS of detrended mean luma (gray levels) above which a window flickers (with ≥ 6 sign
   * swings of its large values — two flashes swing 4 times; flicker.ts `MIN_REVERSALS`). @default 2.5
   */
  flickerRmsLuma: number;
  /** Freeze: consecutive frames whose mean absolute difference (gray levels) is below this are repeats. @default 0.1 */
  freezeMad: number;
  /** Freeze: the footage on each side of a run must change by at least this (median MAD, gray levels)… @default 0.12 */
  freezeContextMad: number;
  /** …measured over this many seconds before and after the run. @default 1 */
  freezeContextS: number;
  /** Freeze: minimum run of repeated frame pairs. @default 3 */
  freezeMinPairs: number;
  /**
   * …and of seconds. @default 0.1 (a held picture is visible from about a tenth of a second; at
   * 50–60 fps codecs hold slow footage for 3–4 pairs — 50–67 ms — as they refresh an exposure
   * drift, and the synthetic freezes of the eval sets last ≥ 0.36 s)
   */
  freezeMinS: number;
  /**
   * Shake: RMS jitter of the camera path around its smoothed path (frame fraction), and the size
   * of a jitter reversal step. Heavy compression's codec jerk reads up to 0.19 %, the weakest
   * synthetic shake ≥ 0.34 %. @default 0.0025
   */
  shakeRmsFrac: number;
  /** Shake: smoothing window of the intended path (seconds). @default 0.5 */
  shakeWindowS: number;
  /** Zoom jump: one-pair scale change (|log scale|) above this, with calm neighbours. @default 0.035 */
  zoomJumpLogScale: number;
  /**
   * Blur: excess detail (detail − 1) below this fraction of the shot's sharp level (90th percentile)
   * and of the footage within `blurContextS` before and after the run. @default 0.65
   */
  blurRelative: number;
  /** Blur: seconds of footage on each side of a soft run that it must be softer than. @default 0.5 */
  blurContextS: number;
  /**
   * Blur: the run's excess detail one octave down (`detailCoarse` − 1) must also fall below this
   * fraction of the footage around it (resampling softness leaves that octave alone). @default 0.85
   */
  blurCoarseRelative: number;
  /**
   * Blur: clip median sharpness (0..1, see blur.ts) below which the whole clip is soft. @default 0.1
   * (a backstop: clean clips of a 256-px photo upscaled ~2× read 0.17–0.3, as soft as a weak blur;
   * blur is found by its change)
   */
  blurAbsolute: number;
  /** Blur: minimum run (seconds). @default 0.2 */
  blurMinS: number;
  /** Under-exposure: mean luma below this… @default 45 */
  underMeanLuma: number;
  /** …and this fraction of pixels crushed below 16. @default 0.45 */
  underDarkFrac: number;
  /**
   * Under-exposure also when the 98th luma percentile is below this (nothing in frame reaches 30 %
   * of full scale). @default 75 (a backstop for clips dark throughout — a texture at gain 0.35
   * reads 65; clean dark photos read ≥ 122 and a −30 % exposure ramp takes them to ≈ 85;
   * exposure-shift.ts finds the drops)
   */
  underHighLuma: number;
  /** The crushed-shadows rule needs the 98th percentile below this too (low-key scenes keep bright highlights). @default 150 */
  underLowKeyHighLuma: number;
  /**
   * Over-exposed throughout: the 2nd luma percentile above this (no tone darker than light gray
   * left: a white-out)… @default 200 (absolute rules are a backstop for clips blown from start to
   * end; exposure-shift.ts finds ordinary over-exposure by its jump). High-key scenes are no error:
   * white cards on a white table keep 89 % of the frame above 240 with their darkest 2 % at 139–146
   * (a bound of 140 flagged them), a product on a white sweep at 27–49.
   */
  overLowLuma: number;
  /**
   * …with this fraction of pixels clipped above 240. @default 0.3. Clipping alone is no error: a
   * product on a white sweep keeps 75–77 % of the frame above 240 at mean ≈ 219 with its products'
   * dark tones intact (p2 27–49), like snow or a white sky; what a blown picture loses is its shadows.
   */
  overBrightFrac: number;
  /** Relative exposure error (exposure-shift.ts): mean luma moves by at least this many levels… @default 20 */
  exposureShiftLuma: number;
  /** …and this fraction of the level before… @default 0.2 */
  exposureShiftRatio: number;
  /**
   * …with this much more of the frame clipped above 240 / crushed below 16 (or the 2nd / 98th
   * percentile moved 2 × `exposureShiftLuma` the same way)… @default 0.1
   */
  exposureShiftClipFrac: number;
  /** …compared with the median of this many seconds just before. @default 0.2 */
  exposureShiftS: number;
  /** Black frame: mean luma below this with (almost) no texture (std < 4). @default 10 */
  blackMeanLuma: number;
  /** Exposure defects need at least this many seconds. @default 0.25 */
  exposureMinS: number;
  /** Subject distortion: a frame's misfit score must exceed this multiple of the clip's early baseline… @default 2 */
  subjectMisfitRatio: number;
  /**
   * …or less, down to this multiple, where S is steady: baseline + `subjectMisfitNoiseZ` × the
   * noise of S (the larger of its pair-to-pair jitter and its wander below the baseline; subject.ts)
   * when that is lower. @default 1.5 (a held subject before a tracked background rises 1.66× when
   * distorted, its S steady to 0.024 px; clean clips reach 1.74–1.79× only with S noisy — heavy
   * compression, a held subject before a fast tracked background across a cut)
   */
  subjectMisfitMinRatio: number;
  /**
   * …see `subjectMisfitMinRatio`: how many noise units a steady S must rise. @default 4.5 (eval
   * sets: distortions between 1.5× and 2× of their baseline rose 5.6 and 6.7 noise units, clean
   * clips in that band 2.2 and 3.5)
   */
  subjectMisfitNoiseZ: number;
  /** …and the baseline by this margin (≈ px of unexplained displacement)… @default 0.1 */
  subjectMisfitMarginPx: number;
  /** …and this absolute floor (≈ px). @default 0.15 */
  subjectMisfitFloorPx: number;
  /**
   * Subject distortion: a pair whose mean luma changes by this fraction or more carries no
   * evidence. @default 0.1 (was 0.3: the misfit removes each block's gain and offset, but flicker
   * pushes some blocks' highlights against the range, where no gain fits — flicker at strength 0.3
   * changes 20–35 % per pair and raised S 5× on a 720×720 photo (a false distortion); the eval
   * sets' subject, clean and exposure-ramp clips change ≤ 4.5 % per pair, flicker ≥ 25 % on most pairs)
   */
  subjectLightChangeFrac: number;
  /** Subject distortion: median-filter window and minimum run (seconds). @default 0.3 */
  subjectMinS: number;
  /**
   * …the smoothing window spans at least this many frames. @default 7 (at 15 fps 0.3 s is 5
   * frames: an articulated walker's S alternates between its stride poses (0.07 ↔ 0.37 px) and the
   * lower third of 5 still flips between them, so a weak distortion lifting the low poses to 0.21
   * read 1.9× its baseline; over 7 frames 2.2×)
   */
  subjectSmoothMinFrames: number;
  /** Clips shorter than this (seconds) get `too_short`. 0 disables. @default 0 for analyze, 2 for gate */
  minDurationS: number;
};

export const DEFAULT_THRESHOLDS: AnalysisThresholds = {
  analysisPixels: 256 * 144,
  staticRateFrac: 0.006,
  trackingHeldFrac: 0.005,
  trackingHeldCells: 3,
  cutMinScore: 0.45,
  cutLocalFactor: 3,
  cutLocalMargin: 0.25,
  cutBridgeNcc: 0.6,
  flickerRmsLuma: 2.5,
  freezeMad: 0.1,
  freezeContextMad: 0.12,
  freezeContextS: 1,
  freezeMinPairs: 3,
  freezeMinS: 0.1,
  shakeRmsFrac: 0.0025,
  shakeWindowS: 0.5,
  zoomJumpLogScale: 0.035,
  blurRelative: 0.65,
  blurContextS: 0.5,
  blurCoarseRelative: 0.85,
  blurAbsolute: 0.1,
  blurMinS: 0.2,
  underMeanLuma: 45,
  underDarkFrac: 0.45,
  underHighLuma: 75,
  underLowKeyHighLuma: 150,
  overLowLuma: 200,
  overBrightFrac: 0.3,
  exposureShiftLuma: 20,
  exposureShiftRatio: 0.2,
  exposureShiftClipFrac: 0.1,
  exposureShiftS: 0.2,
  blackMeanLuma: 10,
  exposureMinS: 0.25,
  subjectMisfitRatio: 2,
  subjectMisfitMinRatio: 1.5,
  subjectMisfitNoiseZ: 4.5,
  subjectMisfitMarginPx: 0.1,
  subjectMisfitFloorPx: 0.15,
  subjectLightChangeFrac: 0.1,
  subjectMinS: 0.3,
  subjectSmoothMinFrames: 7,
  minDurationS: 0,
};

/** Defaults with `overrides` applied (undefined values ignored). */
export function resolveThresholds(overrides: Partial<AnalysisThresholds> = {}): AnalysisThresholds {
  const out: AnalysisThresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      (out as Record<string, number>)[key] = value;
    }
  }
  return out;
}
