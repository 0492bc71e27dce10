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
import { cloneGray, createGray, type GrayImage, type Pyramid } from './image.ts';
import type { BlockGrid } from './motion/block-grid.ts';
import {
  createMotionEstimator,
  estimatePairMotion,
  type MotionEstimator,
  type PairMotion,
  warpedNcc,
} from './motion/global-motion.ts';
import { composeSimilarity, type SimilarityStep } from './motion/similarity-fit.ts';

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
  let sumA = 0;
  let sumB = 0;
  let broken = false;
  let warped: Pyramid | undefined;

  const restart = (pyramid: Pyramid): void => {
    for (let l = 0; l < pyramid.length; l++) key[l] = cloneGray(pyramid[l] as GrayImage, key[l]);
    key.length = pyramid.length;
    hasKey = true;
    count = 0;
    sumTx = 0;
    sumTy = 0;
    sumA = 0;
    sumB = 0;
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
      sumA += record.a;
      sumB += record.b;
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
        let m: PairMotion = estimatePairMotion(estimator, key, pyramid);
        let trusted = m.inlierRatio >= SPAN_RELIABLE;
        // A zoom or turn over a span moves the outer blocks several pixels away from the shared
        // shift each block's search starts from: many fail or stop short (a fast roll under
        // heavy compression read 0.8× its angle with 60 % inliers; a fast push-in lost most
        // blocks). Pre-warp the key by the better-matching of that fit and the summed pair steps,
        // and measure what is left: the blocks then start within a pixel or so, and the two
        // similarities compose.
        {
          const k1 = key[1] as GrayImage;
          const c1 = pyramid[1] as GrayImage;
          const pairs = { tx: sumTx, ty: sumTy, a: sumA, b: sumB };
          const pairsNcc = warpedNcc(k1, c1, sumTx, sumTy, sumA, sumB, 0.5);
          const prior = pairsNcc > m.mcNcc ? pairs : m;
          if (cornerShiftPx(prior, key) >= PREWARP_CORNER_PX) {
            warped ??= [];
            for (let l = 0; l < key.length; l++)
              warped[l] = warpSimilarity(key[l] as GrayImage, prior, 2 ** -l, warped[l]);
            warped.length = key.length;
            estimator.lastDx = 0;
            estimator.lastDy = 0;
            const r = estimatePairMotion(estimator, warped, pyramid);
            const c = composeSimilarity(r, prior);
            const cNcc = warpedNcc(k1, c1, c.tx, c.ty, c.a, c.b, 0.5);
            // Trusted only when the image prefers it to both the rough fit and the summed pairs: a
            // pre-warped key can also pull the fit back to the frame-fixed codec pattern (heavy
            // compression), which agrees with many blocks but matches the picture worse.
            if (cNcc > Math.max(pairsNcc, m.mcNcc)) {
              trusted = true;
              m = { ...r, ...c };
            }
          }
        }
        record.spanFrames = span;
        record.spanTx = m.tx;
        record.spanTy = m.ty;
        record.spanA = m.a;
        record.spanB = m.b;
        record.spanInlier = m.inlierRatio;
        record.spanTrusted = trusted;
      }
      restart(pyramid);
    },
  };
}

/** The similarity's parameters (level-0 px, about the image centre; similarity-fit.ts). */

/** Span fits agreed by fewer blocks are not used for the rate (camera-path.ts). */
export const SPAN_RELIABLE = 0.5;
/**
 * A span fit's scale/turn moves the frame corners this far (level-0 px) beyond its translation:
 * far enough for the block search to lose the outer blocks (its start is the shared shift), so
 * the span is measured again from a key pre-warped by it. A fast push-in (0.15/s) moves the
 * corners ≈ 7 px over ⅓ s at 256×144; a slow one (0.03/s) ≈ 1.5 px, which LK still follows.
 */
const PREWARP_CORNER_PX = 2;

/** How far the similarity's linear part (scale, turn) moves the frame corners (level-0 px). */
function cornerShiftPx(m: SimilarityStep, image: Pyramid): number {
  const base = image[0] as GrayImage;
  return Math.hypot(m.a, m.b) * Math.hypot(base.width / 2, base.height / 2);
}

/**
 * `src` warped by the similarity (level-0 model scaled by `scale` for this level's translation):
 * out(q) = src(S⁻¹(q)), so the warped key is already moved the way `m` says; clamped at borders.
 */
function warpSimilarity(src: GrayImage, m: SimilarityStep, scale: number, out?: GrayImage): GrayImage {
  const w = src.width;
  const h = src.height;
  const dst = out && out.width === w && out.height === h ? out : createGray(w, h);
  const hx = w / 2;
  const hy = h / 2;
  // Inverse of q = (1+a+ib)·p + t, as complex numbers about the centre.
  const ma = 1 + m.a;
  const mb = m.b;
  const det = ma * ma + mb * mb;
  const ia = ma / det;
  const ib = -mb / det;
  const tx = m.tx * scale;
  const ty = m.ty * scale;
  const s = src.data;
  const d = dst.data;
  for (let y = 0; y < h; y++) {
    const qy = y - hy - ty;
    for (let x = 0; x < w; x++) {
      const qx = x - hx - tx;
      let px = ia * qx - ib * qy + hx;
      let py = ib * qx + ia * qy + hy;
      px = Math.max(0, Math.min(px, w - 1.001));
      py = Math.max(0, Math.min(py, h - 1.001));
      const x0 = px | 0;
      const y0 = py | 0;
      const fx = px - x0;
      const fy = py - y0;
      const i = y0 * w + x0;
      const a = s[i] as number;
      const b = s[i + 1] as number;
      const c = s[i + w] as number;
      const e = s[i + w + 1] as number;
      d[y * w + x] = a + fx * (b - a) + fy * (c - a) + fx * fy * (a - b - c + e);
    }
  }
  return dst;
}

/** Empty span fields for a record that does not end a span. */
export const NO_SPAN = {
  spanFrames: 0,
  spanTx: 0,
  spanTy: 0,
  spanA: 0,
  spanB: 0,
  spanInlier: 0,
  spanTrusted: false,
};
