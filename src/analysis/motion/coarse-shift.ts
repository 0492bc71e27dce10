/**
 * Exhaustive integer translation search on a coarse pyramid level: the robust starting point for
 * local motion (works for fast pans, where local search alone would lose track) and a
 * motion-compensated similarity for the cut detector. Means are removed first, so a global
 * brightness change (flash, exposure ramp) does not move the minimum.
 */
import type { GrayImage } from '../image.ts';

export type CoarseShift = {
  /** Displacement of content from `prev` to `cur`, in this level's pixels. */
  dx: number;
  dy: number;
  /** Normalised cross-correlation of the overlap at the best shift (−1..1). */
  ncc: number;
};

function mean(img: GrayImage): number {
  let s = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i++) s += d[i] as number;
  return s / d.length;
}

/** Finds the integer shift within ±`range` that best aligns `cur` to `prev` (mean absolute difference). */
export function coarseShift(prev: GrayImage, cur: GrayImage, range: number): CoarseShift {
  const w = prev.width;
  const h = prev.height;
  const mp = mean(prev);
  const mc = mean(cur);
  const a = prev.data;
  const b = cur.data;
  const rx = Math.min(range, Math.floor(w / 4));
  const ry = Math.min(range, Math.floor(h / 4));
  let best = Number.POSITIVE_INFINITY;
  let bestDx = 0;
  let bestDy = 0;
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      let sad = 0;
      for (let y = ry; y < h - ry; y++) {
        const ra = y * w;
        const rb = (y + dy) * w + dx;
        for (let x = rx; x < w - rx; x++) {
          const diff = (a[ra + x] as number) - mp - ((b[rb + x] as number) - mc);
          sad += Math.abs(diff);
        }
      }
      // Prefer the smaller shift on ties so flat frames report no motion.
      const penalised = sad * (1 + 1e-4 * (dx * dx + dy * dy));
      if (penalised < best) {
        best = penalised;
        bestDx = dx;
        bestDy = dy;
      }
    }
  }
  return { dx: bestDx, dy: bestDy, ncc: shiftedNcc(prev, cur, bestDx, bestDy) };
}

/** NCC between `prev` and `cur` shifted by an integer (dx, dy), over their overlap. */
export function shiftedNcc(prev: GrayImage, cur: GrayImage, dx: number, dy: number): number {
  const w = prev.width;
  const h = prev.height;
  const a = prev.data;
  const b = cur.data;
  // The overlap; `max(0, −dx)` written as a branch: −0 for dx = 0 deoptimises integer code.
  const x0 = dx < 0 ? -dx : 0;
  const x1 = dx > 0 ? w - dx : w;
  const y0 = dy < 0 ? -dy : 0;
  const y1 = dy > 0 ? h - dy : h;
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let y = y0; y < y1; y++) {
    const ra = y * w;
    const rb = (y + dy) * w + dx;
    for (let x = x0; x < x1; x++) {
      const va = a[ra + x] as number;
      const vb = b[rb + x] as number;
      sa += va;
      sb += vb;
      saa += va * va;
      sbb += vb * vb;
      sab += va * vb;
      n++;
    }
  }
  return nccFromSums(n, sa, sb, saa, sbb, sab);
}

/**
 * Normalised cross-correlation from the running sums over `n` sample pairs (a, b): Σa, Σb, Σa²,
 * Σb², Σab. 0 when fewer than 16 samples.
 */
export function nccFromSums(
  n: number,
  sa: number,
  sb: number,
  saa: number,
  sbb: number,
  sab: number,
): number {
  if (n < 16) return 0;
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  // Two flat frames (black, or a uniform flash) are "the same" only if their levels match.
  if (va < n * 4 || vb < n * 4) return va < n * 4 && vb < n * 4 && Math.abs(sa - sb) / n < 8 ? 1 : 0;
  return cov / Math.sqrt(va * vb);
}
