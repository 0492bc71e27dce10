/**
 * The streaming step: turns each decoded frame into one `FrameRecord` of scalars, keeping only the
 * previous few frames' small images. Everything else in analysis works on these records, so the
 * clip is never held in memory.
 */
import type { Frame } from '../media/frame.ts';
import { ingestGrayFrame } from './frame-ingest.ts';
import { type FrameStats, frameStats, HIST_BINS, histogramDistance, meanAbsDiff } from './frame-stats.ts';
import { createHeldTracker, type HeldResult } from './held-subject.ts';
import {
  buildPyramid,
  cloneGray,
  completePyramid,
  frameToGray,
  type GrayImage,
  grayOfSize,
  type Pyramid,
} from './image.ts';
import { analysisGrid } from './motion/block-grid.ts';
import { coarseShift } from './motion/coarse-shift.ts';
import { createMisfitBuffers, measureMisfit, misfitGap } from './motion/frame-misfit.ts';
import {
  createMotionEstimator,
  estimatePairMotion,
  type MotionEstimator,
  warpedNcc,
} from './motion/global-motion.ts';
import type { Similarity } from './motion/similarity-fit.ts';
import { createSpanTracker, NO_SPAN, type SpanTracker } from './span-motion.ts';

/**
 * One frame's scalars: its exposure and detail statistics (frame-stats.ts), the camera similarity
 * from the previous frame (tx, ty, a, b, inlierRatio, validCount, inlierSpan, inlierGroups,
 * inlierGroupSpan; level-0 px, see motion/similarity-fit.ts) and the pair measures below.
 */
export type FrameRecord = FrameStats &
  Omit<Similarity, 'rmsPx'> & {
    index: number;
    timeS: number;
    /** False for the first frame: the pair fields (camera fit included) are then neutral. */
    hasPrev: boolean;
    /** Mean absolute difference to the previous frame (gray levels). */
    mad: number;
    histDist: number;
    coarseNcc: number;
    mcNcc: number;
    /** Best NCC between a frame before this pair and a frame after it (−1 = not computed). */
    bridgeNcc: number;
    /** For poorly matched pairs: the best centred zoom between the frames (log scale) and its NCC. */
    zoomLogScale: number;
    zoomNcc: number;
    /** Weighted fraction of textured blocks that do not follow the camera (subject, occlusion). */
    fgFrac: number;
    /**
     * Mean of the two largest block misfits (≈ px, motion/layer-misfit.ts): what neither a block's
     * own translation nor the camera's motion explains — where a subject changes shape.
     */
    misfitTop: number;
    /** Median block misfit of the pair (the frame's noise floor, same unit). */
    misfitFloor: number;
    /**
     * Second-lowest misfit of the pair's scored blocks (same unit): rises only when the whole frame
     * misfits (shake, blur, a codec burst), not when a subject covers most textured blocks.
     */
    misfitLow: number;
    /**
     * Long-baseline motion (span-motion.ts): on the record that ends a span, the camera similarity
     * from the span's first frame to this one over `spanFrames` pairs; 0 frames elsewhere.
     */
    spanFrames: number;
    spanTx: number;
    spanTy: number;
    spanA: number;
    spanB: number;
    spanInlier: number;
    /** The span fit is used for the rate (inliers ≥ half, or a pre-warped fit the image prefers). */
    spanTrusted: boolean;
  };

export type FeatureExtractor = {
  push(frame: Frame): void;
  records: FrameRecord[];
  /** Held-subject evidence over the clip (held-subject.ts). */
  held: () => HeldResult;
  width: () => number;
  height: () => number;
};

const LEVELS = 3;
/** Long-baseline span for the camera rate (seconds, span-motion.ts). */
const SPAN_S = 1 / 3;
/** Longest gap over which held-subject.ts compares frames (seconds). */
const HELD_GAP_S = 2;
const RING = 4;

/** Pair dissimilarity that marks a pair worth the (costlier) bridging check. */
export function pairScore(r: FrameRecord): number {
  return 1 - Math.max(r.coarseNcc, r.mcNcc);
}

