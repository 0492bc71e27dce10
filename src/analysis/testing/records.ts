/**
 * Hand-made frame records and clip contexts for unit tests of clip metrics (no pixels, no
 * ffmpeg). Test support only — not part of the public API.
 */
import type { ClipContext } from '../clip-context.ts';
import { type AnalysisThresholds, resolveThresholds } from '../config.ts';
import type { FrameRecord } from '../features.ts';
import { NO_SPAN } from '../span-motion.ts';

/** A well-exposed, well-fitted record of a slow pan; override any field. */
export function makeRecord(index: number, fps: number, overrides: Partial<FrameRecord> = {}): FrameRecord {
  return {
    index,
    timeS: index / fps,
    meanLuma: 120,
    stdLuma: 40,
    darkFrac: 0,
    brightFrac: 0,
    lowLuma: 20,
    highLuma: 220,
    gradEnergy: 100,
    detail: 2,
    detailCoarse: 2,
    hasPrev: index > 0,
    mad: 3,
    histDist: 0.01,
    tx: 1,
    ty: 0,
    a: 0,
    b: 0,
    inlierRatio: 0.9,
    validCount: 40,
    inlierSpan: 0.9,
    inlierGroups: 1,
    inlierGroupSpan: 0.9,
    coarseNcc: 0.99,
    mcNcc: 0.99,
    bridgeNcc: -1,
    zoomLogScale: 0,
    zoomNcc: -1,
    fgFrac: 0.1,
    misfitTop: 0.1,
    misfitFloor: 0.05,
    misfitLow: 0.05,
    ...NO_SPAN,
    ...overrides,
  };
}

/** A clip context over `frames` records made by `make` (no cuts, nothing held). */
export function makeContext(
  frames: number,
  fps: number,
  make: (i: number) => Partial<FrameRecord>,
  thresholds: Partial<AnalysisThresholds> = {},
): ClipContext {
  return {
    records: Array.from({ length: frames }, (_, i) => makeRecord(i, fps, make(i))),
    held: { heldFrac: 0, heldCells: 0, judgedCells: 0 },
    fps,
    width: 256,
    height: 144,
    thresholds: resolveThresholds(thresholds),
    cutFrames: new Set(),
  };
}
