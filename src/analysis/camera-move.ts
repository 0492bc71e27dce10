/**
 * Camera move over the clip from the per-pair similarities. Each family's rate is the least-squares
 * slope of the integrated camera path (camera-path.ts; robust to failed pairs, and to shake, whose
 * jitter a line fit averages out), in the speed-band units of contract/camera-move.ts. The families are compared by how far they move
 * the frame edge (pan/tilt: the rate itself; push/pull: half the relative scale rate; roll: 0.6 ×
 * the angle in radians), the largest wins, and below `staticRateFrac` the camera is static.
 * Signs (ARCHITECTURE.md, camera's point of view; image y points down):
 * content slides left (tx < 0) = pan_right; content slides down (ty > 0) = tilt_up;
 * content grows = push_in; content turns counter-clockwise (angle < 0) = roll_cw.
 * A pan or tilt becomes `tracking` when part of the picture stayed put on screen while the camera
 * moved past the rest (held-subject.ts: at least `trackingHeldCells` cells, `trackingHeldFrac` of
 * the judged ones).
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
  /** Fraction of judged cells held still against the camera motion (0 below `trackingHeldCells`). */
  heldFrac: number;
  /** Pairs the rates are based on (none in a shot whose fits all rest on one small region). */
  pairs: number;
};

/** Per-family rates over the usable pairs. */
export function cameraRates(ctx: ClipContext): CameraRates {
  const path = cameraPath(ctx, true);
  let pairs = 0;
  ctx.records.forEach((r, i) => {
    if (usablePair(ctx, r) && !path.blind[path.segment[i] as number]) pairs++;
  });
  return {
    panFracPerS: pooledSlope(path.x, path.segment) * ctx.fps,
    tiltFracPerS: pooledSlope(path.y, path.segment) * ctx.fps,
    scalePerS: pooledSlope(path.logScale, path.segment) * ctx.fps,
    rollDegPerS: ((pooledSlope(path.angle, path.segment) * 180) / Math.PI) * ctx.fps,
    heldFrac: ctx.held.heldCells >= ctx.thresholds.trackingHeldCells ? ctx.held.heldFrac : 0,
    pairs,
  };
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
