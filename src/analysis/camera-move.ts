/**
 * Camera move over the clip from the per-pair similarities. Each family's rate is the least-squares
 * slope of the integrated camera path (camera-path.ts; robust to failed pairs, and to shake, whose
 * jitter a line fit averages out), in the speed-band units of contract/camera-move.ts. The families are compared by how far they move
 * the frame edge (pan/tilt: the rate itself; push/pull: half the relative scale rate; roll: 0.6 ×
 * the angle in radians), the largest wins, and below `staticRateFrac` the camera is static.
 * Signs (ARCHITECTURE.md, camera's point of view; image y points down):
 * content slides left (tx < 0) = pan_right; content slides down (ty > 0) = tilt_up;
 * content grows = push_in; content turns counter-clockwise (angle < 0) = roll_cw.
 * A pan or tilt becomes `tracking` when a set of grid cells stayed put while the camera moved
 * past the rest (see `heldFraction`).
 */
import type { MeasuredCamera } from '../contract/analysis.ts';
import { type CameraMove, speedForRate } from '../contract/camera-move.ts';
import { cameraPath, pooledSlope } from './camera-path.ts';
import { type ClipContext, clamp01, usablePair } from './clip-context.ts';

export type CameraRates = {
  /** Horizontal content velocity, frame widths per second (+ = content moves right). */
  panFracPerS: number;
  /** Vertical content velocity, frame heights per second (+ = content moves down). */
  tiltFracPerS: number;
  /** Log scale change per second (+ = content grows). */
  scalePerS: number;
  /** Content rotation, degrees per second (+ = clockwise on screen). */
  rollDegPerS: number;
  /** Fraction of grid cells held still against the camera motion. */
  heldFrac: number;
  /** Pairs the rates are based on. */
  pairs: number;
};

/** Per-family rates over the usable pairs. */
export function cameraRates(ctx: ClipContext): CameraRates {
  const path = cameraPath(ctx);
  let pairs = 0;
  for (const r of ctx.records) if (usablePair(ctx, r)) pairs++;
  return {
    panFracPerS: pooledSlope(path.x, path.segment) * ctx.fps,
    tiltFracPerS: pooledSlope(path.y, path.segment) * ctx.fps,
    scalePerS: pooledSlope(path.logScale, path.segment) * ctx.fps,
    rollDegPerS: ((pooledSlope(path.angle, path.segment) * 180) / Math.PI) * ctx.fps,
    heldFrac: heldFraction(ctx),
    pairs,
  };
}

/**
 * How much of the frame the camera follows. Per grid cell (tracked in at least half the pairs, with
 * a clearly non-zero predicted total, > 2 % of the frame), the ratio of its total measured motion to
 * what the camera motion predicted there: background cells sit near 1, a cell covering a subject
 * held in frame far below (a narrow subject only partly covers a cell, so ratios of 0.3–0.7 are
 * typical). Cells under 0.75 count as held; returns held / eligible cells, or 0 unless at least two
 * cells are held and one is under 0.6 — near-layer parallax moves faster than the background
 * (ratio > 1), and single odd cells are noise.
 */
export function heldFraction(ctx: ClipContext): number {
  const cells = ctx.cells;
  if (!cells) return 0;
  let pairs = 0;
  for (const r of ctx.records) if (r.hasPrev) pairs++;
  const minPx = 0.02 * Math.min(ctx.width, ctx.height);
  let eligible = 0;
  let held = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < cells.grid.count; i++) {
    const n = cells.count[i] as number;
    if (n < pairs * 0.5) continue;
    eligible++;
    const p = Math.hypot(cells.predictedU[i] as number, cells.predictedV[i] as number);
    if (p < minPx) continue;
    const ratio = Math.hypot(cells.measuredU[i] as number, cells.measuredV[i] as number) / p;
    if (ratio < 0.75) held++;
    lowest = Math.min(lowest, ratio);
  }
  return eligible > 0 && held >= 2 && lowest < 0.6 ? held / eligible : 0;
}

type Family = { move: CameraMove; edge: number; rate: number };

/** Classifies the clip's camera move, speed and confidence. */
export function classifyCamera(ctx: ClipContext, rates: CameraRates = cameraRates(ctx)): MeasuredCamera {
  const t = ctx.thresholds;
  const rollRad = (rates.rollDegPerS * Math.PI) / 180;
  const families: Family[] = [
    {
      move: rates.panFracPerS < 0 ? 'pan_right' : 'pan_left',
      edge: Math.abs(rates.panFracPerS),
      rate: rates.panFracPerS,
    },
    {
      move: rates.tiltFracPerS > 0 ? 'tilt_up' : 'tilt_down',
      edge: Math.abs(rates.tiltFracPerS),
      rate: rates.tiltFracPerS,
    },
    {
      move: rates.scalePerS > 0 ? 'push_in' : 'pull_out',
      edge: Math.abs(rates.scalePerS) / 2,
      rate: rates.scalePerS,
    },
    {
      move: rollRad < 0 ? 'roll_cw' : 'roll_ccw',
      // A roll moves the frame corners most: half the diagonal ≈ 0.6 of the width for 16:9.
      edge: Math.abs(rollRad) * 0.6,
      rate: rates.rollDegPerS,
    },
  ];
  families.sort((x, y) => y.edge - x.edge);
  const primary = families[0] as Family;
  const second = families[1] as Family;
  if (rates.pairs === 0 || primary.edge < t.staticRateFrac) {
    const confidence = rates.pairs === 0 ? 0.3 : 0.5 + 0.5 * clamp01(1 - primary.edge / t.staticRateFrac);
    return { move: 'static', speed: null, confidence: round3(confidence), rate: 0 };
  }
  const translation = primary.move.startsWith('pan') || primary.move.startsWith('tilt');
  const tracking = translation && rates.heldFrac >= t.trackingHeldFrac;
  const move: CameraMove = tracking ? 'tracking' : primary.move;
  const rate = Math.abs(primary.rate);
  const speed = speedForRate(primary.move, rate);
  const separation = clamp01(1 - second.edge / primary.edge);
  const strength = clamp01(primary.edge / (3 * t.staticRateFrac));
  const confidence = 0.2 + 0.45 * separation + 0.35 * strength;
  const modifiers: string[] = [];
  if (tracking) modifiers.push(primary.move);
  if (second.edge > Math.max(t.staticRateFrac, primary.edge * 0.35)) modifiers.push(second.move);
  return {
    move,
    speed,
    confidence: round3(clamp01(confidence)),
    rate: round3(rate),
    ...(modifiers.length > 0 ? { modifiers } : {}),
  };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
