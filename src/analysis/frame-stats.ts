/**
 * Per-frame image statistics that need no neighbour: exposure (mean, spread, crushed and clipped
 * fractions, a 32-bin histogram) and detail (gradient energy on two pyramid levels).
 */
import type { GrayImage } from './image.ts';

export const HIST_BINS = 32;

/** Scratch 256-bin histogram (module-level: frameStats is synchronous and not re-entrant). */
const FINE = new Uint32Array(256);

export type FrameStats = {
  meanLuma: number;
  stdLuma: number;
  /** Fraction of pixels below 16 (crushed blacks). */
  darkFrac: number;
  /** Fraction of pixels above 240 (clipped highlights). */
  brightFrac: number;
  /** 2nd and 98th luma percentiles (from a 256-bin histogram, gray levels). */
  lowLuma: number;
  highLuma: number;
  /** Mean squared gradient on level 0 (gray levels² per px²). */
  gradEnergy: number;
  /**
   * Detail ratio: level-0 gradient energy over a quarter of level-1 gradient energy. Content
   * independent: a smooth (blurred) image scores ≈ 1 because halving the resolution doubles every
   * gradient; fine texture and sharp edges score higher.
   */
  detail: number;
  /**
   * The same ratio one octave down: level-1 energy over a quarter of level-2's. Resampling
   * softness (a synthetic or scaled picture's sub-pixel phase) only touches the finest octave;
   * a blur of ≥ 1 px softens this one too (blur.ts). 1 when no level 2 is given.
   */
  detailCoarse: number;
};

/** Mean squared forward-difference gradient over every `rowStep`-th row. */
function gradientEnergy(img: GrayImage, rowStep: number): number {
  const { width: w, height: h, data: d } = img;
  let s = 0;
  let n = 0;
  for (let y = 0; y < h - 1; y += rowStep) {
    let i = y * w;
    for (let x = 0; x < w - 1; x++, i++) {
      const gx = (d[i + 1] as number) - (d[i] as number);
      const gy = (d[i + w] as number) - (d[i] as number);
      s += gx * gx + gy * gy;
      n++;
    }
  }
  return n > 0 ? s / n : 0;
}

/**
 * Computes the stats of level 0 (`l0`) and fills `hist` (normalised to sum 1); `l2` (optional)
 * adds `detailCoarse`. One pass builds a 256-bin histogram; every exposure figure (fractions,
 * percentiles, the 32-bin histogram) is read from it, which keeps the per-pixel loop to a few
 * operations.
 */
export function frameStats(l0: GrayImage, l1: GrayImage, hist: Float64Array, l2?: GrayImage): FrameStats {
  const d = l0.data;
  const w = l0.width;
  FINE.fill(0);
  let s = 0;
  let ss = 0;
  let n = 0;
  // Every other row: exposure fractions and percentiles over ~18k pixels are exact to well under
  // a percent, at half the cost (this runs on every frame).
  for (let y = 0; y < l0.height; y += 2) {
    const end = (y + 1) * w;
    for (let i = y * w; i < end; i++) {
      const v = d[i] as number;
      s += v;
      ss += v * v;
      const bin = v <= 0 ? 0 : v >= 255 ? 255 : v | 0;
      FINE[bin] = (FINE[bin] as number) + 1;
    }
    n += w;
  }
  return statsFromSums(FINE, n, s, ss, gradientEnergy(l0, 2), gradientEnergy(l1, 1), hist, l2);
}

/**
 * `frameStats` for a frame whose level 0 holds whole gray levels (a 1-byte gray decode), from sums
 * taken elsewhere (frame-ingest.ts): `fine` = the 256-bin histogram, `n` pixels, Σv and Σv² over
 * the alternate rows, and the level-0 gradient sum `g0` over `g0n` pixels (`gradientEnergy(l0, 2)`'s
 * terms). Whole-number sums are exact in any order, so this equals `frameStats` to the bit.
 */
export function frameStatsFromSums(
  fine: Uint32Array,
  n: number,
  s: number,
  ss: number,
  g0: number,
  g0n: number,
  l1: GrayImage,
  l2: GrayImage,
  hist: Float64Array,
): FrameStats {
  return statsFromSums(fine, n, s, ss, g0n > 0 ? g0 / g0n : 0, gradientEnergy(l1, 1), hist, l2);
}

function statsFromSums(
  fine: Uint32Array,
  count: number,
  s: number,
  ss: number,
  e0: number,
  e1: number,
  hist: Float64Array,
  l2: GrayImage | undefined,
): FrameStats {
  const n = Math.max(1, count);
  hist.fill(0);
  let dark = 0;
  let bright = 0;
  for (let v = 0; v < 256; v++) {
    const c = fine[v] as number;
    const bin = (v * HIST_BINS) >> 8;
    hist[bin] = (hist[bin] as number) + c / n;
    if (v < 16) dark += c;
    else if (v > 240) bright += c;
  }
  const mean = s / n;
  const e2 = l2 === undefined ? 0 : gradientEnergy(l2, 1);
  return {
    meanLuma: mean,
    lowLuma: percentile(fine, n, 0.02),
    highLuma: percentile(fine, n, 0.98),
    stdLuma: Math.sqrt(Math.max(0, ss / n - mean * mean)),
    darkFrac: dark / n,
    brightFrac: bright / n,
    gradEnergy: e0,
    detail: e1 > 1e-6 ? (4 * e0) / e1 : 1,
    detailCoarse: e2 > 1e-6 ? (4 * e1) / e2 : 1,
  };
}

function percentile(counts: Uint32Array, n: number, q: number): number {
  const target = q * n;
  let acc = 0;
  for (let v = 0; v < counts.length; v++) {
    acc += counts[v] as number;
    if (acc >= target) return v;
  }
  return 255;
}

/** Half the L1 distance between two normalised histograms (0 = same, 1 = disjoint). */
export function histogramDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] as number) - (b[i] as number));
  return s / 2;
}

/**
 * Mean absolute difference of two same-sized images (gray levels), over every other row: a mean
 * over ~18k pixels is as exact as over all of them for the freeze test, at half the cost.
 */
export function meanAbsDiff(a: GrayImage, b: GrayImage): number {
  const x = a.data;
  const y = b.data;
  const w = a.width;
  let s = 0;
  let n = 0;
  for (let r = 0; r < a.height; r += 2) {
    const end = (r + 1) * w;
    for (let i = r * w; i < end; i++) {
      const d = (x[i] as number) - (y[i] as number);
      s += Math.abs(d);
    }
    n += w;
  }
  return n > 0 ? s / n : 0;
}
