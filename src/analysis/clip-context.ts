/**
 * What every clip-level metric receives: the per-frame records, the held-subject evidence, the clip's
 * geometry and the thresholds. Metrics are pure functions of this.
 */
import type { AnalysisThresholds } from './config.ts';
import type { FrameRecord } from './features.ts';
import type { HeldResult } from './held-subject.ts';

export type ClipContext = {
  records: readonly FrameRecord[];
  /** Held-subject evidence (held-subject.ts): cells held on screen while the camera moved. */
  held: HeldResult;
  fps: number;
  /** Analysis resolution of the records. */
  width: number;
  height: number;
  thresholds: AnalysisThresholds;
  /** Record indices (= frame indices) that start a new shot, from the cut detector. */
  cutFrames: ReadonlySet<number>;
};

/** Groups consecutive true flags into [start, end] index ranges of at least `minLength` items. */
export function runs(flags: ArrayLike<boolean>, minLength = 1): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= flags.length; i++) {
    const on = i < flags.length && flags[i] === true;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      if (i - start >= minLength) out.push([start, i - 1]);
      start = -1;
    }
  }
  return out;
}

/** Median of the finite numbers in `values` (NaN when none). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile q∈[0,1] of the finite numbers in `values` (NaN when none). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort((x, y) => x - y);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Mean of the values after dropping the lowest and highest `trim` fraction. */
export function trimmedMean(values: readonly number[], trim = 0.1): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (sorted.length === 0) return 0;
  const k = Math.floor(sorted.length * trim);
  const kept = sorted.slice(k, sorted.length - k);
  const use = kept.length > 0 ? kept : sorted;
  return use.reduce((s, v) => s + v, 0) / use.length;
}

/** Clamps to 0..1. */
export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : Number.isFinite(value) ? value : 0;
}

/** Pairs usable for camera motion: have a previous frame, are not a cut, and the fit held. */
export function usablePair(ctx: ClipContext, r: FrameRecord): boolean {
  return r.hasPrev && !ctx.cutFrames.has(r.index) && r.validCount >= 4 && r.inlierRatio >= 0.3;
}
