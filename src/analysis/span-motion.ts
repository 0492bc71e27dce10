/**
 * Long-baseline camera motion: every `spanFrames` frames (≈ ⅓ s) the camera similarity is measured
 * directly between the span's first and last frame, with the same estimator as the per-pair motion
 * (started from the per-pair shifts summed over the span). Per-pair estimates can be biased where
 * consecutive frames barely differ in the codec's eyes (heavy compression: skipped blocks stick for
 * a frame, then catch up) or the step is far below a pixel (slow moves); over a span the true
 * displacement is several pixels and unambiguous. The camera *rate* uses these spans
 * (camera-path.ts); shake, which is about the per-frame jitter, keeps the per-pair path.
 */
import { lightJump } from './exposure.ts';
import type { FrameRecord } from './features.ts';
import { cloneGray, type GrayImage, type Pyramid } from './image.ts';
import type { BlockGrid } from './motion/block-grid.ts';
import { createMotionEstimator, estimatePairMotion, type MotionEstimator } from './motion/global-motion.ts';

/** A pair may be part of a span only if it is not a cut candidate (1 − NCC above this). */
const CUT_CANDIDATE = 0.45;

export type SpanTracker = {
  /** Call once per frame, after its record (with the pair motion) is complete. */
  push(pyramid: Pyramid, record: FrameRecord, previous: FrameRecord | undefined): void;
};

export function createSpanTracker(grid: BlockGrid, spanFrames: number): SpanTracker {
  const span = Math.max(2, Math.round(spanFrames));
  let estimator: MotionEstimator | undefined;
  const key: Pyramid = [];
  let hasKey = false;
  let count = 0;
  let sumTx = 0;
  let sumTy = 0;
  let broken = false;

  const restart = (pyramid: Pyramid): void => {
    for (let l = 0; l < pyramid.length; l++) key[l] = cloneGray(pyramid[l] as GrayImage, key[l]);
    key.length = pyramid.length;
    hasKey = true;
    count = 0;
    sumTx = 0;
    sumTy = 0;
    broken = false;
  };

  return {
    push(pyramid, record, previous) {
      if (!hasKey || !record.hasPrev) {
        restart(pyramid);
        return;
      }
      count++;
      sumTx += record.tx;
      sumTy += record.ty;
      const unusable =
        1 - Math.max(record.coarseNcc, record.mcNcc) > CUT_CANDIDATE ||
        (previous !== undefined && lightJump(previous, record));
      if (unusable) broken = true;
      if (count < span) return;
      if (!broken) {
        estimator ??= createMotionEstimator(grid);
        const top = 2 ** (pyramid.length - 1);
        // `| 0`: the same whole number, but never −0 or a boxed double (shiftedNcc's integer code
        // deoptimises on either).
        estimator.lastDx = Math.round(sumTx / top) | 0;
        estimator.lastDy = Math.round(sumTy / top) | 0;
        const m = estimatePairMotion(estimator, key, pyramid);
        record.spanFrames = span;
        record.spanTx = m.tx;
        record.spanTy = m.ty;
        record.spanA = m.a;
        record.spanB = m.b;
        record.spanInlier = m.inlierRatio;
      }
      restart(pyramid);
    },
  };
}

/** Empty span fields for a record that does not end a span. */
export const NO_SPAN = { spanFrames: 0, spanTx: 0, spanTy: 0, spanA: 0, spanB: 0, spanInlier: 0 } as const;
