import type { DefectCode } from '../contract/analysis.ts';
import type { CameraMove, CameraSpeed } from '../contract/camera-move.ts';
import type { TextureKind } from './texture.ts';

/**
 * What to render. Rates use the speed-band units of src/contract/camera-move.ts: translation =
 * fraction of the frame dimension along the motion per second (width for pan/tracking, height for
 * tilt); scale = relative scale change per second (d ln s / dt); roll = degrees per second.
 */
export type SynthSpec = {
  seed: number;
  width: number;
  height: number;
  fps: number;
  durationS: number;
  camera: {
    move: CameraMove;
    /** Band to render; ignored when `rate` is given. @default 'medium' */
    speed?: CameraSpeed | undefined;
    /** Exact rate in band units (positive); overrides `speed`. */
    rate?: number | undefined;
    /** Tracking only: which way the background slides. @default 'left' */
    trackingDirection?: 'left' | 'right' | undefined;
  };
  scene?: {
    /** Procedural texture kind. @default 'terrain' */
    texture?: TextureKind | undefined;
    /** Use a photo instead of a procedural texture (decoded via ffmpeg). */
    imageFile?: string | undefined;
    /** Second depth layer (sparse near objects) moving `factor`× the background. */
    parallax?: { factor: number } | undefined;
    /** Sensor-like grain amplitude in 8-bit levels (keeps static shots from being bit-identical). @default 2 */
    grain?: number | undefined;
  };
  subject?: SynthSubject | undefined;
  artifacts?: SynthArtifact[] | undefined;
  /** libx264 crf; ≥ 38 is "heavy compression". @default 20 */
  crf?: number | undefined;
};

export type SynthSubject = {
  /** Height as a fraction of frame height (0.15 small … 0.7 large). */
  size: number;
  /**
   * `held`: stays put in frame (tracking shots). `walk`: moves through the world at `speed`
   * (fraction of frame width per second, signed: + = rightwards), seen through the camera.
   */
  motion: 'held' | 'walk';
  speed?: number | undefined;
  /** Start position as fractions of the frame. @default {x: 0.5, y: 0.6} */
  start?: { x: number; y: number } | undefined;
  /**
   * Articulated limbs: legs and arms swing in a walking stride (rigid parts moving, not a
   * distortion — a nuisance the subject check must tolerate). @default false
   */
  gait?: boolean | undefined;
};

/** Defects the analyser must find (codes from the contract) and nuisances it must not call defects. */
export type SynthArtifactKind =
  | 'shake'
  | 'flicker'
  | 'cut'
  | 'freeze'
  | 'zoom_jump'
  | 'blur'
  | 'underexposed'
  | 'overexposed'
  | 'black_frames'
  | 'subject_distortion'
  | 'flash'
  | 'exposure_ramp'
  | 'motion_blur';

export type SynthArtifact = {
  kind: SynthArtifactKind;
  /** First affected frame (cut / zoom_jump / flash: the frame where it happens). */
  startFrame: number;
  /** Last affected frame, inclusive. @default startFrame */
  endFrame?: number | undefined;
  /** 0..1. */
  strength: number;
};

export const NUISANCE_KINDS = ['flash', 'exposure_ramp', 'motion_blur'] as const;

/** Ground truth of a rendered clip, in the analyser's vocabulary. */
export type SynthTruth = {
  width: number;
  height: number;
  fps: number;
  frames: number;
  durationS: number;
  camera: { move: CameraMove; speed: CameraSpeed | null; rate: number };
  /** First frame of each new shot. */
  cuts: number[];
  defects: { code: DefectCode; startFrame: number; endFrame: number; strength: number }[];
  /** Things that look odd but are not defects (flash, exposure ramp, motion blur, heavy compression, parallax). */
  nuisances: { kind: string; startFrame: number; endFrame: number; strength: number }[];
  subject: { size: number; motion: 'held' | 'walk'; speed: number } | null;
  crf: number;
};
