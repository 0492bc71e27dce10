import type { CameraMove } from '../contract/camera-move.ts';
import { createRng } from './rng.ts';
import type { SynthArtifact } from './spec.ts';

/**
 * Camera state per frame in world pixels (1 world px = 1 output px at scale 1). The frame shows
 * world point `c + Rccw(-roll)·(u, v)/scale` at offset (u, v) from the frame centre, so:
 * cx grows ⇒ content slides left (pan_right); cy shrinks ⇒ content slides down (tilt_up);
 * scale grows ⇒ content grows (push_in); roll grows ⇒ content turns counter-clockwise (roll_cw).
 */
export type CameraState = { cx: number; cy: number; scale: number; rollRad: number };

export type PathInput = {
  move: CameraMove;
  /** Band units (see SynthSpec). */
  rate: number;
  width: number;
  height: number;
  fps: number;
  frames: number;
  trackingDirection: 'left' | 'right';
  artifacts: readonly SynthArtifact[];
  seed: number;
};

/** The intended (smooth) camera at time `timeS`. */
export function intendedCamera(input: PathInput, timeS: number): CameraState {
  const { rate, width, height } = input;
  const durationS = input.frames / input.fps;
  const state: CameraState = { cx: 0, cy: 0, scale: 1, rollRad: 0 };
  switch (input.move) {
    case 'pan_right':
      state.cx = rate * width * timeS;
      break;
    case 'pan_left':
      state.cx = -rate * width * timeS;
      break;
    case 'tracking':
      // The camera travels with the subject; the background slides the chosen way.
      state.cx = (input.trackingDirection === 'left' ? 1 : -1) * rate * width * timeS;
      break;
    case 'tilt_up':
      state.cy = -rate * height * timeS;
      break;
    case 'tilt_down':
      state.cy = rate * height * timeS;
      break;
    case 'push_in':
      state.scale = Math.exp(rate * timeS);
      break;
    case 'pull_out':
      // Start zoomed in and end at scale 1, so the widest view never exceeds the texture's detail.
      state.scale = Math.exp(rate * (durationS - timeS));
      break;
    case 'roll_cw':
      state.rollRad = (rate * timeS * Math.PI) / 180;
      break;
    case 'roll_ccw':
      state.rollRad = (-rate * timeS * Math.PI) / 180;
      break;
    case 'static':
      break;
  }
  return state;
}

function inRange(artifact: SynthArtifact, frame: number): boolean {
  return frame >= artifact.startFrame && frame <= (artifact.endFrame ?? artifact.startFrame);
}

/** Per-frame cameras including shake jitter and zoom jumps (the geometric artifacts). */
export function cameraPath(input: PathInput): CameraState[] {
  const rng = createRng(input.seed ^ 0x5a5a);
  const shakes = input.artifacts.filter((a) => a.kind === 'shake');
  const jumps = input.artifacts.filter((a) => a.kind === 'zoom_jump');
  const states: CameraState[] = [];
  let jx = 0;
  let jy = 0;
  let jr = 0;
  for (let i = 0; i < input.frames; i += 1) {
    const state = intendedCamera(input, i / input.fps);
    for (const jump of jumps) if (i >= jump.startFrame) state.scale *= 1.08 + 0.25 * jump.strength;
    const shake = shakes.find((a) => inRange(a, i));
    if (shake !== undefined) {
      // Handheld jitter: mostly independent per frame (high frequency), a little carry-over.
      const amp = input.width * (0.003 + 0.014 * shake.strength);
      jx = 0.3 * jx + 0.7 * amp * (2 * rng() - 1);
      jy = 0.3 * jy + 0.7 * amp * (2 * rng() - 1);
      jr = 0.3 * jr + ((0.7 * ((0.1 + 0.5 * shake.strength) * Math.PI)) / 180) * (2 * rng() - 1);
      state.cx += jx / state.scale;
      state.cy += jy / state.scale;
      state.rollRad += jr;
    } else {
      jx = 0;
      jy = 0;
      jr = 0;
    }
    states.push(state);
  }
  return states;
}

/** World-space bounding box seen by any of the cameras (frame corners mapped back to the world). */
export function worldBounds(
  states: readonly CameraState[],
  width: number,
  height: number,
  factor = 1,
): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const s of states) {
    const cos = Math.cos(s.rollRad);
    const sin = Math.sin(s.rollRad);
    for (const [u, v] of [
      [-width / 2, -height / 2],
      [width / 2, -height / 2],
      [-width / 2, height / 2],
      [width / 2, height / 2],
    ] as const) {
      const x = s.cx * factor + (u * cos - v * sin) / s.scale;
      const y = s.cy * factor + (u * sin + v * cos) / s.scale;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return { x0: x0 - 4, y0: y0 - 4, x1: x1 + 4, y1: y1 + 4 };
}
