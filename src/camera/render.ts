/**
 * Structured move → provider phrasing: Kling `camera_control` values and a bracketed text form
 * ("[Pan right]") for providers that only read the prompt. Pure; adapters call these.
 */
import type { CameraMove, CameraSpeed, StructuredMove } from '../contract/camera-move.ts';

/** Kling `camera_control.config` axes (providers.md §1.5): each in [-10, 10], exactly one non-zero. */
export type KlingCameraConfig = {
  horizontal: number;
  vertical: number;
  pan: number;
  tilt: number;
  roll: number;
  zoom: number;
};
export type KlingCameraControl = { type: 'simple'; config: KlingCameraConfig };

/**
 * Magnitude on Kling's [-10, 10] scale per speed band. Kling does not document a rate per unit, so
 * these are spaced to keep slow clearly gentle and fast clearly below the extreme end.
 */
export const KLING_MAGNITUDE: Record<CameraSpeed, number> = { slow: 3, medium: 5, fast: 8 };

type Axis = keyof KlingCameraConfig;

/**
 * Which Kling axis and sign express each move. Kling's names are swapped relative to film usage:
 * its `pan` rotates about the x-axis (positive = up) and its `tilt` about the y-axis
 * (positive = right). `zoom` negative = narrower field of view (content grows = push in);
 * `roll` positive = clockwise; `horizontal`/`vertical` translate (positive = right/up).
 */
function klingAxis(move: Exclude<CameraMove, 'static'>, modifiers: readonly string[]): [Axis, 1 | -1] {
  switch (move) {
    case 'pan_right':
      return ['tilt', 1];
    case 'pan_left':
      return ['tilt', -1];
    case 'tilt_up':
      return modifiers.includes('crane') ? ['vertical', 1] : ['pan', 1];
    case 'tilt_down':
      return modifiers.includes('crane') ? ['vertical', -1] : ['pan', -1];
    case 'push_in':
      return ['zoom', -1];
    case 'pull_out':
      return ['zoom', 1];
    case 'roll_cw':
      return ['roll', 1];
    case 'roll_ccw':
      return ['roll', -1];
    case 'tracking':
      // Lateral camera travel; without a stated side we travel right (documented in README.md).
      return ['horizontal', modifiers.includes('left') ? -1 : 1];
  }
}

/** Kling `camera_control` for a move; null for a static shot (Kling needs one non-zero axis). */
export function toKlingCameraControl(move: StructuredMove): KlingCameraControl | null {
  if (move.move === 'static') return null;
  const [axis, sign] = klingAxis(move.move, move.modifiers);
  const config: KlingCameraConfig = { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: 0 };
  config[axis] = sign * KLING_MAGNITUDE[move.speed ?? 'medium'];
  return { type: 'simple', config };
}

const BRACKET_NAMES: Record<CameraMove, string> = {
  static: 'Static shot',
  pan_left: 'Pan left',
  pan_right: 'Pan right',
  tilt_up: 'Tilt up',
  tilt_down: 'Tilt down',
  push_in: 'Push in',
  pull_out: 'Pull out',
  roll_cw: 'Roll clockwise',
  roll_ccw: 'Roll counter-clockwise',
  tracking: 'Tracking shot',
};

/**
 * Bracketed prompt form: "[Pan right]", "[Slow push in]", "[Tracking shot, front left]". Medium
 * speed is left unsaid (it is the default reading); slow and fast are spelled out.
 */
export function toBracketText(move: StructuredMove): string {
  let name = BRACKET_NAMES[move.move];
  if (move.move === 'tilt_up' && move.modifiers.includes('crane')) name = 'Crane up';
  if (move.move === 'tilt_down' && move.modifiers.includes('crane')) name = 'Crane down';
  if (move.move === 'push_in' && move.modifiers.includes('zoom')) name = 'Zoom in';
  if (move.move === 'pull_out' && move.modifiers.includes('zoom')) name = 'Zoom out';
  if (move.move === 'tracking' && move.modifiers.includes('orbit')) name = 'Orbit';
  if (move.speed === 'slow' || move.speed === 'fast') {
    name = `${move.speed === 'slow' ? 'Slow' : 'Fast'} ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  }
  const sides = move.modifiers.filter((m) =>
    ['front', 'behind', 'left', 'right', 'side', 'overhead'].includes(m),
  );
  const detail = move.move === 'tracking' && sides.length > 0 ? `, ${sides.join(' ')}` : '';
  const hand = move.stability === 'handheld' && move.move !== 'static' ? ', handheld' : '';
  return `[${name}${detail}${hand}]`;
}
