/**
 * The per-pixel work on a decoded 1-byte gray frame, fused into one pass over its rows: the copy
 * into level 0, level 1 of the pyramid (level 2 follows from level 1), the exposure histogram and sums and the level-0 gradient
 * energy (frame-stats.ts), and the mean absolute difference to the previous frame. Reading the
 * bytes once, in integer arithmetic, is ~3× cheaper than the separate passes over float images.
 * Every figure is a sum of whole numbers (or of whole numbers / 4 on level 1), which is exact in
 * any order, so the results equal `frameToGray` + `buildPyramid` + `frameStats` + `meanAbsDiff`
 * to the bit.
 */
import type { Frame } from '../media/frame.ts';
import { type FrameStats, frameStatsFromSums } from './frame-stats.ts';
import { downsample2, type GrayImage } from './image.ts';

/**
 * Scratch 256-bin histograms for even and odd columns (module-level: `ingestGrayFrame` is
 * synchronous and not re-entrant). Two interleaved counters: runs of equal neighbouring pixels
 * otherwise chain every increment on the previous one through memory.
 */
const FINE_EVEN = new Uint32Array(256);
const FINE_ODD = new Uint32Array(256);
const FINE = new Uint32Array(256);

export type Ingested = { stats: FrameStats; mad: number };

/**
 * Fills `l0` (frame size), `l1` (half size, 2×2 box) and `l2` (quarter size, 2×2 box of `l1`) from a
 * 1-channel `frame`, `hist` with the frame's 32-bin histogram, and returns its stats and its MAD to
 * the previous frame's bytes `prev` (0 without one). Alternate rows for the stats, gradient and MAD,
 * as in frame-stats.ts.
 */
export function ingestGrayFrame(
  frame: Frame,
  l0: GrayImage,
  l1: GrayImage,
  l2: GrayImage,
  prev: Uint8Array | undefined,
  hist: Float64Array,
): Ingested {
  const { width: w, height: h } = frame;
  const src = frame.data;
  const d0 = l0.data;
  const d1 = l1.data;
  const w1 = w >> 1;
  const h1 = h >> 1;
  const even = FINE_EVEN;
  const odd = FINE_ODD;
  even.fill(0);
  odd.fill(0);
  let s = 0;
  let ss = 0;
  let n = 0;
  let g0 = 0;
  let g0n = 0;
  let mad = 0;
  for (let y = 0; y < h; y += 2) {
    const r0 = y * w;
    const end = r0 + w;
    let i = r0;
    for (; i + 1 < end; i += 2) {
      const v = src[i] as number;
      const u = src[i + 1] as number;
      d0[i] = v;
      d0[i + 1] = u;
      s += v + u;
      ss += v * v + u * u;
      even[v] = (even[v] as number) + 1;
      odd[u] = (odd[u] as number) + 1;
    }
    if (i < end) {
      const v = src[i] as number;
      d0[i] = v;
      s += v;
      ss += v * v;
      even[v] = (even[v] as number) + 1;
    }
    n += w;
    if (prev !== undefined) {
      for (let k = r0; k < end; k++) mad += Math.abs((src[k] as number) - (prev[k] as number));
    }
    if (y + 1 >= h) continue;
    // Row y + 1 into level 0, and the forward-difference gradient of row y (which needs it).
    for (let k = r0; k < end - 1; k++) {
      const v = src[k] as number;
      const below = src[k + w] as number;
      d0[k + w] = below;
      const gx = (src[k + 1] as number) - v;
      const gy = below - v;
      g0 += gx * gx + gy * gy;
    }
    d0[end - 1 + w] = src[end - 1 + w] as number;
    g0n += w - 1;
    if (y >> 1 < h1) {
      for (let x = 0, o = (y >> 1) * w1, c = r0; x < w1; x++, o++, c += 2) {
        d1[o] =
          0.25 *
          ((src[c] as number) + (src[c + 1] as number) + (src[c + w] as number) + (src[c + w + 1] as number));
      }
    }
  }
  for (let v = 0; v < 256; v++) FINE[v] = (even[v] as number) + (odd[v] as number);
  const rows = Math.ceil(h / 2);
  return {
    stats: frameStatsFromSums(FINE, n, s, ss, g0, g0n, l1, downsample2(l1, l2), hist),
    mad: prev !== undefined && rows > 0 ? mad / (rows * w) : 0,
  };
}
