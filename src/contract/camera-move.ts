/**
 * The camera-move vocabulary shared by the camera-language parser, provider mapping and the
 * analyser, with the sign conventions of ARCHITECTURE.md (from the camera's point of view):
 * pan_right = camera turns right, image content slides LEFT; tilt_up = content slides DOWN;
 * push_in = content grows; roll_cw = camera rolls clockwise, content turns counter-clockwise;
 * tracking = background slides while the subject stays put; static = no camera motion.
 */
import { z } from 'zod';

export const CAMERA_MOVES = [
  'static',
  'pan_left',
  'pan_right',
  'tilt_up',
  'tilt_down',
  'push_in',
  'pull_out',
  'roll_cw',
  'roll_ccw',
  'tracking',
] as const;
export const CameraMoveSchema = z.enum(CAMERA_MOVES);
export type CameraMove = z.infer<typeof CameraMoveSchema>;

export const CAMERA_SPEEDS = ['slow', 'medium', 'fast'] as const;
export const CameraSpeedSchema = z.enum(CAMERA_SPEEDS);
export type CameraSpeed = z.infer<typeof CameraSpeedSchema>;

export const STABILITIES = ['locked', 'steady', 'handheld'] as const;
export const StabilitySchema = z.enum(STABILITIES);
export type Stability = z.infer<typeof StabilitySchema>;

/**
 * Speed bands — the single definition, used by the parser (what "slow" means) and the analyser
 * (what it measured). Translation moves: fraction of the frame dimension along the motion per
 * second; push/pull: relative scale change per second; roll: degrees per second.
 * slow < 6 %/s ≤ medium < 10 %/s ≤ fast; roll: slow < 2.5°/s ≤ medium < 4°/s ≤ fast.
 */
export const SPEED_BANDS = {
  translation: { mediumFrom: 0.06, fastFrom: 0.1, unit: 'frame fraction per second' },
  scale: { mediumFrom: 0.06, fastFrom: 0.1, unit: 'relative scale change per second' },
  roll: { mediumFrom: 2.5, fastFrom: 4, unit: 'degrees per second' },
} as const;

/** Which speed band family a move belongs to. */
export function speedFamily(move: CameraMove): keyof typeof SPEED_BANDS | null {
  switch (move) {
    case 'static':
      return null;
    case 'push_in':
    case 'pull_out':
      return 'scale';
    case 'roll_cw':
    case 'roll_ccw':
      return 'roll';
    default:
      return 'translation';
  }
}

/** Classifies a measured rate (in the move's family unit, absolute value) into a speed band. */
export function speedForRate(move: CameraMove, rate: number): CameraSpeed | null {
  const family = speedFamily(move);
  if (family === null) return null;
  const band = SPEED_BANDS[family];
  const magnitude = Math.abs(rate);
  if (magnitude >= band.fastFrom) return 'fast';
  if (magnitude >= band.mediumFrom) return 'medium';
  return 'slow';
}

/** A representative rate inside each band (for renderers such as the simulator). */
export function typicalRate(move: CameraMove, speed: CameraSpeed): number {
  const family = speedFamily(move);
  if (family === null) return 0;
  const band = SPEED_BANDS[family];
  if (speed === 'slow') return band.mediumFrom * 0.55;
  if (speed === 'medium') return (band.mediumFrom + band.fastFrom) / 2;
  return band.fastFrom * 1.6;
}

/** Structured camera move: what an intent parses into and what the analyser reports. */
export const StructuredMoveSchema = z.strictObject({
  move: CameraMoveSchema,
  speed: CameraSpeedSchema.nullable(),
  /** Secondary qualifiers, e.g. `front`, `left`, `orbit`, `reveal`, `crane`, `zoom` (lens, not dolly). */
  modifiers: z.array(z.string()).default([]),
  stability: StabilitySchema.nullable().default(null),
});
export type StructuredMove = z.infer<typeof StructuredMoveSchema>;