/** Creates a streaming extractor; `push` frames in order, then read `records`. */
export function createFeatureExtractor(options: { fps?: number | undefined } = {}): FeatureExtractor {
  const records: FrameRecord[] = [];
  let pyrA: Pyramid = [];
  let pyrB: Pyramid = [];
  let grayA: GrayImage | undefined;
  let grayB: GrayImage | undefined;
  // The previous and current frame's bytes (gray decodes): the fused pass takes the MAD from them.
  let bytesA: Uint8Array | undefined;
  let bytesB: Uint8Array | undefined;
  let histPrev = new Float64Array(HIST_BINS);
  let histCur = new Float64Array(HIST_BINS);
  let estimator: MotionEstimator | undefined;
  let spans: SpanTracker | undefined;
  const misfit = createMisfitBuffers(misfitGap(options.fps));
  const held = createHeldTracker(HELD_GAP_S * (options.fps ?? 30));
  // Coarse images of the last RING frames, newest last, for the cut bridging check.
  const ring: GrayImage[] = [];
  let w = 0;
  let h = 0;

  const bridge = (older: GrayImage, newer: GrayImage): number => coarseShift(older, newer, 8).ncc;

  function push(frame: Frame): void {
    if (records.length > 0 && (frame.width !== w || frame.height !== h)) {
      throw new Error(`frame ${frame.index} is ${frame.width}×${frame.height}, expected ${w}×${h}`);
    }
    w = frame.width;
    h = frame.height;
    const prevGray = records.length > 0 ? grayA : undefined;
    let stats: FrameStats;
    let mad = 0;
    if (frame.channels === 1) {
      // The usual case (analyzeFile decodes gray): one fused pass, same values (frame-ingest.ts).
      grayB = grayOfSize(grayB, w, h);
      const l1 = grayOfSize(pyrB[1], w >> 1, h >> 1);
      const l2 = grayOfSize(pyrB[2], w >> 2, h >> 2);
      const prevBytes = prevGray !== undefined && bytesA?.length === w * h ? bytesA : undefined;
      const ingested = ingestGrayFrame(frame, grayB, l1, l2, prevBytes, histCur);
      if (prevGray !== undefined && prevBytes === undefined) mad = meanAbsDiff(prevGray, grayB);
      else mad = ingested.mad;
      bytesB = bytesB?.length === w * h ? bytesB : new Uint8Array(w * h);
      bytesB.set(frame.data.subarray(0, w * h));
      pyrB[0] = grayB;
      pyrB[1] = l1;
      pyrB[2] = l2;
      pyrB = completePyramid(pyrB, 3, LEVELS);
      stats = ingested.stats;
    } else {
      grayB = frameToGray(frame, grayB);
      bytesB = undefined;
      pyrB = buildPyramid(grayB, LEVELS, pyrB);
      stats = frameStats(pyrB[0] as GrayImage, pyrB[1] as GrayImage, histCur, pyrB[2] as GrayImage);
      if (prevGray !== undefined) mad = meanAbsDiff(prevGray, grayB);
    }
    const record: FrameRecord = {
      index: frame.index,
      timeS: frame.timeS,
      ...stats,
      hasPrev: false,
      mad: 0,
      histDist: 0,
      tx: 0,
      ty: 0,
      a: 0,
      b: 0,
      inlierRatio: 1,
      validCount: 0,
      inlierSpan: 1,
      inlierGroups: 1,
      inlierGroupSpan: 1,
      coarseNcc: 1,
      mcNcc: 1,
      bridgeNcc: -1,
      zoomLogScale: 0,
      zoomNcc: -1,
      fgFrac: 0,
      misfitTop: 0,
      misfitFloor: 0,
      misfitLow: 0,
      ...NO_SPAN,
    };
    if (records.length > 0 && grayA !== undefined) {
      if (estimator === undefined) {
        const grid = analysisGrid(w, h);
        estimator = createMotionEstimator(grid);
        spans = createSpanTracker(grid, SPAN_S * (options.fps ?? 30));
      }
      const m = estimatePairMotion(estimator, pyrA, pyrB);
      Object.assign(record, {
        hasPrev: true,
        mad,
        histDist: histogramDistance(histPrev, histCur),
        tx: m.tx,
        ty: m.ty,
        a: m.a,
        b: m.b,
        inlierRatio: m.inlierRatio,
        validCount: m.validCount,
        inlierSpan: m.inlierSpan,
        inlierGroups: m.inlierGroups,
        inlierGroupSpan: m.inlierGroupSpan,
        coarseNcc: m.coarseNcc,
        mcNcc: m.mcNcc,
      });
      const mf = measureMisfit(estimator, grayA, grayB, record, misfit);
      record.fgFrac = mf.fgFrac;
      record.misfitTop = mf.top;
      record.misfitFloor = mf.floor;
      record.misfitLow = mf.low;
      if (pairScore(record) > 0.15 || record.inlierRatio < 0.5) {
        const zoom = searchZoom(pyrA[1] as GrayImage, pyrB[1] as GrayImage);
        record.zoomLogScale = zoom.logScale;
        record.zoomNcc = zoom.ncc;
      }
    }
    held.push(
      pyrB[1] as GrayImage,
      record.hasPrev
        ? {
            tx: record.tx,
            ty: record.ty,
            a: record.a,
            b: record.b,
            reliable: record.validCount >= 4 && record.inlierRatio >= 0.3 && pairScore(record) < 0.45,
          }
        : null,
    );
    const top = pyrB[LEVELS - 1] as GrayImage;
    // Bridging for cut candidates: does a frame before the change match a frame after it?
    const n = records.length;
    const candidate = (r: FrameRecord | undefined): boolean => r?.hasPrev === true && pairScore(r) > 0.25;
    if (candidate(record)) {
      // Skip one or two frames back (ring[-2], ring[-3]).
      for (const k of [2, 3]) {
        const older = ring[ring.length - k];
        if (older) record.bridgeNcc = Math.max(record.bridgeNcc, bridge(older, top));
      }
    }
    for (const k of [1, 2]) {
      // Record n-k (pair (n-k-1)→(n-k)): compare frame n-k-1 (ring[-(k+1)]) with this frame.
      const r = records[n - k];
      const older = ring[ring.length - (k + 1)];
      if (candidate(r) && r && older) r.bridgeNcc = Math.max(r.bridgeNcc, bridge(older, top));
    }
    spans?.push(pyrB, record, records[records.length - 1]);
    records.push(record);
    const kept = ring.length >= RING ? (ring.shift() as GrayImage) : undefined;
    ring.push(cloneGray(top, kept));
    // Swap buffers: this frame becomes "previous".
    [pyrA, pyrB] = [pyrB, pyrA];
    [grayA, grayB] = [grayB, grayA];
    [bytesA, bytesB] = [bytesB, bytesA];
    [histPrev, histCur] = [histCur, histPrev];
    // The pyramids share level 0 with the gray buffers; rebuild the link after swapping.
    pyrB[0] = grayB ?? (pyrB[0] as GrayImage);
  }

  return {
    push,
    records,
    held: () => held.result(),
    width: () => w,
    height: () => h,
  };
}

const ZOOM_STEPS = [0.7, 0.77, 0.83, 0.9, 0.95, 1.05, 1.1, 1.2, 1.3, 1.43];

/**
 * Centred zoom search for pairs the block fit could not explain: a sudden large scale step moves
 * border blocks beyond local search range, and must not read as a cut.
 */
function searchZoom(prev: GrayImage, cur: GrayImage): { logScale: number; ncc: number } {
  let best = { logScale: 0, ncc: -1 };
  for (const s of ZOOM_STEPS) {
    const ncc = warpedNcc(prev, cur, 0, 0, s - 1, 0, 0.5);
    if (ncc > best.ncc) best = { logScale: Math.log(s), ncc };
  }
  return best;
}
